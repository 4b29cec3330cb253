"""ASGI entry point: HTTP through Django, WebSocket through Channels."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")

# Django must be set up before anything imports models (the routing below does).
django.setup(set_prefix=False)

from portfolio.api.async_middleware import ASGIHandler  # noqa: E402

# Django's handler with every middleware hook run on the event loop (no thread per hook).
django_asgi_app = ASGIHandler()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from chat_app.routing import websocket_application  # noqa: E402
from cv_app import runner as cv_runner  # noqa: E402
from portfolio.api.asgi_limits import RequestBodyLimitMiddleware  # noqa: E402
from portfolio.api.edge_cache import EdgeCacheMiddleware  # noqa: E402

# Without a broker, CVs are processed by a thread of this process (cv_app/runner.py).
cv_runner.start_if_embedded()

application = ProtocolTypeRouter(
    {
        # Repeats of cached public reads are answered before Django (no thread hops);
        # Django buffers a whole body before any view runs, so big ones stop here too.
        "http": EdgeCacheMiddleware(RequestBodyLimitMiddleware(django_asgi_app)),
        # Visitors chat anonymously: the only gate is the page's origin.
        "websocket": websocket_application,
    }
)
