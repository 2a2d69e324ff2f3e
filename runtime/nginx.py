"""The nginx configurations of the cluster: a public balancer in front of the Rasa servers, and an
internal one in front of the action servers. They run as two nginx processes so that the public
one can stop first while the Rasa servers still reach their action servers to finish their turns.

- ``/socket.io/`` goes to one Rasa server per client address (``ip_hash``): Rasa's socket.io
  channel keeps a socket's state in the process that accepted it, so a widget must stay there.
- Everything else (REST, Slack, the health routes) goes round robin; a server that refuses
  connections is skipped for ``fail_timeout`` and the request goes to the next one. A request
  already sent is never retried (a turn must not be processed twice).
- The action servers are balanced round robin over kept-alive connections.

Request and response bodies stay in memory (up to 10 MB, far above a long conversation's
tracker): nginx's workers run as an unprivileged user that may not write under the state folder.
"""

from __future__ import annotations

from pathlib import Path

TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def _servers(ports: list[int]) -> str:
    return "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports)


def _conf(name: str, state: Path, http: str) -> str:
    temp = "\n".join(f"    {kind}_temp_path {state / (kind + '_temp')};" for kind in TEMP_KINDS)
    return f"""# Written by python -m runtime cluster; rewritten at every start.
worker_processes 1;
daemon off;
pid {state / (name + ".pid")};
error_log {state / (name + "-error.log")} warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_max_body_size 10m;
    client_body_buffer_size 10m;
    proxy_buffers 64 16k;
    proxy_max_temp_file_size 0;
    proxy_http_version 1.1;
    proxy_read_timeout 60s;
    proxy_next_upstream error timeout http_502 http_503;
{temp}
{http}}}
"""


def public_conf(host: str, port: int, rasa_ports: list[int], state: Path) -> str:
    """nginx.conf text of the public balancer; ``state`` holds its pid file, error log and temporary files."""
    return _conf(
        "nginx-public",
        state,
        f"""    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    upstream rasa {{
{_servers(rasa_ports)}
    }}
    upstream rasa_sticky {{
        ip_hash;
{_servers(rasa_ports)}
    }}
    server {{
        listen {host}:{port};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        location /socket.io/ {{
            proxy_pass http://rasa_sticky;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }}
        location / {{
            proxy_pass http://rasa;
            proxy_set_header Connection "";
        }}
    }}
""",
    )


def actions_conf(port: int, action_ports: list[int], state: Path) -> str:
    """nginx.conf text of the internal balancer in front of the action servers (127.0.0.1 only)."""
    return _conf(
        "nginx-actions",
        state,
        f"""    upstream actions {{
{_servers(action_ports)}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://actions;
            proxy_set_header Connection "";
        }}
    }}
""",
    )
