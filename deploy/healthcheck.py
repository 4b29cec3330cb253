"""Docker HEALTHCHECK for the web container: GET /api/v1/health from inside it.

Sent with a Host the site accepts (the first of ALLOWED_HOSTS) and
`X-Forwarded-Proto: https`, so production's host check and HTTPS redirect treat
it like a request that came through the proxy. Exit 0 when the app answers 200
(healthy, or degraded: an optional dependency is down), 1 otherwise (503 means
the database is down; no answer means the server is stuck). Standard library
only, so it costs no Django start-up every 30 seconds.
"""

import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/api/v1/health")
TIMEOUT_SECONDS = 4


def host_header():
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and "*" not in host:
            return host
    return None


def main():
    headers = {"X-Forwarded-Proto": "https"}
    host = host_header()
    if host:
        headers["Host"] = host
    request = urllib.request.Request(URL, headers=headers)  # noqa: S310 - a fixed local URL
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
