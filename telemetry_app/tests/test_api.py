import datetime
import json

import pytest

from portfolio.testing import assert_error_envelope, preflight
from telemetry_app.models import TelemetryEvent
from telemetry_app.throttling import TelemetryRateThrottle

pytestmark = pytest.mark.django_db

URL = "/api/v1/telemetry"
NESTED_NINE_DEEP = {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": 1}}}}}}}}


def event(**overrides):
    return {
        "type": "page_view",
        "name": "Projects",
        "timestamp": "2024-01-15T10:30:00Z",
        "properties": {"path": "/projects?ref=mail&email=a@b.c", "referrer": "https://google.com"},
        **overrides,
    }


def post(client, body, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


@pytest.fixture
def low_rate(monkeypatch):
    monkeypatch.setitem(TelemetryRateThrottle.THROTTLE_RATES, "telemetry", "2/min")


def test_a_batch_is_stored_and_counted(client):
    response = post(
        client,
        {"session_id": "sess-1", "events": [event(), event(type="click", name="GitHub link")]},
    )
    assert response.status_code == 202
    assert response.json() == {"success": True, "data": {"accepted": 2}}
    rows = list(TelemetryEvent.objects.order_by("id"))
    assert [(r.type, r.name, r.session_id, r.source) for r in rows] == [
        ("page_view", "Projects", "sess-1", "api"),
        ("click", "GitHub link", "sess-1", "api"),
    ]
    assert rows[0].occurred_at == datetime.datetime(2024, 1, 15, 10, 30, tzinfo=datetime.UTC)
    assert rows[0].properties["referrer"] == "https://google.com"


def test_the_page_is_the_path_without_its_query_string(client):
    post(client, {"session_id": "s", "events": [event()]})
    assert TelemetryEvent.objects.get().page == "/projects"


@pytest.mark.parametrize(
    ("properties", "page"),
    [
        ({"url": "https://daniyal.dev/blog/rag?x=1#top"}, "/blog/rag"),
        ({"page": "/about"}, "/about"),
        ({"pathname": "/cv"}, "/cv"),
        ({"section": "hero"}, ""),
        ({}, ""),
    ],
)
def test_the_page_comes_from_path_page_or_url(client, properties, page):
    post(client, {"session_id": "s", "events": [event(properties=properties)]})
    assert TelemetryEvent.objects.get().page == page


def test_events_without_properties_are_stored_with_an_empty_object(client):
    body = event()
    del body["properties"]
    assert post(client, {"session_id": "s", "events": [body]}).status_code == 202
    assert TelemetryEvent.objects.get().properties == {}


def test_epoch_milliseconds_are_accepted_as_timestamps(client):
    post(client, {"session_id": "s", "events": [event(timestamp=1705314600000)]})
    occurred = TelemetryEvent.objects.get().occurred_at
    assert occurred == datetime.datetime(2024, 1, 15, 10, 30, tzinfo=datetime.UTC)


def test_fifty_events_are_accepted(client):
    response = post(client, {"session_id": "s", "events": [event()] * 50})
    assert response.json()["data"] == {"accepted": 50}
    assert TelemetryEvent.objects.count() == 50


def test_more_than_fifty_events_answer_400_and_store_nothing(client):
    response = post(client, {"session_id": "s", "events": [event()] * 51})
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert "events" in body["details"]
    assert "50" in body["error"]
    assert TelemetryEvent.objects.count() == 0


def test_one_bad_event_rejects_the_whole_batch(client):
    response = post(client, {"session_id": "s", "events": [event(), event(timestamp="yesterday")]})
    assert response.status_code == 400
    assert "timestamp" in json.dumps(response.json()["details"])
    assert TelemetryEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"events": [event()]}, "session_id"),
        ({"session_id": "", "events": [event()]}, "session_id"),
        ({"session_id": "s" * 129, "events": [event()]}, "session_id"),
        ({"session_id": "s"}, "events"),
        ({"session_id": "s", "events": []}, "events"),
        ({"session_id": "s", "events": "page_view"}, "events"),
        ({"session_id": "s", "events": [event(type="page view!")]}, "events"),
        ({"session_id": "s", "events": [event(name="")]}, "events"),
        ({"session_id": "s", "events": [event(timestamp=None)]}, "events"),
        ({"session_id": "s", "events": [event(properties=["a"])]}, "events"),
        ({"session_id": "s", "events": [event(properties={"a": "nul\u0000"})]}, "events"),
        ({"session_id": "s", "events": [event(properties=NESTED_NINE_DEEP)]}, "events"),
        ({"session_id": "s", "events": [{"type": "click"}]}, "events"),
    ],
)
def test_bad_batches_answer_400_naming_the_field(client, body, field):
    response = post(client, body)
    assert response.status_code == 400
    answer = response.json()
    # A NUL is refused by the JSON parser, whose sentence names where it is.
    assert field in answer.get("details", {}) or f"in {field}" in answer["error"]
    assert TelemetryEvent.objects.count() == 0


