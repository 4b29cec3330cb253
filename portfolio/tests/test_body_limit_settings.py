"""Every request-body limit is a number in settings, read by the one mechanism."""

import pytest

from portfolio.api.asgi_limits import RequestBodyLimitMiddleware
from portfolio.api.uploads import MULTIPART_OVERHEAD


def test_the_edge_takes_its_limits_from_settings(settings):
    settings.MEDIA_UPLOAD_MAX_BYTES = 1000
    settings.REQUEST_BODY_MAX_BYTES = 5000
    edge = RequestBodyLimitMiddleware(app=None)
    assert edge.limit_for("/api/v1/upload") == 1000 + MULTIPART_OVERHEAD
    assert edge.limit_for("/api/upload") == 1000 + MULTIPART_OVERHEAD
    assert edge.limit_for("/api/v1/cv/upload") == 5000


def test_the_edge_leaves_room_around_the_largest_file(settings):
    largest = max(settings.MEDIA_UPLOAD_MAX_BYTES, settings.CV_UPLOAD_MAX_BYTES)
    assert largest + MULTIPART_OVERHEAD < settings.REQUEST_BODY_MAX_BYTES


@pytest.mark.django_db
def test_the_telemetry_limit_is_a_setting(client, settings):
    settings.TELEMETRY_MAX_BYTES = 1024
    body = '{"session_id": "s", "events": [], "pad": "' + "x" * 1024 + '"}'
    response = client.post("/api/v1/telemetry", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == "The telemetry payload is larger than 1 KB."
