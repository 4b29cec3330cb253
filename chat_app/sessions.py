"""Chat session ids: issued by the server, never chosen by the client.

An id is 144 random bits (secrets.token_urlsafe) signed with SECRET_KEY
(django.core.signing), so every process, before and after a restart, can tell an
id it issued from one a client made up, with no table to share. An id the server
did not issue is replaced by a new one, never adopted: a guessed or copied string
reaches no one's history. Reading a session's history needs its id, which only
its visitor was given (in the answer and an HttpOnly cookie).
"""

import re
import secrets

from django.core import signing

_signer = signing.Signer(salt="chat_app.sessions")
# The same alphabet as every session id field: base64url plus the ":" separator.
_SHAPE = re.compile(r"\A[A-Za-z0-9_-]{24,64}:[A-Za-z0-9_-]{20,64}\Z")
RANDOM_BYTES = 18


def chat_session_issue() -> str:
    return _signer.sign(secrets.token_urlsafe(RANDOM_BYTES))


def chat_session_is_issued(session_id) -> bool:
    """True only for an id this server signed."""
    if not isinstance(session_id, str) or not _SHAPE.match(session_id):
        return False
    try:
        _signer.unsign(session_id)
    except signing.BadSignature:
        return False
    return True


def chat_session_resolve(*candidates) -> str:
    """The first candidate the server issued (the body's id, then the cookie's),
    else a new id."""
    for candidate in candidates:
        if chat_session_is_issued(candidate):
            return candidate
    return chat_session_issue()
