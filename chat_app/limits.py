"""Per-connection flood control for the chat sockets."""

import time
from collections import deque

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
