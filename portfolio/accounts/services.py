"""Sign-in with JWTs (simplejwt): login by username or email, rotating refresh
tokens (the used one is blacklisted, so it works once), logout by blacklisting."""

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import update_last_login
from django.db import transaction
from django.utils.translation import gettext
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from portfolio.accounts.selectors import account_by_identifier
from portfolio.accounts.tokens import RefreshToken
from portfolio.api.errors import ApplicationError

BAD_CREDENTIALS = "The username or password is not correct."
BAD_REFRESH = "The refresh token is invalid, expired or already used."


class AuthenticationError(ApplicationError):
    status_code = 401


def auth_login(*, username, password, request=None) -> dict:
    """{access, refresh, user} for valid credentials; `username` may be the email."""
    user = authenticate(request, username=_username_for(username), password=password)
    if user is None:
        raise AuthenticationError(BAD_CREDENTIALS)
    refresh = RefreshToken.for_user(user)
    update_last_login(None, user)
    return {"access": str(refresh.access_token), "refresh": str(refresh), "user": user}


def auth_refresh(*, refresh) -> dict:
    """A new {access, refresh} pair; the refresh token given is spent."""
    with transaction.atomic():
        token = _refresh_token(refresh, error=AuthenticationError(BAD_REFRESH))
        user = _active_user(token)
        _, newly_blacklisted = token.blacklist()
        if not newly_blacklisted:
            # Another request spent the same token a moment ago.
            raise AuthenticationError(BAD_REFRESH)
    fresh = RefreshToken.for_user(user)
    return {"access": str(fresh.access_token), "refresh": str(fresh)}


def auth_logout(*, refresh, user) -> None:
    """Blacklists the signed-in user's refresh token. Access tokens are not stored;
    one already issued stays valid until it expires (ACCESS_TOKEN_LIFETIME)."""
    token = _refresh_token(refresh, error=ApplicationError(BAD_REFRESH))
    if str(token.get(jwt_settings.USER_ID_CLAIM)) != str(user.pk):
        raise ApplicationError(
            gettext("This refresh token belongs to another account."), status_code=403
        )
    token.blacklist()


def _username_for(identifier) -> str:
    """The username to authenticate: the identifier itself when it is a username,
    else that of the one account whose email matches it case-insensitively."""
    account = account_by_identifier(identifier)
    return account.get_username() if account is not None else identifier


def _refresh_token(raw, *, error) -> RefreshToken:
    try:
        return RefreshToken(raw)
    except TokenError:
        raise error from None


def _active_user(token):
    user_id = token.get(jwt_settings.USER_ID_CLAIM)
    user = get_user_model()._default_manager.filter(**{jwt_settings.USER_ID_FIELD: user_id}).first()
    if user is None or not jwt_settings.USER_AUTHENTICATION_RULE(user):
        raise AuthenticationError(gettext("This account no longer exists or is disabled."))
    return user
