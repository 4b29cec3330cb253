from portfolio.api.throttles import ClientIpRateThrottle


class TelemetryRateThrottle(ClientIpRateThrottle):
    """TELEMETRY_RATE_LIMIT per client IP: telemetry is about browsers, not accounts."""

    scope = "telemetry"
