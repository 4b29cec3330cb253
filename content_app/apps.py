from django.apps import AppConfig


class ContentAppConfig(AppConfig):
    name = "content_app"
    verbose_name = "Owner content"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete
        from PIL import Image

        # One number for our header check and Pillow's bomb guard (its warning band,
        # above this, is refused too: content_app/media.py).
        Image.MAX_IMAGE_PIXELS = settings.MEDIA_IMAGE_MAX_PIXELS

        from content_app.models import Experience, MediaFile, Profile, Project, Skill
        from content_app.selectors import CACHE_NAMESPACE
        from content_app.services import media_delete_files_on_commit
        from portfolio import publishing, revisions
        from portfolio.api.caching import invalidate_on_change

        invalidate_on_change(CACHE_NAMESPACE, Profile, Project, Experience, Skill, MediaFile)
        for model in (Profile, Project, Experience, Skill):
            revisions.track(model)
        publishing.track(Project, "projects")
        publishing.track(Experience, "experiences")

        def remove_files(sender, instance, **kwargs):
            media_delete_files_on_commit(media=instance)

        post_delete.connect(
            remove_files, sender=MediaFile, weak=False, dispatch_uid="content-media-files"
        )
