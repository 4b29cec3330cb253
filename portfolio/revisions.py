"""Revisions of the owner's content (django-reversion): every save through the admin or
the admin API is recorded with who and when; any revision can be restored.

`track(Model)` registers a model (the apps' ready()); `revision_saved(user=, comment=)`
wraps a save so it is recorded. A restore is an ordinary save of the stored values, so
the caches, the assistant's knowledge and the publishing events follow from the
model's signals like after any edit, and the restore is itself a new revision.
"""

from contextlib import contextmanager

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from reversion.models import Version

from portfolio.api.errors import ApplicationError, NotFoundError

# Never restored: the row's identity and timestamps, and what publishing announced.
NOT_RESTORED = {"id", "created_at", "updated_at", "live"}


def track(model):
    if not reversion.is_registered(model):
        reversion.register(model, exclude=["live"])


@contextmanager
def revision_saved(*, user, comment=""):
    """Records the saves inside as one revision by `user`."""
    with transaction.atomic(), reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def revision_list(*, instance):
    """The item's versions, newest first, with their revisions and users."""
    return Version.objects.get_for_object(instance).select_related("revision__user")


def revision_restore(*, instance, revision_id, user):
    """Puts back the item's values as of that revision; returns the saved item."""
    version = revision_list(instance=instance).filter(revision_id=revision_id).first()
    if version is None:
        raise NotFoundError(_("This item has no revision %(id)s.") % {"id": revision_id})
    for name, value in version.field_dict.items():
        if name not in NOT_RESTORED:
            setattr(instance, name, value)
    comment = _("Restored revision %(id)s.") % {"id": revision_id}
    # The untranslated column takes the active language's value on save (modeltranslation).
    with translation.override(settings.LANGUAGE_CODE):
        try:
            instance.full_clean()
        except ValidationError as exc:
            # Say, its slug or its image has since gone to another item or away.
            message = _("This revision cannot be restored as it is; edit the item instead.")
            raise ApplicationError(message, details=exc.message_dict) from None
        with revision_saved(user=user, comment=comment):
            instance.save()
    return instance
