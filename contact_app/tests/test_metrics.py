import pytest
from prometheus_client import REGISTRY

pytestmark = pytest.mark.django_db


def sent_count():
    return REGISTRY.get_sample_value("contact_notifications_total", {"outcome": "sent"}) or 0


def test_a_delivered_notification_is_counted_in_the_metrics(submit, mailoutbox):
    before = sent_count()
    submit()
    assert len(mailoutbox) == 1
    assert sent_count() == before + 1
