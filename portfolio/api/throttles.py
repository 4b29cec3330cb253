from rest_framework.throttling import SimpleRateThrottle


class ClientIpRateThrottle(SimpleRateThrottle):
    """A scope's rate per client IP, signed in or not: the public forms are
    anonymous, and a token must not buy anyone a second allowance. The address is
    read as DRF reads it, believing X-Forwarded-For only through NUM_PROXIES."""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ChatRateThrottle(ClientIpRateThrottle):
    """CHAT_RATE_LIMIT: shared by the assistant and the CV questions."""

    scope = "chat"
