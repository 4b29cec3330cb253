"""ASGI middleware for the chat sockets: only the site's own origins may open one.

Browsers always send Origin on a WebSocket handshake, so a foreign page cannot
borrow a visitor's browser to talk to the assistant. Clients that send no
Origin (scripts, server-side code) could forge any value anyway and are let in.
"""

from urllib.parse import urlsplit

from django.conf import settings

FORBIDDEN_ORIGIN = 4403


def origin_allowed(origin: str, host: str) -> bool:
    if origin in settings.CORS_ALLOWED_ORIGINS:
        return True
    # The backend's own pages (the admin, the API docs) are same-origin.
    return bool(host) and urlsplit(origin).netloc == host


class OriginCheckMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            headers = dict(scope.get("headers", []))
            origin = headers.get(b"origin", b"").decode("latin1")
            host = headers.get(b"host", b"").decode("latin1")
            if origin and not origin_allowed(origin, host):
                return await self._refuse(receive, send)
        return await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(receive, send):
        # Accept, then close with an application code the client can read; a
        # refused handshake would only show the browser a generic 1006.
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": FORBIDDEN_ORIGIN})
