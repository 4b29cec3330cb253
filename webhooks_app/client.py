"""Outbound webhook calls: the one module that talks to the owner's receivers.

Every call is a signed JSON POST with short timeouts, no redirects followed (a
redirect could lead the server to an address the owner never registered) and only
http(s) URLs. Anything short of a 2xx answer is a WebhookError, carrying the
status and the start of the body when there was an answer at all.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.conf import settings

SIGNATURE_HEADER = "X-Portfolio-Signature"
USER_AGENT = "portfolio-webhooks/1"
RESPONSE_KEPT_CHARS = 2000


class WebhookError(Exception):
    def __init__(self, message, *, status_code=None, body=""):
        super().__init__(message)
        self.status_code = status_code
        self.body = body


@dataclass(frozen=True)
class WebhookResponse:
    status_code: int
    body: str


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the timestamp is signed
    too, so a captured call cannot be replayed later under a fresh one."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post(*, url: str, secret: str, body: bytes) -> WebhookResponse:
    if urlsplit(url).scheme not in {"http", "https"}:
        raise WebhookError(f"Only http and https URLs are called, not {url!r}.")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: signature(secret=secret, timestamp=int(time.time()), body=body),
    }
    timeout = httpx.Timeout(
        settings.WEBHOOK_TIMEOUT_SECONDS, connect=min(settings.WEBHOOK_TIMEOUT_SECONDS, 3.0)
    )
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise WebhookError(f"{type(exc).__name__}: {exc}".rstrip(": ")) from exc
    text = response.text[:RESPONSE_KEPT_CHARS]
    if not response.is_success:
        raise WebhookError(
            f"The receiver answered {response.status_code}.",
            status_code=response.status_code,
            body=text,
        )
    return WebhookResponse(response.status_code, text)
