from rest_framework.throttling import SimpleRateThrottle


class TelemetryRateThrottle(SimpleRateThrottle):
    """Per client IP, signed in or not: telemetry is about browsers, not accounts."""

    scope = "telemetry"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
