"""The nginx configurations of the cluster: a public balancer in front of the Rasa servers, and an
internal one in front of the action servers. They run as two nginx processes so that the public
one can stop first while the Rasa servers still reach their action servers to finish their turns.

- ``/socket.io/`` goes to one Rasa server per client address (``ip_hash``): Rasa's socket.io
  channel keeps a socket's state in the process that accepted it, so a widget must stay there.
- Everything else (REST, Slack, the health routes) goes round robin. A request goes to the other
  server only when the first one could not be reached (``proxy_next_upstream error``: connection
  refused or reset before the request was sent; nginx never resends a POST it has sent). A turn
  that reached a Rasa server is never retried: the server may have taken it.
- Load: nginx accepts every connection (listen backlog ``BACKLOG``), so no client waits on the
  kernel. Turns (``/webhooks/``) enter at most ``TURNS_PER_SECOND_PER_SERVER`` per second per
  server; up to ``QUEUE`` more wait in nginx's queue (the first ``QUEUE // 2`` of them are not
  delayed), and each Rasa server has at most ``IN_FLIGHT_PER_SERVER`` requests at once. A turn
  beyond those gets at once ``503`` with ``Retry-After`` and the JSON body a Rasa server refuses
  with (``runtime.admission``); so does one whose server failed under it (nginx's own 502/504), with the same
  advice: send it again in a few seconds. A Rasa server refuses on its own what it cannot start
  within its wait budget (``runtime.admission``); nginx passes that 503 on as it is. A turn is
  answered or refused after about QUEUE / rate (1 s here) + that budget (2 s) + its own time.
- The action servers are balanced round robin over kept-alive connections.

Request and response bodies stay in memory (up to 10 MB, far above a long conversation's
tracker): nginx's workers run as an unprivileged user that may not write under the state folder.
"""

from __future__ import annotations

from pathlib import Path

from runtime.admission import BUSY_BODY, RETRY_AFTER_S

TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
BACKLOG = 4096
TURNS_PER_SECOND_PER_SERVER = 30
QUEUE = 60
IN_FLIGHT_PER_SERVER = 32


def _servers(ports: list[int], limit: str = "") -> str:
    return "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s{limit};" for port in ports)


def _conf(name: str, state: Path, http: str) -> str:
    temp = "\n".join(f"    {kind}_temp_path {state / (kind + '_temp')};" for kind in TEMP_KINDS)
    return f"""# Written by python -m runtime cluster; rewritten at every start.
worker_processes 1;
daemon off;
pid {state / (name + ".pid")};
error_log {state / (name + "-error.log")} warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_max_body_size 10m;
    client_body_buffer_size 10m;
    proxy_buffers 64 16k;
    proxy_max_temp_file_size 0;
    proxy_http_version 1.1;
    proxy_connect_timeout 2s;
    proxy_read_timeout 60s;
    proxy_next_upstream error;
    proxy_next_upstream_tries 2;
{temp}
{http}}}
"""


def public_conf(host: str, port: int, rasa_ports: list[int], state: Path) -> str:
    """nginx.conf text of the public balancer; ``state`` holds its pid file, error log and temporary files."""
    rate = TURNS_PER_SECOND_PER_SERVER * len(rasa_ports)
    body = BUSY_BODY.replace("'", "\\'")
    return _conf(
        "nginx-public",
        state,
        f"""    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    limit_req_zone $server_port zone=turns:1m rate={rate}r/s;
    limit_req_status 503;
    limit_req_log_level warn;
    upstream rasa {{
        zone rasa 64k;
{_servers(rasa_ports, f" max_conns={IN_FLIGHT_PER_SERVER}")}
    }}
    upstream rasa_sticky {{
        ip_hash;
{_servers(rasa_ports)}
    }}
    server {{
        listen {host}:{port} backlog={BACKLOG};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        error_page 502 503 504 = @busy;
        location /socket.io/ {{
            proxy_pass http://rasa_sticky;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }}
        location /webhooks/ {{
            limit_req zone=turns burst={QUEUE} delay={QUEUE // 2};
            proxy_pass http://rasa;
            proxy_set_header Connection "";
        }}
        location / {{
            proxy_pass http://rasa;
            proxy_set_header Connection "";
        }}
        location @busy {{
            default_type application/json;
            add_header Retry-After {RETRY_AFTER_S} always;
            add_header Cache-Control no-store always;
            return 503 '{body}';
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
