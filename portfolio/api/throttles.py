"""Rate limits that survive their store going away.

The throttles count in the shared cache (Redis in production). When it cannot be
reached they do not answer 500: most fail open to a limiter in this process's
memory (the same rate, per process instead of site-wide), and the login ones fail
closed with a 503, because an unlimited password guesser is worse than a sign-in
that waits for Redis. Rates are read when a request arrives, not at import, so a
changed setting applies at once.
"""

import logging

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils.connection import ConnectionProxy
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from portfolio.api.caching import CACHE_ERRORS
from portfolio.api.errors import ServiceUnavailableError

logger = logging.getLogger(__name__)

# Per process, used only while the shared store is down.
local_limits = LocMemCache("throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


class ResilientRateThrottle(SimpleRateThrottle):
    # False: refuse with 503 while the store is down instead of counting locally.
    fail_open = True
    closed_message = "This is unavailable for a moment. Please try again shortly."
    cache = ConnectionProxy(caches, "strict")

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as exc:
            logger.warning("Throttle store unavailable (%s): %s", self.scope, exc)
            if not self.fail_open:
                raise ServiceUnavailableError(
                    self.closed_message, headers={"Retry-After": "30"}
                ) from None
            # A throttle lives for one request (or one socket frame).
            self.cache = local_limits
            return super().allow_request(request, view)


class ClientIpRateThrottle(ResilientRateThrottle):
    """A scope's rate per client IP, signed in or not: the public forms are
    anonymous, and a token must not buy anyone a second allowance. The address is
    read as DRF reads it, believing X-Forwarded-For only through NUM_PROXIES."""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ChatRateThrottle(ClientIpRateThrottle):
    """CHAT_RATE_LIMIT: shared by the assistant and the CV questions."""

    scope = "chat"


class ChatHistoryRateThrottle(ClientIpRateThrottle):
    """CHAT_HISTORY_RATE_LIMIT: reading histories is not a way to probe session ids."""

    scope = "chat_history"


class HealthRateThrottle(ClientIpRateThrottle):
    """HEALTH_RATE_LIMIT: each health answer may run every backend check."""

    scope = "health"
