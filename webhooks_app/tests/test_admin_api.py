"""`admin/webhooks`: staff register, change and remove hooks and read their deliveries."""

import uuid

import pytest

from portfolio.testing import bearer
from webhooks_app.models import Delivery, Webhook
from webhooks_app.services import webhook_event_record

pytestmark = pytest.mark.django_db

ADMIN = "/api/v1/admin/webhooks"
NEW_HOOK = {"url": "https://builds.example.com/hook", "events": ["published", "unpublished"]}


def post(client, data, headers):
    return client.post(ADMIN, data, content_type="application/json", **headers)


def test_staff_register_a_hook_and_see_its_generated_secret_once(client, staff_headers):
    response = post(client, NEW_HOOK, staff_headers)
    assert response.status_code == 201
    data = response.json()["data"]
    hook = Webhook.objects.get()
    assert data["secret"] == hook.secret
    assert len(hook.secret) == 64
    assert data["url"] == NEW_HOOK["url"]
    assert (data["events"], data["active"]) == (NEW_HOOK["events"], True)
    shown = client.get(f"{ADMIN}/{hook.pk}", **staff_headers).json()["data"]
    assert "secret" not in shown
    listed = client.get(ADMIN, **staff_headers).json()["data"]
    assert listed["total"] == 1
    assert "secret" not in listed["items"][0]


def test_a_secret_the_owner_chose_is_kept_and_never_read_back(client, staff_headers):
    response = post(client, {"url": NEW_HOOK["url"], "secret": "x" * 20}, staff_headers)
    assert response.status_code == 201
    assert "secret" not in response.json()["data"]
    hook = Webhook.objects.get()
    assert hook.secret == "x" * 20
    assert hook.events == ["published", "unpublished", "changed"]


def test_patch_changes_a_hook_and_a_blank_secret_generates_a_new_one(client, staff_headers):
    hook = Webhook.objects.create(url=NEW_HOOK["url"], secret="y" * 20)
    response = client.patch(
        f"{ADMIN}/{hook.pk}", {"active": False, "secret": ""}, content_type="application/json",
        **staff_headers,
    )  # fmt: skip
    assert response.status_code == 200
    hook.refresh_from_db()
    assert hook.active is False
    assert hook.secret != "y" * 20
    assert response.json()["data"]["secret"] == hook.secret


def test_delete_removes_the_hook_and_its_deliveries(client, staff_headers):
    hook = Webhook.objects.create(url=NEW_HOOK["url"])
    webhook_event_record(event="changed", kind="posts", id="1")
    response = client.delete(f"{ADMIN}/{hook.pk}", **staff_headers)
    assert response.status_code == 204
    assert (Webhook.objects.count(), Delivery.objects.count()) == (0, 0)


def test_deliveries_are_listed_newest_first_with_their_responses(client, staff_headers):
    hook = Webhook.objects.create(url=NEW_HOOK["url"])
    webhook_event_record(event="published", kind="posts", id="1")
    webhook_event_record(event="changed", kind="posts", id="1")
    Delivery.objects.filter(event="published").update(status="sent", response_code=204, attempts=1)
    response = client.get(f"{ADMIN}/{hook.pk}/deliveries?limit=1", **staff_headers)
    assert response.status_code == 200
    page = response.json()["data"]
    assert (page["total"], page["limit"], page["offset"]) == (2, 1, 0)
    newest = page["items"][0]
    assert newest["event"] == "changed"
    assert newest["items"] == [{"kind": "posts", "id": "1"}]
    assert newest["status"] == "collecting"
    older = client.get(f"{ADMIN}/{hook.pk}/deliveries?offset=1", **staff_headers)
    assert older.json()["data"]["items"][0]["response_code"] == 204


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"url": "ftp://builds.example.com/hook"}, "url"),
        ({"url": "file:///etc/passwd"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"events": ["deleted"]}, "events"),
        ({"events": []}, "events"),
        ({"events": "published"}, "events"),
        ({"secret": "short"}, "secret"),
        ({"id": str(uuid.uuid4())}, "id"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_hook_input_answers_400_and_creates_nothing(client, staff_headers, change, field):
    response = post(client, {**NEW_HOOK, **change}, staff_headers)
    assert response.status_code == 400
    assert field in response.json()["details"]
    assert Webhook.objects.count() == 0


def test_a_bad_patch_answers_400_and_changes_nothing(client, staff_headers):
    hook = Webhook.objects.create(url=NEW_HOOK["url"])
    response = client.patch(
        f"{ADMIN}/{hook.pk}", {"url": "javascript:alert(1)"}, content_type="application/json",
        **staff_headers,
    )  # fmt: skip
    assert response.status_code == 400
    hook.refresh_from_db()
    assert hook.url == NEW_HOOK["url"]


def test_a_bad_page_of_deliveries_answers_400(client, staff_headers):
    hook = Webhook.objects.create(url=NEW_HOOK["url"])
    response = client.get(f"{ADMIN}/{hook.pk}/deliveries?limit=500", **staff_headers)
    assert response.status_code == 400


def _every_endpoint(hook_id):
    item = f"{ADMIN}/{hook_id}"
    return [
        ("get", ADMIN), ("post", ADMIN), ("get", item), ("patch", item), ("delete", item),
        ("get", f"{item}/deliveries"),
    ]  # fmt: skip


def _call(client, method, path, headers):
    return getattr(client, method)(path, NEW_HOOK if method in {"post", "patch"} else None,
                                   content_type="application/json", **headers)  # fmt: skip


def test_anonymous_callers_get_401_on_every_webhook_endpoint(client):
    hook = Webhook.objects.create(url=NEW_HOOK["url"])
    for method, path in _every_endpoint(hook.pk):
        assert _call(client, method, path, {}).status_code == 401, (method, path)
    assert Webhook.objects.get().url == NEW_HOOK["url"]


def test_signed_in_users_who_are_not_staff_get_403(client, member_user, editor_user):
    hook = Webhook.objects.create(url=NEW_HOOK["url"])
    for user in (member_user, editor_user):
        for method, path in _every_endpoint(hook.pk):
            response = _call(client, method, path, bearer(user))
            assert response.status_code == 403, (user, method, path)
    assert Webhook.objects.count() == 1


def test_an_unknown_hook_answers_404(client, staff_headers):
    for method, path in _every_endpoint(uuid.uuid4())[2:]:
        response = _call(client, method, path, staff_headers)
        assert response.status_code == 404, (method, path)
        assert response.json()["success"] is False


def test_a_hook_is_not_replaced_by_put(client, staff_headers):
    hook = Webhook.objects.create(url=NEW_HOOK["url"])
    response = client.put(f"{ADMIN}/{hook.pk}", NEW_HOOK, content_type="application/json",
                          **staff_headers)  # fmt: skip
    assert response.status_code == 405
