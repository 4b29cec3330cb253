from rest_framework.throttling import SimpleRateThrottle


class ContactRateThrottle(SimpleRateThrottle):
    """CONTACT_RATE_LIMIT per client IP, signed in or not: the form is anonymous and
    a token should not buy anyone a second allowance."""

    scope = "contact"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
