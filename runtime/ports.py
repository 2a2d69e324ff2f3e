"""Free local ports for processes started side by side.

Ports are drawn below the kernel's ephemeral range (``/proc/sys/net/ipv4/ip_local_port_range``,
usually from 32768), so that a port handed out now is not taken by an outgoing connection before
its server gets round to binding it, and no port is handed out twice by one process.
"""

from __future__ import annotations

import random
import socket

LOWEST, HIGHEST = 20000, 32000
_given: set[int] = set()


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


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
