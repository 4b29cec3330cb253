"""Flood control for the chat sockets: DRF's throttle, counting frames, not requests."""

import math
import time

from asgiref.sync import sync_to_async
from django.conf import settings

from portfolio.api.throttles import ClientIpRateThrottle, ResilientRateThrottle


class ChatHistoryRateThrottle(ClientIpRateThrottle):
    scope = "chat_history"  # reading histories is not a way to probe session ids


class FrameThrottle(ResilientRateThrottle):
    """`rate` for one `ident`, counted like every HTTP limit (one atomic increment)."""

    def __init__(self, *, scope, rate, ident):
        self.scope, self.rate, self.ident = scope, rate, ident
        super().__init__()

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}

    def seconds_to_wait(self) -> int:
        if self.allow_request(None, None):
            return 0
        return math.ceil(self.wait() or self.duration)


class _OwnCounter:
    """One socket's store, shared with no one: the three calls the counting makes."""

    def __init__(self):
        self.entries = {}  # key: (value, expires at)

    def get(self, key, default=None):
        value, expires = self.entries.get(key, (default, 0.0))
        return value if expires > time.time() else default

    def add(self, key, value, timeout):
        if self.get(key) is not None:
            return False
        self.entries[key] = (value, time.time() + timeout)
        return True

    def incr(self, key):
        if self.get(key) is None:
            raise ValueError(key)
        value, expires = self.entries[key]
        self.entries[key] = (value + 1, expires)
        return value + 1


class SocketRate:
    """The socket's own WS_RATE_LIMIT, then its client's CHAT_RATE_LIMIT (the budget
    of HTTP chat) across every socket and, with Redis, every process: reconnecting
    does not reset it. Rates are read as the socket opens and per frame."""

    def __init__(self, ip_hash):
        self.ip_hash = ip_hash
        self.own = FrameThrottle(scope="ws", rate=settings.WS_RATE_LIMIT, ident="")
        self.own.cache = _OwnCounter()
        self.frames = FrameThrottle(scope="frames", rate=settings.WS_FRAME_RATE_LIMIT, ident="")
        self.frames.cache = _OwnCounter()

    def frame_wait(self) -> int:
        """WS_FRAME_RATE_LIMIT: every frame, of any type, counted before it is parsed."""
        return self.frames.seconds_to_wait()

    async def wait(self) -> int:
        """Seconds to wait before this socket may send again; 0 when it may now."""
        if wait := self.own.seconds_to_wait():
            return wait
        rate = settings.CHAT_RATE_LIMIT
        shared = FrameThrottle(scope="chat-socket", rate=rate, ident=self.ip_hash)
        return await sync_to_async(shared.seconds_to_wait)()
