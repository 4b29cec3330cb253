import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from portfolio import health
from portfolio.celery import app as celery_app
from portfolio.testing import bearer

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-for-tests"
CHECKS = {"database", "cache", "channel_layer", "broker", "vector_store", "llm"}


@pytest.fixture
def details(settings):
    """Request headers that are shown the details: the METRICS_TOKEN bearer."""
    settings.METRICS_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def test_health_reports_every_dependency_as_ok_or_error_only(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["status"] == "healthy"
    assert data["timestamp"].endswith("Z")
    assert data["checks"] == {name: {"status": "ok"} for name in CHECKS}


def test_anonymous_health_shows_no_internals(client, settings):
    settings.OPENAI_API_KEY = "sk-test"
    settings.LLM_MODEL = "secret-model-name"
    body = client.get("/api/v1/health").content.decode()
    for internal in ("LocMemCache", "InMemoryChannelLayer", "sqlite", "eager", "openai",
                     "secret-model-name", "latency_ms", "vendor", "backend"):  # fmt: skip
        assert internal not in body


def test_the_metrics_token_is_shown_the_details(client, details):
    data = client.get("/api/v1/health", **details).json()["data"]
    assert data["checks"]["llm"]["mode"] == "offline"
    assert data["checks"]["cache"]["backend"] in {"LocMemCache", "RedisCache"}
    assert "latency_ms" in data["checks"]["database"]


def test_staff_are_shown_the_details_and_other_accounts_are_not(client, staff_user, member_user):
    staff = client.get("/api/v1/health", **bearer(staff_user)).json()["data"]
    assert "vendor" in staff["checks"]["database"]
    member = client.get("/api/v1/health", **bearer(member_user)).json()["data"]
    assert member["checks"]["database"] == {"status": "ok"}


def test_a_stale_token_gets_the_public_answer_not_a_401(client):
    response = client.get("/api/v1/health", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 200
    assert response.json()["data"]["checks"]["database"] == {"status": "ok"}


def test_the_public_answer_is_reused_for_a_few_seconds(client, monkeypatch, settings):
    settings.HEALTH_CACHE_SECONDS = 60
    calls = []
    real = health.CHECKS["database"]
    monkeypatch.setitem(health.CHECKS, "database", lambda: calls.append(1) or real())
    for _ in range(3):
        assert client.get("/api/v1/health").status_code == 200
    assert len(calls) == 1
    settings.HEALTH_CACHE_SECONDS = 0
    client.get("/api/v1/health")
    assert len(calls) == 2


def test_health_is_throttled_per_client(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                   "health": "2/min"},
    }  # fmt: skip
    assert [client.get("/api/v1/health").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/health").status_code == 429


def test_health_answers_503_when_the_database_is_down(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    body = response.json()
    assert body["success"] is False
    assert body["error"] == "The database is unavailable."
    assert body["details"]["checks"]["database"] == {"status": "error"}
    assert b"connection refused" not in response.content


def test_health_is_degraded_not_down_when_the_cache_fails(client, monkeypatch):
    from django.core.cache import caches

    cache = caches["strict"]

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
def test_health_with_redis_checks_the_real_cache_channel_layer_and_broker(
    client, live_broker, details
):
    data = client.get("/api/v1/health", **details).json()["data"]
    assert data["status"] == "healthy"
    assert data["checks"]["cache"]["backend"] == "RedisCache"
    assert data["checks"]["channel_layer"]["backend"] == "RedisChannelLayer"
    assert data["checks"]["broker"] == {**data["checks"]["broker"], "status": "ok", "mode": "redis"}


@pytest.mark.postgres
def test_health_on_postgres_reports_the_vendor(client, details):
    data = client.get("/api/v1/health", **details).json()["data"]
    assert data["checks"]["database"]["vendor"] == "postgresql"


def test_with_redis_down_health_says_which_parts_are_down(client, redis_down, details):
    public = client.get("/api/v1/health")
    assert public.status_code == 200
    data = public.json()["data"]
    assert data["status"] == "degraded"
    assert data["checks"]["cache"] == {"status": "error"}
    assert data["checks"]["channel_layer"] == {"status": "error"}
    assert data["checks"]["database"] == {"status": "ok"}

    detailed = client.get("/api/v1/health", **details).json()["data"]
    assert detailed["checks"]["cache"]["status"] == "error"
    assert detailed["checks"]["cache"]["error"]


def test_with_the_broker_down_health_says_so(client, broker_down):
    data = client.get("/api/v1/health").json()["data"]
    assert data["status"] == "degraded"
    assert data["checks"]["broker"] == {"status": "error"}
