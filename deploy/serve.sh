#!/bin/sh
# The production web server, HTTP and WebSocket: what the Docker image, docker-compose
# and `make serve` run. Chosen by measurement (docs/deploy.md, bench/servers.py).
# HOST, PORT and WORKERS (default: one per core) come from the environment.
set -e
exec granian --interface asgi \
    --host "${HOST:-0.0.0.0}" --port "${PORT:-8000}" \
    --workers "${WORKERS:-$(nproc)}" --loop uvloop \
    --log-level warning --no-access-log \
    portfolio.asgi:application
