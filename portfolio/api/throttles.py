"""Rate limits that hold under concurrency and survive their store (the shared cache,
Redis in production) going away.

DRF's SimpleRateThrottle reads a history and writes it back: two steps, so parallel
requests all pass the read. Here the counting is one atomic increment of a counter that
expires a whole period after its first hit (`cache.add` then `cache.incr`: Redis INCR,
or the local-memory cache's lock), so a burst gets exactly the allowance.

Most limits fail open to a per-process counter at the same rate; the login ones fail
closed with a 503, because an unlimited password guesser is worse than a sign-in that
waits for Redis."""

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


class AtomicRateThrottle(SimpleRateThrottle):
    """SimpleRateThrottle's interface (scope, rate, get_cache_key, wait) over a counter.

    A refused request counts too: the window still ends a period after its first hit,
    so hammering never extends it, and nothing is read before it is counted."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        self.count = self.count_hit()
        return self.count <= self.num_requests

    def count_hit(self) -> int:
        """This hit's number in the current window, counted atomically."""
        while True:
            if self.cache.add(self.key, 1, timeout=self.duration):
                # The window's start, read only to tell a refused client how long to wait.
                self.cache.add(f"{self.key}:start", self.now, timeout=self.duration)
                return 1
            try:
                return self.cache.incr(self.key)
            except ValueError:  # expired between the two calls: open a new window
                continue

    def wait(self):
        if getattr(self, "count", 0) <= self.num_requests:
            return None
        started = self.cache.get(f"{self.key}:start")
        if started is None:
            return self.duration
        return max(0.0, started + self.duration - self.now)


class ResilientRateThrottle(AtomicRateThrottle):
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

    def wait(self):
        try:
            return super().wait()
        except CACHE_ERRORS:
            return self.duration


class ClientIpRateThrottle(ResilientRateThrottle):
    """Per client IP (DRF's get_ident), signed in or not: a token buys no second allowance."""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ChatRateThrottle(ClientIpRateThrottle):
    scope = "chat"  # shared by the assistant and the CV questions
