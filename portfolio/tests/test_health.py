import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from portfolio.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_health_reports_every_dependency(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["status"] == "healthy"
    assert data["timestamp"].endswith("Z")
    assert set(data["checks"]) == {
        "database", "cache", "channel_layer", "broker", "vector_store", "llm",
    }  # fmt: skip
    assert data["checks"]["database"]["status"] == "ok"
    assert data["checks"]["cache"]["status"] == "ok"
    assert data["checks"]["channel_layer"]["status"] == "ok"
    assert data["checks"]["llm"]["mode"] == "offline"


def test_health_answers_503_when_the_database_is_down(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    body = response.json()
    assert body["success"] is False
    assert body["error"] == "The database is unavailable."
    assert body["details"]["checks"]["database"]["status"] == "error"
    assert body["details"]["checks"]["database"]["error"] == "OperationalError"
    assert b"connection refused" not in response.content


def test_health_is_degraded_not_down_when_the_cache_fails(client, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["status"] == "degraded"
    assert data["checks"]["cache"]["status"] == "error"


@pytest.fixture
def live_broker():
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.mark.redis
def test_health_with_redis_checks_the_real_cache_channel_layer_and_broker(client, live_broker):
    data = client.get("/api/v1/health").json()["data"]
    assert data["status"] == "healthy"
    assert data["checks"]["cache"]["backend"] == "RedisCache"
    assert data["checks"]["channel_layer"]["backend"] == "RedisChannelLayer"
    assert data["checks"]["broker"] == {**data["checks"]["broker"], "status": "ok", "mode": "redis"}


@pytest.mark.postgres
def test_health_on_postgres_reports_the_vendor(client):
    data = client.get("/api/v1/health").json()["data"]
    assert data["checks"]["database"]["vendor"] == "postgresql"
