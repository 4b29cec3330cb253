"""Seed 002's GET /api/health: raw shape, database and version only."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from portfolio.health import app_version

pytestmark = pytest.mark.django_db

URL = "/api/health"


@pytest.fixture
def fresh_version():
    app_version.cache_clear()
    yield
    app_version.cache_clear()


def test_health_answers_in_the_resume_sites_raw_shape(client, fresh_version):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "message", "checks"}
    assert body["status"] == "healthy"
    assert body["message"] == "Service is running."
    assert set(body["checks"]) == {"database", "version"}
    # No internals: neither the database vendor nor its timing.
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["version"]["status"] == "ok"
    assert body["checks"]["version"]["version"] == "0.1.0"


def test_an_image_stamped_version_wins(client, settings, fresh_version):
    settings.APP_VERSION = "2024.06.1-3f2a9c1"
    assert client.get(URL).json()["checks"]["version"]["version"] == "2024.06.1-3f2a9c1"


def test_health_answers_503_in_the_raw_shape_when_the_database_is_down(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["message"] == "The database is unavailable."
    # Not even the kind of failure: the driver's message (hosts, ports) stays in the log.
    assert body["checks"]["database"] == {"status": "error"}
    assert "connection refused" not in response.content.decode()
    assert body["checks"]["version"]["status"] == "ok"


def test_post_answers_405_in_the_raw_shape(client):
    response = client.post(URL)
    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def test_the_canonical_health_is_unchanged_beside_it(client):
    body = client.get("/api/v1/health").json()
    assert body["success"] is True
    assert "channel_layer" in body["data"]["checks"]
