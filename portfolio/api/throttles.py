"""Rate limits that survive their store (the shared cache, Redis in production) going away:
most fail open to a per-process limiter at the same rate; the login ones fail closed with a
503, because an unlimited password guesser is worse than a sign-in that waits for Redis."""

import logging

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils.connection import ConnectionProxy
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from portfolio.api.errors import ServiceUnavailableError

logger = logging.getLogger(__name__)
# What the "strict" cache (no IGNORE_EXCEPTIONS) raises when its server is gone.
CACHE_ERRORS = (OSError, RedisError, ConnectionInterrupted)

local_limits = LocMemCache("throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


class ResilientRateThrottle(SimpleRateThrottle):
    fail_open = True  # False: refuse with 503 while the store is down, not count locally
    closed_message = "This is unavailable for a moment. Please try again shortly."
    cache = ConnectionProxy(caches, "strict")

    def get_rate(self):  # read per request, not at import: a changed setting applies at once
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
    """Per client IP (DRF's get_ident), signed in or not: a token buys no second allowance."""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ChatRateThrottle(ClientIpRateThrottle):
    scope = "chat"  # shared by the assistant and the CV questions
