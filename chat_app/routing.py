from urllib.parse import urlparse

from channels.routing import URLRouter
from channels.security.websocket import OriginValidator
from django.conf import settings
from django.urls import re_path

from chat_app.consumers import ChatConsumer, ResumeChatConsumer, UnknownPathConsumer

websocket_urlpatterns = [
    re_path(r"^ws/chat/?$", ChatConsumer.as_asgi()),
    re_path(r"^ws/(?P<client_id>[A-Za-z0-9._:-]{8,128})/?$", ResumeChatConsumer.as_asgi()),
    re_path(r"", UnknownPathConsumer.as_asgi()),
]


class SiteOriginValidator(OriginValidator):
    """Channels' origin check, with two differences.

    A socket without an Origin is let in: browsers always send one, so a foreign
    page cannot borrow a visitor's browser without it, and scripts or server-side
    clients could forge any value anyway. A foreign origin is accepted and then
    closed with 4403, a code the client can read; Channels' refused handshake would
    show the browser only a generic 1006.
    """

    async def __call__(self, scope, receive, send):
        origin = dict(scope["headers"]).get(b"origin", b"").decode("latin1")
        try:
            allowed = not origin or self.valid_origin(urlparse(origin))
        except ValueError:  # not a URL: "http://[", a port that is not a number
            allowed = False
        if allowed:
            return await self.application(scope, receive, send)
        if (await receive())["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": 4403})


# The frontends CORS allows, and the site's own pages (the home page's chat, any
# host in ALLOWED_HOSTS, as Channels' AllowedHostsOriginValidator does).
websocket_application = SiteOriginValidator(
    URLRouter(websocket_urlpatterns), [*settings.CORS_ALLOWED_ORIGINS, *settings.ALLOWED_HOSTS]
)
