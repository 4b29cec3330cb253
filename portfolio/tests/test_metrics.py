import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from portfolio.metrics import (
    record_contact_notification,
    record_cv_ingest,
    record_llm_call,
    start_worker_metrics_server,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def samples(text):
    """{(sample name, sorted labels): value} from the Prometheus text format."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(client, **extra):
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content
    return samples(response.content.decode())


def value(scraped, name, **labels):
    return scraped.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_requests_by_method_and_view(client):
    before = scrape(client)
    client.get("/api/v1/tools/list")
    client.get("/api/v1/tools/list")
    after = scrape(client)
    name = "django_http_requests_total_by_method_total"
    assert value(after, name, method="GET") - value(before, name, method="GET") >= 2
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    assert (
        value(after, latency, view="tools-list", method="GET")
        - value(before, latency, view="tools-list", method="GET")
        == 2
    )


def test_metrics_expose_the_llm_cv_and_contact_counters(client):
    before = scrape(client)
    record_llm_call(
        provider="openai", model="gpt-4o-mini", outcome="success",
        tokens_in=120, tokens_out=30, cost_usd=0.0004,
    )  # fmt: skip
    record_llm_call(provider="offline", model="grounded", outcome="fallback")
    record_cv_ingest(outcome="ready")
    record_contact_notification(outcome="sent")
    record_contact_notification(outcome="failed")
    after = scrape(client)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("llm_calls_total", provider="openai", model="gpt-4o-mini", outcome="success") == 1
    assert grew("llm_calls_total", provider="offline", model="grounded", outcome="fallback") == 1
    assert grew("llm_tokens_total", direction="in") == 120
    assert grew("llm_tokens_total", direction="out") == 30
    assert grew("llm_cost_usd_total") == pytest.approx(0.0004)
    assert grew("cv_ingests_total", outcome="ready") == 1
    assert grew("contact_notifications_total", outcome="sent") == 1
    assert grew("contact_notifications_total", outcome="failed") == 1


def test_the_counters_are_listed_before_anything_is_counted(client):
    text = client.get("/metrics").content.decode()
    for name in ("llm_calls", "llm_tokens", "llm_cost_usd", "cv_ingests", "contact_notifications"):
        assert f"# TYPE {name}_total counter" in text


def test_recording_never_raises_and_ignores_nonsense_amounts(client):
    before = scrape(client)
    record_llm_call(
        provider=None, model="m" * 500, outcome="", tokens_in=-5, tokens_out="many", cost_usd=None
    )
    after = scrape(client)
    assert value(after, "llm_tokens_total", direction="in") == value(
        before, "llm_tokens_total", direction="in"
    )
    clipped = {dict(labels).get("model") for name, labels in after if name == "llm_calls_total"}
    assert "m" * 80 in clipped
    assert value(after, "llm_calls_total", provider="unknown", model="m" * 80, outcome="unknown")


def test_metrics_are_refused_to_other_addresses(client):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 403
    assert b"llm_calls" not in response.content


def test_a_forwarded_for_header_cannot_fake_a_loopback_address(client):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.status_code == 403


def test_an_allowed_network_may_scrape(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


def test_the_metrics_token_opens_metrics_from_anywhere(client, settings):
    settings.METRICS_TOKEN = "scrape-secret-123"
    remote = {"REMOTE_ADDR": "203.0.113.9"}
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-123", **remote)
    assert ok.status_code == 200
    assert b"llm_calls" in ok.content
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer guess", **remote)
    assert wrong.status_code == 403


def test_metrics_only_answer_get(client):
    assert client.post("/metrics").status_code == 405


def test_a_bad_allowed_ips_entry_stops_the_start(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portfolio.settings",
        "VAR_DIR": str(tmp_path),
        "METRICS_ALLOWED_IPS": "10.0.0.0/8,intranet",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0
    assert "METRICS_ALLOWED_IPS: 'intranet'" in result.stderr


def test_the_worker_serves_its_counters_on_its_own_port():
    server, _thread = start_worker_metrics_server(0, addr="127.0.0.1")
    try:
        record_cv_ingest(outcome="failed")
        url = f"http://127.0.0.1:{server.server_port}/metrics"
        with urllib.request.urlopen(url, timeout=5) as response:
            text = response.read().decode()
    finally:
        server.shutdown()
        server.server_close()
    assert value(samples(text), "cv_ingests_total", outcome="failed") >= 1


def test_a_prefork_worker_adds_up_its_children_through_the_multiprocess_directory(tmp_path):
    # As in the worker container: PROMETHEUS_MULTIPROC_DIR is set before anything starts.
    script = """
import os, urllib.request, django
django.setup()
from portfolio.metrics import record_cv_ingest, start_worker_metrics_server
server, _ = start_worker_metrics_server(0, addr="127.0.0.1")
if os.fork() == 0:  # a pool child counts, then exits
    record_cv_ingest(outcome="ready")
    os._exit(0)
os.wait()
record_cv_ingest(outcome="ready")
url = f"http://127.0.0.1:{server.server_port}/metrics"
print(urllib.request.urlopen(url, timeout=5).read().decode())
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portfolio.settings",
        "VAR_DIR": str(tmp_path),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert value(samples(result.stdout), "cv_ingests_total", outcome="ready") == 2
