"""ASGI entry point: HTTP through Django, WebSocket through Channels."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")

# Sets Django up, which must happen before anything imports models (the routing below does).
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from chat_app.routing import websocket_application  # noqa: E402
from cv_app import runner as cv_runner  # noqa: E402
from portfolio import publishing  # noqa: E402
from portfolio.api.asgi_limits import RequestBodyLimitMiddleware  # noqa: E402
from portfolio.api.edge_cache import EdgeCacheMiddleware  # noqa: E402

# Without a broker, CVs are processed by a thread of this process (cv_app/runner.py).
cv_runner.start_if_embedded()
# Scheduled items' events (published/unpublished) are noticed by a ticker thread.
publishing.start_ticker_if_embedded()


def http_application():
    """Django behind the body limits (Django buffers a whole body before any view runs,
    so big ones stop there) and, unless settings.EDGE_CACHE is off, the edge cache,
    which answers repeats of cached public reads before Django (no thread hops)."""
    app = RequestBodyLimitMiddleware(django_asgi_app)
    return EdgeCacheMiddleware(app) if settings.EDGE_CACHE else app


application = ProtocolTypeRouter(
    {
        "http": http_application(),
        # Visitors chat anonymously: the only gate is the page's origin.
        "websocket": websocket_application,
    }
)

# Everything loaded by now lives as long as the worker. Left to the collector, each
# full pass walks all of it (about 190,000 objects: a 100-600 ms stop of the worker,
# measured, the p99 tail under load); frozen, a pass walks only what came after. The
# URLconf first, so that the views are loaded now rather than by the first request.
get_resolver().url_patterns  # noqa: B018
gc.collect()
gc.freeze()
