"""Who is calling: the client IP as the throttles see it, and its salted hash for storage."""

import hashlib
import hmac

from django.conf import settings
from rest_framework.throttling import BaseThrottle


def client_ip(request) -> str:
    # The same reading of X-Forwarded-For as the throttles (NUM_PROXIES), so a
    # visitor cannot choose an address by sending the header.
    return BaseThrottle().get_ident(request)


def ip_hash(ip: str) -> str:
    if not ip:
        return ""
    digest = hmac.new(settings.IP_HASH_SALT.encode(), ip.encode(), hashlib.sha256)
    return digest.hexdigest()


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:512]