def test_a_number_too_large_for_json_columns_is_refused(client):
    raw = '{"session_id": "s", "events": [{"type": "t", "name": "n", "timestamp": 1, "properties": {"v": 1e400}}]}'  # noqa: E501
    response = post(client, raw)
    assert response.status_code == 400
    assert TelemetryEvent.objects.count() == 0


def test_json_nested_thousands_deep_answers_400_not_500(client):
    response = post(client, "[" * 20_000 + "]" * 20_000)
    assert response.status_code == 400
    assert response.json()["success"] is False


def test_malformed_json_answers_400(client):
    response = post(client, '{"session_id": ')
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["error"]


def test_a_body_over_64_kb_answers_413_and_stores_nothing(client):
    padding = "x" * (64 * 1024)
    response = post(client, {"session_id": "s", "events": [event(properties={"pad": padding})]})
    assert_error_envelope(response, 413, "The telemetry payload is larger than 64 KB.")
    assert TelemetryEvent.objects.count() == 0


def test_a_body_just_under_64_kb_is_accepted(client):
    body = {"session_id": "s", "events": [event(properties={"pad": ""})]}
    room = 64 * 1024 - len(json.dumps(body))
    body["events"][0]["properties"]["pad"] = "x" * room
    assert len(json.dumps(body)) == 64 * 1024
    assert post(client, json.dumps(body)).status_code == 202


def test_a_beacon_sent_as_text_plain_is_accepted(client):
    # navigator.sendBeacon(url, JSON.stringify(batch)) posts text/plain.
    body = json.dumps({"session_id": "s", "events": [event()]})
    response = client.post(URL, body, content_type="text/plain;charset=UTF-8")
    assert response.status_code == 202
    assert TelemetryEvent.objects.count() == 1


def test_form_data_answers_415(client):
    response = client.post(URL, "session_id=s", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["success"] is False


def test_get_answers_405_with_allow(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response.json()["success"] is False
    assert "POST" in response["Allow"]


def test_a_stale_token_does_not_turn_telemetry_into_a_401(client):
    response = post(
        client, {"session_id": "s", "events": [event()]}, HTTP_AUTHORIZATION="Bearer expired"
    )
    assert response.status_code == 202


def test_too_many_batches_from_one_ip_answer_429_with_retry_after(client, low_rate):
    body = {"session_id": "s", "events": [event()]}
    assert post(client, body).status_code == 202
    assert post(client, body).status_code == 202
    response = post(client, body)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["success"] is False
    assert TelemetryEvent.objects.count() == 2


def test_the_limit_is_per_ip(client, low_rate):
    body = {"session_id": "s", "events": [event()]}
    for _ in range(2):
        post(client, body, REMOTE_ADDR="198.51.100.1")
    assert post(client, body, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert post(client, body, REMOTE_ADDR="198.51.100.2").status_code == 202


def test_browsers_on_allowed_origins_may_post_with_credentials(client):
    response = preflight(
        client, URL, origin="http://localhost:3000", method="POST", headers="content-type"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert response["Access-Control-Allow-Credentials"] == "true"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Los datos de telemetría ocupan más de 64 KB."),
        ("en", "The telemetry payload is larger than 64 KB."),
    ],
)
def test_a_body_over_64_kb_is_refused_in_the_requests_language(client, language, expected):
    padding = "x" * (64 * 1024)
    body = {"session_id": "s", "events": [event(properties={"pad": padding})]}
    response = post(client, body, HTTP_ACCEPT_LANGUAGE=language)
    assert_error_envelope(response, 413, expected)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", "Error al analizar el JSON: el documento tiene demasiados niveles de anidamiento"),
        ("en", "JSON parse error - the document is nested too deeply"),
    ],
)
def test_a_body_nested_too_deep_is_refused_in_the_requests_language(client, lang, expected):
    response = client.post(
        f"{URL}?lang={lang}", "[" * 20_000 + "]" * 20_000, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith(expected)
