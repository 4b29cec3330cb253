"""simplejwt's tokens, with the claims we read checked before anything reads them.

A token signed with our key is still a client's text: `user_id` as `[1]` or
`"1 OR 1=1"` would reach a database lookup and answer 500. A malformed claim makes
the token invalid (TokenError), which simplejwt answers with a 401."""

import re

from rest_framework_simplejwt import tokens
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings

_ID = re.compile(r"[0-9]{1,18}")  # what RefreshToken.for_user writes: str(pk)


def _claims_problem(payload) -> str | None:
    user_id = payload.get(api_settings.USER_ID_CLAIM)
    if user_id is not None and not (
        (isinstance(user_id, int) and not isinstance(user_id, bool) and 0 < user_id < 10**18)
        or (isinstance(user_id, str) and _ID.fullmatch(user_id))
    ):
        return "Token has a malformed user id."
    jti = payload.get(api_settings.JTI_CLAIM)
    if jti is not None and not (isinstance(jti, str) and 0 < len(jti) <= 255):
        return "Token has a malformed id."
    return None


class CheckedClaims:
    def verify(self) -> None:
        if problem := _claims_problem(self.payload):
            raise TokenError(problem)
        super().verify()


class AccessToken(CheckedClaims, tokens.AccessToken):
    pass


class RefreshToken(CheckedClaims, tokens.RefreshToken):
    access_token_class = AccessToken
