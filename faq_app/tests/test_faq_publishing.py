"""FAQ entries publish like posts and projects (portfolio/publishing.py): the same rule,
the same events reaching the rebuild webhooks, a scheduled entry announced once at its time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from faq_app.models import FAQEntry
from portfolio.publishing import publishing_sweep
from webhooks_app.models import Delivery, Webhook

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hook():
    return Webhook.objects.create(url="http://127.0.0.1:9/rebuild", secret="s")


def announced(event):
    """The FAQ items the webhooks' open batch for `event` holds."""
    batch = Delivery.objects.filter(event=event).first()
    return [item for item in (batch.items if batch else []) if item["kind"] == "faq"]


def entry(question="Does he have a dog?", **fields):
    return FAQEntry.objects.create(question=question, answer="No pets.", **fields)


def test_publishing_editing_and_drafting_an_entry_reach_the_webhooks(hook):
    row = entry()
    assert announced("published") == [{"kind": "faq", "id": str(row.pk)}]
    row.answer = "A cat now."
    row.save()
    assert announced("changed") == [{"kind": "faq", "id": str(row.pk)}]
    row.status = FAQEntry.Status.DRAFT
    row.save()
    assert announced("unpublished") == [{"kind": "faq", "id": str(row.pk)}]


def test_a_draft_or_a_scheduled_entry_announces_nothing_until_it_is_visible(hook):
    entry(status=FAQEntry.Status.DRAFT)
    later = entry(publish_at=timezone.now() + timedelta(minutes=5))
    assert announced("published") == []
    assert publishing_sweep() == 0
    assert FAQEntry.objects.published().count() == 0
    assert publishing_sweep(now=timezone.now() + timedelta(minutes=6)) == 1
    assert announced("published") == [{"kind": "faq", "id": str(later.pk)}]
    # Noticed once, however many processes sweep.
    assert publishing_sweep(now=timezone.now() + timedelta(minutes=6)) == 0


def test_the_admin_lists_each_entrys_visibility_with_a_filter(admin_client):
    entry(question="Scheduled one?", publish_at=timezone.now() + timedelta(days=1))
    entry(question="Live one?")
    page = admin_client.get("/admin/faq_app/faqentry/", {"visibility": "scheduled"})
    assert page.status_code == 200
    assert "Scheduled one?" in page.content.decode()
    assert "Live one?" not in page.content.decode()
