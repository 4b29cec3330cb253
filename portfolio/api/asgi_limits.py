"""Request-body limits at the ASGI edge.

Under ASGI, Django reads the whole request body into a temporary file before any
middleware or view runs, so a view's upload handler alone cannot stop a huge upload
early. This wrapper answers 413 at once when the declared Content-Length is over the
path's limit (MEDIA_UPLOAD_MAX_BYTES, REQUEST_BODY_MAX_BYTES), and counts the bytes of
a body sent without one (chunked), answering 413 as soon as they pass it.

A body without a Content-Length is read here, whole, up to that same limit, and handed
on with its length declared: Django and DRF read a request without one as empty, so a
chunked login or contact form would otherwise be "username: This field is required."
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from portfolio.api.exceptions import error_body
from portfolio.api.language import scope_language
from portfolio.api.renderers import dumps
from portfolio.api.uploads import MULTIPART_OVERHEAD


class RequestBodyLimitMiddleware:
    def __init__(self, app, *, path_limits=None, default_limit=None):
        self.app = app
        media = settings.MEDIA_UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD
        self.path_limits = path_limits or (("/api/v1/upload", media), ("/api/upload", media))
        self.default_limit = default_limit or settings.REQUEST_BODY_MAX_BYTES

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["path"])
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            return await _too_large(scope, send, limit)
        if b"content-length" not in headers:
            return await self.with_length_declared(scope, receive, send, limit)
        received, refused = 0, False

        async def counting_receive():
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Django stops reading at a disconnect and answers nothing.
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, counting_receive, send)
        if refused:
            await _too_large(scope, send, limit)

    async def with_length_declared(self, scope, receive, send, limit):
        """Reads a body sent without a length (chunked), refusing it the moment it
        passes `limit`, then runs the app as if the length had been declared."""
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return await _too_large(scope, send, limit)
            chunks.append(chunk)
            more = message.get("more_body", False)
        headers = [(k, v) for k, v in scope["headers"] if k != b"transfer-encoding"]
        scope = {**scope, "headers": [*headers, (b"content-length", str(size).encode())]}
        body = b"".join(chunks)
        del chunks
        handed_on = False

        async def replay():
            nonlocal handed_on
            if handed_on:
                return await receive()  # after the body: the disconnect, when it comes
            handed_on = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    def limit_for(self, path) -> int:
        for prefix, limit in self.path_limits:
            if path == prefix or path.startswith(prefix + "/"):
                return limit
        return self.default_limit


async def _too_large(scope, send, limit):
    # Sent before any middleware runs: the language is decided from the scope.
    request_headers = dict(scope["headers"])
    with translation.override(scope_language(scope)):
        message = gettext("The request body is larger than %(size)s MB.") % {
            "size": f"{limit / (1024 * 1024):.1f}"
        }
        body = dumps(error_body(413, message))
        language = translation.get_language()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"content-language", language.encode()),
        (b"connection", b"close"),
    ]
    origin = request_headers.get(b"origin", b"")
    if origin.decode("latin-1") in settings.CORS_ALLOWED_ORIGINS:
        # The CORS middleware never sees this response; without these a browser
        # would report a CORS failure instead of the 413.
        headers += [
            (b"access-control-allow-origin", origin),
            (b"access-control-allow-credentials", b"true"),
            (b"vary", b"Origin"),
        ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
