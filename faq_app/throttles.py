from portfolio.api.throttles import ClientIpRateThrottle


class FeedbackRateThrottle(ClientIpRateThrottle):
    scope = "feedback"  # FEEDBACK_RATE_LIMIT, per client IP
