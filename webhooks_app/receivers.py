"""Where content events come from: the one place that turns a change of content into
`webhook_event_record(event, kind, id)`.

Publishable content (posts, projects, experiences, tools) has its events from
portfolio/publishing.py, sent once each after the commit, scheduled times included.
Skills and the profile have no draft state: every save is a `changed`, a deleted
skill `unpublished`, recorded in the transaction of the change itself.
"""

from django.db.models.signals import post_delete, post_save

from portfolio import publishing
from webhooks_app.models import Event
from webhooks_app.services import webhook_event_record

SIGNALS = {
    Event.PUBLISHED: publishing.published,
    Event.UNPUBLISHED: publishing.unpublished,
    Event.CHANGED: publishing.changed,
}


def _always_visible():
    from content_app.models import Profile, Skill

    return {Skill: "skills", Profile: "profile"}


def connect():
    for event, signal in SIGNALS.items():

        def announced(sender, kind, id, event=event, **kwargs):
            webhook_event_record(event=event, kind=kind, id=id)

        signal.connect(announced, weak=False, dispatch_uid=f"webhooks-{event}")

    for model, kind in _always_visible().items():

        def saved(sender, instance, raw=False, kind=kind, **kwargs):
            if not raw:  # loaddata: fixtures, not the owner's edits
                webhook_event_record(event=Event.CHANGED, kind=kind, id=instance.pk)

        def deleted(sender, instance, kind=kind, **kwargs):
            webhook_event_record(event=Event.UNPUBLISHED, kind=kind, id=instance.pk)

        uid = f"webhooks-{model._meta.label}"
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
