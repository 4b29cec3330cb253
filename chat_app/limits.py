"""Per-connection flood control for the chat sockets."""

import time
from collections import deque

from django.core.cache import caches

from portfolio.api.throttles import CACHE_ERRORS, local_limits

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/min' -> (10, 60), the same notation as the DRF throttles."""
    count, period = rate.split("/")
    return int(count), PERIODS[period.strip()[0]]


class SlidingWindow:
    def __init__(self, rate: str, clock=time.monotonic):
        self.limit, self.window = parse_rate(rate)
        self.clock = clock
        self.hits: deque[float] = deque()

    def allow(self) -> bool:
        now = self.clock()
        while self.hits and now - self.hits[0] >= self.window:
            self.hits.popleft()
        if len(self.hits) >= self.limit:
            return False
        self.hits.append(now)
        return True

    def retry_after(self) -> int:
        if not self.hits:
            return 0
        return max(1, int(self.window - (self.clock() - self.hits[0])) + 1)


async def ip_window_wait(*, ip_key: str, rate: str) -> int:
    """Seconds to wait before this IP may send again; 0 when it may now.

    A fixed window per client IP in the shared cache: across all of one visitor's
    sockets and, with Redis, across every web process. Reconnecting does not reset it.
    """
    limit, window = parse_rate(rate)
    now = time.time()
    key = f"chat-socket:{ip_key}:{int(now // window)}"
    try:
        count = await _count(caches["strict"], key, window)
    except CACHE_ERRORS:
        # The shared store is down: count in this process, as the HTTP throttles do.
        count = await _count(local_limits, key, window)
    return 0 if count <= limit else max(1, int(window - now % window))


async def _count(store, key, window) -> int:
    await store.aadd(key, 0, timeout=window)
    try:
        return await store.aincr(key)
    except ValueError:  # the window expired between the two calls
        await store.aset(key, 1, timeout=window)
        return 1
