import datetime

import pytest
from django.utils import timezone

from telemetry_app.models import TelemetryEvent
from telemetry_app.selectors import telemetry_daily_counts, telemetry_top_pages

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/telemetry_app/telemetryevent/"


def record(*, page="/", session="s1", days_ago=0, name="page_view"):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return TelemetryEvent.objects.create(
        session_id=session, type="page_view", name=name, page=page,
        occurred_at=when, received_at=when,
    )  # fmt: skip


@pytest.fixture
def traffic():
    for session in ("a", "b", "c"):
        record(page="/projects", session=session)
    record(page="/projects", session="a")
    record(page="/about", session="a")
    record(page="/about", session="d", days_ago=1)
    record(page="", session="d", days_ago=1, name="scroll")
    record(page="/ancient", session="z", days_ago=45)


def test_daily_counts_give_events_and_distinct_sessions_newest_first(traffic):
    today = timezone.now().date()
    assert telemetry_daily_counts(days=30) == [
        {"day": today, "events": 5, "sessions": 3},
        {"day": today - datetime.timedelta(days=1), "events": 2, "sessions": 1},
    ]


def test_top_pages_are_busiest_first_and_skip_events_without_a_page(traffic):
    assert telemetry_top_pages(days=30) == [
        {"page": "/projects", "events": 4, "sessions": 3},
        {"page": "/about", "events": 2, "sessions": 2},
    ]


def test_top_pages_can_be_limited(traffic):
    assert [row["page"] for row in telemetry_top_pages(days=30, limit=1)] == ["/projects"]


def test_the_admin_list_opens_with_counts_per_day_and_top_pages(client, admin_user, traffic):
    client.force_login(admin_user)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.context["daily_counts"] == telemetry_daily_counts(days=30)
    assert response.context["top_pages"] == telemetry_top_pages(days=30)
    html = response.content.decode()
    summary = html[html.index('id="telemetry-summary"') : html.index("result_list")]
    assert timezone.now().date().isoformat() in summary
    assert "<td>/projects</td><td>4</td><td>3</td>" in summary
    assert "/ancient" not in summary


def test_the_admin_list_says_so_when_there_is_no_telemetry(client, admin_user):
    client.force_login(admin_user)
    response = client.get(CHANGELIST)
    assert b"No telemetry in this period." in response.content


def test_events_cannot_be_added_or_edited_from_the_admin(client, admin_user, traffic):
    client.force_login(admin_user)
    assert client.get(CHANGELIST + "add/").status_code == 403
    event = TelemetryEvent.objects.first()
    response = client.post(CHANGELIST + f"{event.pk}/change/", {"name": "edited"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.name == "page_view"


def test_visitors_who_are_not_staff_are_sent_to_the_login_page(client, django_user_model):
    user = django_user_model.objects.create_user(username="visitor", password="pw-123456789")
    client.force_login(user)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
