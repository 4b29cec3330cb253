"""Who is calling: the client IP as the throttles see it, and its salted hash for storage."""

import hashlib
import hmac
from types import SimpleNamespace

from django.conf import settings
from django.http.request import HttpHeaders
from rest_framework.throttling import BaseThrottle


def client_ip(request) -> str:
    # As the throttles read X-Forwarded-For (NUM_PROXIES): no choosing one's address by header.
    return BaseThrottle().get_ident(request)


def client_ip_from_scope(scope) -> str:
    forwarded = dict(scope.get("headers", [])).get(b"x-forwarded-for")
    meta = {"REMOTE_ADDR": (scope.get("client") or ("", 0))[0] or ""}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded.decode("latin1")
    return client_ip(SimpleNamespace(META=meta, headers=HttpHeaders(meta)))


def ip_hash(ip: str) -> str:
    salt = settings.IP_HASH_SALT.encode()
    return hmac.new(salt, ip.encode(), hashlib.sha256).hexdigest() if ip else ""


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:512]
