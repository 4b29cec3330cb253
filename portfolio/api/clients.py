"""Who is calling: the client IP as the throttles see it, and its salted hash for storage."""

import hashlib
import hmac

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle


def client_ip(request) -> str:
    # The same reading of X-Forwarded-For as the throttles (NUM_PROXIES), so a
    # visitor cannot choose an address by sending the header.
    return BaseThrottle().get_ident(request)


def client_ip_from_scope(scope) -> str:
    """A socket's client address, read the way the throttles read a request's."""
    headers = dict(scope.get("headers", []))
    remote = (scope.get("client") or ("", 0))[0] or ""
    forwarded = headers.get(b"x-forwarded-for")
    num_proxies = api_settings.NUM_PROXIES
    if num_proxies is not None:
        if num_proxies == 0 or forwarded is None:
            return remote
        addresses = forwarded.decode("latin1").split(",")
        return addresses[-min(num_proxies, len(addresses))].strip()
    return "".join(forwarded.decode("latin1").split()) if forwarded else remote


def ip_hash(ip: str) -> str:
    if not ip:
        return ""
    digest = hmac.new(settings.IP_HASH_SALT.encode(), ip.encode(), hashlib.sha256)
    return digest.hexdigest()


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:512]
