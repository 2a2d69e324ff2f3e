"""Free local ports for processes started side by side.

Ports are drawn below the kernel's ephemeral range (``/proc/sys/net/ipv4/ip_local_port_range``,
usually from 32768), so that a port handed out now is not taken by an outgoing connection before
its server gets round to binding it, and no port is handed out twice by one process.
"""

from __future__ import annotations

import errno
import random
import socket
from typing import Optional

LOWEST, HIGHEST = 20000, 32000
_given: set[int] = set()


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def bind_problem(host: str, port: int) -> Optional[str]:
    """Why a server could not listen on ``host``:``port``: ``"address"`` (not an address of this machine),
    ``"in use"``, or None when it could."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return "address"
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as error:
            return "address" if error.errno == errno.EADDRNOTAVAIL else "in use"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now and that this process has not handed out before.

    Raises:
        RuntimeError: no such port was found in 1,000 tries.
    """
    for _ in range(1000):
        port = random.randrange(LOWEST, HIGHEST)
        if port not in _given and _bindable(port):
            _given.add(port)
            return port
    raise RuntimeError(f"No free port between {LOWEST} and {HIGHEST}.")
