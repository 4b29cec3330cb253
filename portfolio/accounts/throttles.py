"""Login attempts, throttled per client IP and per submitted username, both at
LOGIN_RATE_LIMIT. The rate is read when a request arrives, not at import, so a
changed setting applies at once."""

import hashlib

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from portfolio.api.throttles import ClientIpRateThrottle


class _LiveRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class LoginIpThrottle(_LiveRateThrottle, ClientIpRateThrottle):
    scope = "login"


class LoginUsernameThrottle(_LiveRateThrottle):
    """Guessing one account's password from many addresses still hits this one."""

    scope = "login_username"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username.strip():
            return None
        # Hashed: the cache key holds no user-chosen text, and Alice = alice.
        ident = hashlib.sha256(username.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
