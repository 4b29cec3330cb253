from portfolio.api.throttles import ClientIpRateThrottle


class ContactRateThrottle(ClientIpRateThrottle):
    """CONTACT_RATE_LIMIT per client IP."""

    scope = "contact"
