"""The Django admin lists hooks and their deliveries with the receivers' answers."""

import pytest

from webhooks_app.models import Delivery, Webhook
from webhooks_app.services import webhook_event_record

pytestmark = pytest.mark.django_db


def test_the_admin_lists_deliveries_with_their_responses(client, admin_user):
    hook = Webhook.objects.create(url="https://builds.example.com/hook")
    webhook_event_record(event="changed", kind="posts", id="1")
    Delivery.objects.update(status="pending", response_code=502, last_error="Bad gateway")
    client.force_login(admin_user)
    hooks = client.get("/admin/webhooks_app/webhook/")
    assert hooks.status_code == 200
    assert "https://builds.example.com/hook" in hooks.text
    deliveries = client.get("/admin/webhooks_app/delivery/")
    assert deliveries.status_code == 200
    assert "502" in deliveries.text
    one = client.get(f"/admin/webhooks_app/delivery/{Delivery.objects.get().pk}/change/")
    assert "Bad gateway" in one.text
    form = client.get(f"/admin/webhooks_app/webhook/{hook.pk}/change/")
    assert "502" in form.text  # the latest deliveries, inline
    assert 'type="checkbox" name="events" value="unpublished"' in form.text


def test_a_hook_added_in_the_admin_with_no_secret_gets_one(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/webhooks_app/webhook/add/",
        {
            "url": "https://builds.example.com/hook",
            "secret": "",
            "events": ["published", "changed"],
            "active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    hook = Webhook.objects.get()
    assert len(hook.secret) == 64
    assert hook.events == ["published", "changed"]


def test_the_redeliver_action_queues_the_same_delivery_again(client, admin_user):
    Webhook.objects.create(url="https://builds.example.com/hook")
    webhook_event_record(event="changed", kind="posts", id="1")
    Delivery.objects.update(status="failed", attempts=12)
    delivery = Delivery.objects.get()
    client.force_login(admin_user)
    response = client.post(
        "/admin/webhooks_app/delivery/",
        {"action": "redeliver", "_selected_action": [str(delivery.pk)]},
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
