"""Drafts and scheduled publishing, in one place: the one visibility rule and its events.

The rule: an item is visible to the public when its status is `published` and its
`publish_at` is empty or has passed. Every public read (lists, details, feeds, the
sitemap, the resume endpoints and PDF, the assistant's knowledge) goes through
`Model.objects.published()`; nothing else decides visibility.

Models opt in by inheriting `Publishable` (blog posts, projects, experiences; AI tools,
whose `status` already means Popular/Trending, name the field `publish_status` through
`publish_status_field`) and by being `track()`-ed in their app's ready().

Events: `published`, `unpublished` and `changed` (Django signals, sent with `kind` and
`id` after the transaction commits) tell the outside (rebuild webhooks) when an item
becomes visible, is hidden, or is edited while visible. `live` is the row's last
announced visibility; each transition is one conditional UPDATE of it, so an event is
sent once however many processes notice it. A save announces at once; a scheduled
time passing is noticed by `publishing_sweep()`, which a ticker runs every
PUBLISHING_TICK_SECONDS (Celery beat with REDIS_URL, a thread of each web process
without). The caches do not wait for the ticker: see portfolio/api/caching.py.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, models, transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Each is sent with `kind` (e.g. "posts") and `id` (a string), after the commit.
published = Signal()
unpublished = Signal()
changed = Signal()


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """The items the public may see now."""
        now = now or timezone.now()
        status = {self.model.publish_status_field: Status.PUBLISHED}
        return self.filter(Q(publish_at__isnull=True) | Q(publish_at__lte=now), **status)

    def hidden(self, *, now=None):
        """Everything `published()` leaves out."""
        return self.exclude(pk__in=self.published(now=now).values("pk"))

    def scheduled(self, *, now=None):
        """Published items whose time is still ahead."""
        now = now or timezone.now()
        status = {self.model.publish_status_field: Status.PUBLISHED}
        return self.filter(**status, publish_at__gt=now)

    def next_publish_at(self, *, now=None):
        """The earliest scheduled time still ahead (None when nothing is scheduled)."""
        return self.scheduled(now=now).aggregate(due=Min("publish_at"))["due"]


def next_publish_at(*models, now=None):
    """The earliest scheduled time still ahead among the models' items, in one query."""
    if len(models) == 1:
        return models[0].objects.next_publish_at(now=now)
    now = now or timezone.now()
    times = [
        m.objects.scheduled(now=now).order_by().values_list("publish_at", flat=True) for m in models
    ]
    return min(times[0].union(*times[1:]), default=None)


def status_field():
    return models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text=_("A draft is seen only by the owner (and through a preview link)."),
    )


def publish_at_field():
    return models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When a published item appears; empty: at once."),
    )


def live_field():
    # Not the owner's to edit: what the last announcement said (see the module docstring).
    return models.BooleanField(default=False, editable=False)


class Publishable(models.Model):
    publish_status_field = "status"

    status = status_field()
    publish_at = publish_at_field()
    live = live_field()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible(self, *, now=None) -> bool:
        now = now or timezone.now()
        status = getattr(self, self.publish_status_field)
        return status == Status.PUBLISHED and (self.publish_at is None or self.publish_at <= now)


# --- Events -------------------------------------------------------------------------

_kinds: dict[type, str] = {}


def kind_of(model) -> str:
    return _kinds[model]


def tracked() -> dict[type, str]:
    """{model: kind} for every publishable model."""
    return dict(_kinds)


def track(model, kind):
    """Send the events for `model`'s saves and deletes, as items of `kind`."""
    _kinds[model] = kind
    uid = f"publishing-{model._meta.label}"
    post_save.connect(_saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(_deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def publishable_register(model, *, kind, namespace):
    """From an AppConfig.ready(), for a model the owner publishes on its own (a post, a
    tool): its namespace's cached reads are bumped by every change and when an item comes
    due, every save keeps a revision, and publishing sends `kind` events."""
    from portfolio import revisions
    from portfolio.api.caching import invalidate_on_change

    invalidate_on_change(namespace, model)
    revisions.track(model)
    track(model, kind)


def _announce(signal, model, pk):
    kind = _kinds[model]
    transaction.on_commit(lambda: signal.send(sender=model, kind=kind, id=str(pk)))


def _saved(sender, instance, raw=False, **kwargs):
    visible = instance.is_visible()
    row = sender._base_manager.filter(pk=instance.pk)
    if raw:  # loaddata (the seed): content that arrives, not news to announce
        row.update(live=visible)
        return
    if visible:
        flipped = row.filter(live=False).update(live=True)
        _announce(published if flipped else changed, sender, instance.pk)
    elif row.filter(live=True).update(live=False):
        _announce(unpublished, sender, instance.pk)
    instance.live = visible


def _deleted(sender, instance, **kwargs):
    if instance.live:
        _announce(unpublished, sender, instance.pk)


def publishing_sweep(*, now=None) -> int:
    """Announces the items whose visibility changed without a save (a scheduled time
    passed, a bulk update); returns how many. Safe to run anywhere, any number of times."""
    now = now or timezone.now()
    sent = 0
    for model in _kinds:
        for pk in model.objects.published(now=now).filter(live=False).values_list("pk", flat=True):
            if model._base_manager.filter(pk=pk, live=False).update(live=True):
                published.send(sender=model, kind=_kinds[model], id=str(pk))
                sent += 1
        for pk in model.objects.hidden(now=now).filter(live=True).values_list("pk", flat=True):
            if model._base_manager.filter(pk=pk, live=True).update(live=False):
                unpublished.send(sender=model, kind=_kinds[model], id=str(pk))
                sent += 1
    return sent


# --- The embedded ticker -------------------------------------------------------------

_ticker_lock = threading.Lock()
_ticker: threading.Thread | None = None


def _tick_forever(stop: threading.Event):
    while not stop.wait(settings.PUBLISHING_TICK_SECONDS):
        close_old_connections()
        try:
            publishing_sweep()
        except Exception:
            # The database may be briefly away; the next tick tries again.
            logger.exception("The publishing sweep failed; retrying at the next tick.")
        finally:
            close_old_connections()


def start_ticker_if_embedded():
    """Without a broker (no beat) each web process runs the sweep on a thread of its own;
    the conditional UPDATEs keep the events single."""
    global _ticker
    if not settings.PUBLISHING_EMBEDDED_TICKER:
        return
    with _ticker_lock:
        if _ticker is None or not _ticker.is_alive():
            _ticker = threading.Thread(
                target=_tick_forever, args=(threading.Event(),), name="publishing", daemon=True
            )
            _ticker.start()
