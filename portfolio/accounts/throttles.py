"""Login attempts, throttled per client IP and per account, both at LOGIN_RATE_LIMIT.

"Per account" means one bucket whether the username or the email is typed, in any
case: the identifier is resolved to the account it names. Both fail closed: with
the throttle store down, sign-in answers 503 rather than allowing unlimited guesses.
"""

import hashlib

from portfolio.accounts.selectors import account_id_for_identifier
from portfolio.api.throttles import ClientIpRateThrottle, ResilientRateThrottle

CLOSED = "Sign-in is unavailable for a moment. Please try again shortly."


class LoginIpThrottle(ClientIpRateThrottle):
    scope = "login"
    fail_open = False
    closed_message = CLOSED


class LoginUsernameThrottle(ResilientRateThrottle):
    """Guessing one account's password from many addresses still hits this one."""

    scope = "login_username"
    fail_open = False
    closed_message = CLOSED

    def get_cache_key(self, request, view):
        identifier = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(identifier, str) or not identifier.strip():
            return None
        account_id = account_id_for_identifier(identifier.strip())
        if account_id is not None:
            ident = f"user-{account_id}"
        else:
            # No such account: still one bucket per identifier, Alice = alice. Hashed,
            # so the cache key holds no user-chosen text.
            normalised = identifier.strip().casefold().encode("utf-8", "surrogatepass")
            ident = hashlib.sha256(normalised).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
