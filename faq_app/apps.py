from django.apps import AppConfig


class FaqAppConfig(AppConfig):
    name = "faq_app"
    verbose_name = "Visitor questions and FAQ"

    def ready(self):
        from cv_app import runner
        from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup
        from faq_app.selectors import CACHE_NAMESPACE
        from faq_app.services import inbox_background_run
        from portfolio import publishing
        from portfolio.api.caching import invalidate_on_change

        # The FAQ the assistant matches against includes the answered groups' own
        # questions, so a change to any of the three reaches every worker's next read.
        # Its cached rows keep scheduled entries and are filtered as they are read
        # (selectors.py), so no due time is needed to wake them: no query for one either.
        invalidate_on_change(
            CACHE_NAMESPACE, FAQEntry, QuestionGroup, AskedQuestion, wake_when_due=False
        )
        publishing.track(FAQEntry, "faq")
        # With no broker, the embedded runner thread does the grouping and the purge.
        runner.register(inbox_background_run)
