#!/bin/sh
# The production web server, HTTP and WebSocket: what the Docker image, docker-compose
# and `make serve` run. Chosen by measurement (docs/deploy.md, bench/servers.py).
# HOST, PORT and WORKERS (default: one per core) come from the environment.
set -e
# Static files into STATIC_ROOT first, wherever the environment puts it: production's
# pages link hashed names from its manifest. Unchanged files are not copied again.
# COLLECT_STATIC=false skips it (a release step of the platform already did it).
if [ "${COLLECT_STATIC:-true}" != "false" ]; then
    python manage.py collectstatic --noinput -v 0
fi
WORKERS="${WORKERS:-$(nproc)}"
if [ -z "${REDIS_URL:-}" ] && [ "$WORKERS" -gt 1 ]; then
    echo "serve.sh: no REDIS_URL: each of the $WORKERS workers keeps its own cache, so an edit" \
         "may take up to an hour to show in the others' cached lists. Set REDIS_URL." >&2
fi
# glibc raises its mmap threshold as big blocks are freed, after which a decoded image
# (up to MEDIA_IMAGE_MAX_PIXELS, 153 MiB) stays in the worker's heap once it is done:
# a fixed threshold hands every block of 4 MiB or more back to the system when freed.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-4194304}"
exec granian --interface asgi \
    --host "${HOST:-0.0.0.0}" --port "${PORT:-8000}" \
    --workers "$WORKERS" --loop uvloop \
    --log-level warning --no-access-log \
    portfolio.asgi:application
