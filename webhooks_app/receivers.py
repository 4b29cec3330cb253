"""Where content events come from: the one place that turns a change of content
into `webhook_event_record(event, kind, id)`.

Every saved item is live at once today, so a new row is "published", a saved one
"changed" and a deleted one "unpublished".
"""

from django.db.models.signals import post_delete, post_save

from webhooks_app.models import Event
from webhooks_app.services import webhook_event_record


def _kinds():
    from blog_app.models import BlogPost
    from content_app.models import Experience, Profile, Project, Skill
    from tools_app.models import AITool

    return {
        BlogPost: "post",
        Project: "project",
        Experience: "experience",
        Skill: "skill",
        Profile: "profile",
        AITool: "tool",
    }


def connect():
    for model, kind in _kinds().items():

        def saved(sender, instance, created, raw=False, kind=kind, **kwargs):
            if not raw:  # loaddata: fixtures, not the owner's edits
                event = Event.PUBLISHED if created else Event.CHANGED
                webhook_event_record(event=event, kind=kind, id=instance.pk)

        def deleted(sender, instance, kind=kind, **kwargs):
            webhook_event_record(event=Event.UNPUBLISHED, kind=kind, id=instance.pk)

        uid = f"webhooks-{model._meta.label}"
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
