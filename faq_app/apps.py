from django.apps import AppConfig


class FaqAppConfig(AppConfig):
    name = "faq_app"
    verbose_name = "Visitor questions and FAQ"

    def ready(self):
        from cv_app import runner
        from faq_app.grounding import faq_answer
        from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup
        from faq_app.selectors import CACHE_NAMESPACE
        from faq_app.services import inbox_background_run, inbox_question_record
        from portfolio import engines, publishing
        from portfolio.api.caching import invalidate_on_change

        # The FAQ the assistant matches against includes the answered groups' own
        # questions, so a change to any of the three reaches every worker's next read.
        # A scheduled entry's publish_at wakes the namespace (the public list is cached).
        invalidate_on_change(CACHE_NAMESPACE, FAQEntry, QuestionGroup, AskedQuestion)
        publishing.track(FAQEntry, "faq")
        # With no broker, the embedded runner thread does the grouping and the purge.
        runner.register(inbox_background_run)
        # The CV answerer consults the owner's answers and fills the inbox without
        # importing faq_app, which imports cv_app (portfolio/engines.py).
        engines.engines_provide(
            owner_answer=faq_answer, inbox_question_record=inbox_question_record
        )
