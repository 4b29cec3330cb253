"""Seed 002's POST /api/telemetry: raw shapes, `{"detail": ...}` errors."""

import datetime

import pytest

from telemetry_app.models import TelemetryEvent
from telemetry_app.throttling import TelemetryRateThrottle

pytestmark = pytest.mark.django_db

URL = "/api/telemetry"
SESSION = "2d1a1b54-8f6e-4b43-9d2b-5d2b3c7c8a11"


def snapshot(**overrides):
    return {
        "sessionUUID": SESSION,
        "timestamp": "2024-01-15T10:30:00.000Z",
        "browserInfo": {
            "userAgent": "Mozilla/5.0",
            "language": "en-GB",
            "url": "https://daniyal.dev/experience?utm_source=x",
        },
        "connectionInfo": {"effectiveType": "4g", "rtt": 50, "downlink": 10.0},
        "deviceInfo": {"screenWidth": 1920, "screenHeight": 1080, "pixelRatio": 2},
        "featureSupport": {"webgl": True, "serviceWorker": True},
        **overrides,
    }


def post(client, body, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


def test_a_snapshot_is_stored_with_its_four_parts_and_answered_in_the_raw_shape(client):
    response = post(client, snapshot())
    assert response.status_code == 200
    assert response.json() == {"status": "success", "message": "Telemetry data received."}
    row = TelemetryEvent.objects.get()
    assert row.source == TelemetryEvent.Source.RESUME_SITE
    assert row.session_id == SESSION
    assert row.occurred_at == datetime.datetime(2024, 1, 15, 10, 30, tzinfo=datetime.UTC)
    assert row.properties == {
        "browserInfo": snapshot()["browserInfo"],
        "connectionInfo": snapshot()["connectionInfo"],
        "deviceInfo": snapshot()["deviceInfo"],
        "featureSupport": snapshot()["featureSupport"],
    }
    assert row.page == "/experience"


def test_only_the_session_and_timestamp_are_required(client):
    response = post(client, {"sessionUUID": SESSION, "timestamp": 1705314600000})
    assert response.status_code == 200
    assert TelemetryEvent.objects.get().properties == {}


def test_unknown_keys_and_null_parts_are_not_kept(client):
    post(client, snapshot(deviceInfo=None, password="hunter2"))
    properties = TelemetryEvent.objects.get().properties
    assert set(properties) == {"browserInfo", "connectionInfo", "featureSupport"}


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"timestamp": "2024-01-15T10:30:00Z"}, "sessionUUID: This field is required."),
        (snapshot(sessionUUID="not-a-uuid"), "sessionUUID: Must be a valid UUID."),
        ({"sessionUUID": SESSION}, "timestamp: This field is required."),
        (snapshot(timestamp="last tuesday"), "timestamp: "),
        (snapshot(browserInfo="Chrome"), "browserInfo: "),
        # Refused by the JSON parser, which names where the NUL is.
        (snapshot(deviceInfo={"name": "bad\u0000"}), "JSON parse error - the text in deviceInfo"),
        (["not", "an", "object"], "Invalid data"),
    ],
)
def test_bad_snapshots_answer_400_with_one_detail_sentence(client, body, detail):
    response = post(client, body)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail"}
    assert body["detail"].startswith(detail)
    assert TelemetryEvent.objects.count() == 0


def test_a_snapshot_over_64_kb_answers_413_in_the_raw_shape(client):
    response = post(client, snapshot(browserInfo={"pad": "x" * 70_000}))
    assert response.status_code == 413
    assert response.json() == {"detail": "The telemetry payload is larger than 64 KB."}


def test_get_answers_405_in_the_raw_shape(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def test_too_many_snapshots_answer_429_in_the_raw_shape(client, monkeypatch):
    monkeypatch.setitem(TelemetryRateThrottle.THROTTLE_RATES, "telemetry", "1/min")
    assert post(client, snapshot()).status_code == 200
    response = post(client, snapshot())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert set(response.json()) == {"detail"}


def test_both_telemetry_paths_share_one_limit_per_ip(client, monkeypatch):
    monkeypatch.setitem(TelemetryRateThrottle.THROTTLE_RATES, "telemetry", "1/min")
    assert post(client, snapshot()).status_code == 200
    batch = {"session_id": "s", "events": [{"type": "t", "name": "n", "timestamp": 1}]}
    response = client.post("/api/v1/telemetry", batch, content_type="application/json")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es-ES,es;q=0.9", "Los datos de telemetría ocupan más de 64 KB."),
        ("en-GB,en;q=0.9", "The telemetry payload is larger than 64 KB."),
    ],
)
def test_a_snapshot_over_64_kb_is_refused_in_the_requests_language(client, language, expected):
    body = snapshot(browserInfo={"pad": "x" * 70_000})
    response = post(client, body, HTTP_ACCEPT_LANGUAGE=language)
    assert (response.status_code, response.json()) == (413, {"detail": expected})


def nested(depth):
    return {"level": nested(depth - 1)} if depth else "bottom"


@pytest.mark.parametrize(
    ("lang", "received", "invalid"),
    [
        ("es", "Datos de telemetría recibidos.", "Más de 8 niveles de anidamiento."),
        ("en", "Telemetry data received.", "Nesting deeper than 8 levels."),
    ],
)
def test_a_snapshot_is_answered_in_the_requests_language(client, lang, received, invalid):
    stored = post(client, snapshot(), QUERY_STRING=f"lang={lang}")
    assert stored.json() == {"status": "success", "message": received}
    refused = post(client, snapshot(deviceInfo=nested(9)), QUERY_STRING=f"lang={lang}")
    assert refused.json() == {"detail": f"deviceInfo: {invalid}"}
