import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.http import HttpResponse
from django.test import AsyncClient, RequestFactory
from pythonjsonlogger.json import JsonFormatter

from portfolio.logging import (
    RequestIdFilter,
    RequestIdMiddleware,
    adopt_request_id_in_task,
    attach_request_id_to_task,
    get_request_id,
    release_request_id_after_task,
    request_id_var,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
URL = "/api/v1/tools/list"


@pytest.fixture
def access_lines(caplog):
    caplog.set_level(logging.INFO, logger="portfolio.access")
    return lambda: [r for r in caplog.records if r.name == "portfolio.access"]


def test_a_request_without_an_id_gets_a_fresh_one_in_the_response(client):
    first = client.get(URL)["X-Request-ID"]
    second = client.get(URL)["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_sane_caller_id_is_echoed(client):
    response = client.get(URL, HTTP_X_REQUEST_ID="edge-7f3a:42.1_b")
    assert response["X-Request-ID"] == "edge-7f3a:42.1_b"


@pytest.mark.parametrize(
    "insane", ["x" * 129, "has space", "semi;colon", "new\\nline", '{"json": 1}', "ünïcode"]
)
def test_an_insane_caller_id_is_replaced(client, insane):
    response = client.get(URL, HTTP_X_REQUEST_ID=insane)
    assert response["X-Request-ID"] != insane
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_errors_carry_the_id_too(client):
    response = client.get("/api/v1/no-such-thing", HTTP_X_REQUEST_ID="req-404")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-404"


def test_browsers_may_read_the_id_across_origins(client):
    response = client.get(URL, HTTP_ORIGIN="http://localhost:3000")
    assert "X-Request-ID" in response["Access-Control-Expose-Headers"]


def test_one_access_line_per_request_with_method_path_status_and_duration(client, access_lines):
    client.get(URL, {"q": "secret-query"}, HTTP_X_REQUEST_ID="req-1")
    [line] = access_lines()
    assert line.levelno == logging.INFO
    assert (line.method, line.path, line.status) == ("GET", URL, 200)
    assert isinstance(line.duration_ms, float) and line.duration_ms >= 0
    assert line.getMessage().startswith(f"GET {URL} 200 ")
    assert "secret-query" not in line.getMessage()


def test_probes_are_logged_at_debug_only(client, access_lines, caplog):
    caplog.set_level(logging.DEBUG, logger="portfolio.access")
    client.get("/api/v1/health")
    [line] = access_lines()
    assert line.levelno == logging.DEBUG


def test_the_id_is_cleared_once_the_request_is_done(client):
    client.get(URL, HTTP_X_REQUEST_ID="req-done")
    assert get_request_id() is None


def test_records_logged_while_handling_a_request_get_its_id(client, settings, caplog):
    settings.ROOT_URLCONF = "portfolio.tests.urls_for_tests"
    handler = logging.StreamHandler(io.StringIO())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("portfolio.api")
    logger.addHandler(handler)
    try:
        with caplog.at_level(logging.ERROR, logger="portfolio.api"):
            client.get("/api/v1/test/crash", HTTP_X_REQUEST_ID="req-crash")
    finally:
        logger.removeHandler(handler)
    crash = next(r for r in caplog.records if r.name == "portfolio.api")
    assert crash.request_id == "req-crash"


def test_records_outside_a_request_get_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


async def test_under_asgi_the_id_is_echoed_and_logged(access_lines):
    # A path that needs no database: ASGI runs sync code in another thread, whose
    # connection would sit outside the test's transaction.
    path = "/api/v1/no-such-thing"
    response = await AsyncClient().get(path, headers={"X-Request-ID": "asgi-req-1"})
    assert response.status_code == 404
    assert response["X-Request-ID"] == "asgi-req-1"
    [line] = access_lines()
    assert (line.path, line.status) == (path, 404)
    assert get_request_id() is None


async def test_in_an_all_async_chain_the_middleware_runs_as_a_coroutine(access_lines):
    seen = []

    async def view(request):
        seen.append(get_request_id())
        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    assert iscoroutinefunction(middleware)
    request = RequestFactory().get("/x", headers={"X-Request-ID": "async-only-1"})
    response = await middleware(request)
    assert response["X-Request-ID"] == "async-only-1"
    assert seen == ["async-only-1"]
    assert [line.path for line in access_lines()] == ["/x"]
    assert get_request_id() is None


def test_the_json_formatter_writes_the_request_id_and_access_fields(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    options = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("portfolio.access")
    logger.addHandler(handler)
    try:
        client.get(URL, HTTP_X_REQUEST_ID="json-req-1")
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == "json-req-1"
    assert line["logger"] == "portfolio.access"
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", URL, 200)
    assert isinstance(line["duration_ms"], float)
    assert "time" in line


def _production_request_log(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.test import Client;"
        "Client().get('/api/v1/tools/list', HTTP_X_REQUEST_ID='prod-req-1', secure=True)"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "portfolio.settings",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "test-only-" + "k3y!Q9z#" * 8,
        "ALLOWED_HOSTS": "testserver",
        "VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def test_production_logs_are_json_lines_carrying_the_request_id(tmp_path):
    lines = _production_request_log(tmp_path)
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert records, lines
    assert len(records) == len([line for line in lines if line.strip()])
    [access] = [r for r in records if r["logger"] == "portfolio.access"]
    assert access["request_id"] == "prod-req-1"
    assert (access["method"], access["path"], access["status"]) == ("GET", URL, 200)


def test_development_logs_are_readable_lines_with_the_request_id():
    formatter = logging.Formatter(settings.LOGGING["formatters"]["readable"]["format"])
    record = logging.LogRecord(
        "portfolio.access", logging.INFO, __file__, 1, "GET / 200", None, None
    )
    record.request_id = "dev-req-1"
    assert "[dev-req-1] portfolio.access: GET / 200" in formatter.format(record)


# --- Celery ---------------------------------------------------------------------


def test_a_task_enqueued_during_a_request_carries_its_id_to_the_worker():
    headers = {}
    token = request_id_var.set("req-task")
    try:
        attach_request_id_to_task(headers=headers)
    finally:
        request_id_var.reset(token)
    assert headers == {"request_id": "req-task"}

    # In the worker, the custom header shows up on task.request.
    task = SimpleNamespace(request=SimpleNamespace(request_id="req-task"))
    adopt_request_id_in_task(task=task)
    assert get_request_id() == "req-task"
    release_request_id_after_task(task=task)
    assert get_request_id() is None


def test_a_task_enqueued_outside_a_request_gets_no_id_header():
    headers = {}
    attach_request_id_to_task(headers=headers)
    assert headers == {}
