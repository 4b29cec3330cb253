"""Preview links: a signed, expiring token that lets its holder read one item, drafts
and scheduled ones included, through that item's public detail endpoint.

The token is django.core.signing's (HMAC with SECRET_KEY, a salt of its own, a
timestamp checked against PREVIEW_MAX_AGE); it names the item's kind and id, so it
opens that one item and nothing else. Answers read with it are never cached (see the
views: no shared cache, no edge, `Cache-Control: no-store`).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter

from portfolio.api.errors import ApplicationError

SALT = "portfolio.preview"
QUERY_PARAMETER = "preview"
NO_STORE = "no-store, private"


class PreviewError(ApplicationError):
    status_code = 403


def preview_link_create(*, kind, pk, slug="") -> dict:
    """{token, url, expires}: a link to the frontend's preview of the item."""
    token = signing.dumps({"kind": kind, "id": str(pk)}, salt=SALT)
    expires = timezone.now() + datetime.timedelta(seconds=settings.PREVIEW_MAX_AGE)
    url = settings.PREVIEW_URL.format(kind=kind, slug=slug or pk, id=pk, token=token)
    return {"token": token, "url": url, "expires": expires}


def preview_token_read(token) -> dict:
    """{kind, id} from an intact, unexpired token; else PreviewError (403)."""
    try:
        return signing.loads(token or "", salt=SALT, max_age=settings.PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PreviewError(
            _("This preview link has expired; open a new one from the admin.")
        ) from None
    except signing.BadSignature:
        raise PreviewError(_("This preview link is not valid.")) from None


def preview_item_get(*, token, kind, find):
    """The item the token opens: `find()` looks it up (any status) from the URL's key;
    a token for another item, or for none, is a 403 like a forged one, so a preview
    never tells whether an unpublished item exists."""
    payload = preview_token_read(token)
    item = find()
    if item is None or payload != {"kind": kind, "id": str(item.pk)}:
        raise PreviewError(_("This preview link is for another item."))
    return item


PREVIEW_PARAMETER = OpenApiParameter(
    QUERY_PARAMETER,
    str,
    required=False,
    description="A preview token from `POST admin/<kind>/<id>/preview`: shows this one item "
    "whatever its status; never cached; 403 when expired, altered or for another item.",
)


def preview_requested(request) -> str | None:
    """The preview token the request carries, or None when it asks for no preview."""
    return request.GET.get(QUERY_PARAMETER)
