"""Request-body limits at the ASGI edge.

Under ASGI (daphne), Django reads the whole request body into a temporary file
before any middleware or view runs, so a view's upload handler alone cannot stop
a huge upload early. This wrapper can: it answers 413 at once when the declared
Content-Length is over the path's limit, and when a body arrives without one
(chunked) it counts the bytes as they come and answers 413 as soon as they pass.
Bodies within the limit reach Django unchanged; the views' own checks
(portfolio/api/uploads.py) then apply exact per-file limits.
"""

from django.conf import settings

from portfolio.api.exceptions import error_body
from portfolio.api.renderers import dumps
from portfolio.api.uploads import MULTIPART_OVERHEAD

MB = 1024 * 1024
# (path prefix, largest body) for the upload endpoints with a limit below the default.
PATH_LIMITS = (
    ("/api/v1/upload", 5 * MB + MULTIPART_OVERHEAD),
    ("/api/upload", 5 * MB + MULTIPART_OVERHEAD),
)
# The largest file the API accepts anywhere is a 10 MB CV; leave room around it.
DEFAULT_LIMIT = 11 * MB


class RequestBodyLimitMiddleware:
    def __init__(self, app, *, path_limits=PATH_LIMITS, default_limit=DEFAULT_LIMIT):
        self.app = app
        self.path_limits = path_limits
        self.default_limit = default_limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            return await _too_large(scope, send, limit)

        received, refused, started = 0, False, False

        async def counting_receive():
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Django stops reading at a disconnect and sends nothing.
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, tracking_send)
        if refused and not started:
            await _too_large(scope, send, limit)

    def limit_for(self, path) -> int:
        for prefix, limit in self.path_limits:
            if path == prefix or path.startswith(prefix + "/"):
                return limit
        return self.default_limit


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(scope, send, limit):
    body = dumps(error_body(413, f"The request body is larger than {limit / MB:.1f} MB."))
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *_cors_headers(scope),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _cors_headers(scope):
    # The CORS middleware never sees this response; without these a browser would
    # report a CORS failure instead of the 413.
    origin = dict(scope.get("headers", [])).get(b"origin", b"").decode("latin-1")
    if origin and origin in settings.CORS_ALLOWED_ORIGINS:
        return [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-credentials", b"true"),
            (b"vary", b"Origin"),
        ]
    return []
