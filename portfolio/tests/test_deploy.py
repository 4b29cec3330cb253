"""Production as it really starts: fresh interpreters with production's environment,
and the container files (Docker is not available here, so they are parsed)."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

ROOT = Path(__file__).resolve().parents[2]
HEALTHCHECK = ROOT / "deploy" / "healthcheck.py"


def production_env(tmp_path, **extra):
    # Whatever the developer's shell or CI has set must not leak into the probe.
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECURE_", "METRICS_", "DATABASE_", "REDIS_"))
        and k not in {"SECRET_KEY", "ALLOWED_HOSTS", "STATIC_ROOT", "VAR_DIR"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "portfolio.settings",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portfolio.example.com",
        "VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        **extra,
    }


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_production_passes_check_deploy_at_warning_level(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_settings_do_not_pass_check_deploy(tmp_path):
    env = production_env(tmp_path, DJANGO_ENV="development")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W018"):
        assert warning in result.stderr


REQUESTS = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="portfolio.example.com")
out = {}
plain = client.get("/api/v1/tools/list")
out["plain"] = [plain.status_code, plain.get("Location")]
proxied = client.get("/api/v1/tools/list", HTTP_X_FORWARDED_PROTO="https")
out["proxied"] = [proxied.status_code, proxied.get("Strict-Transport-Security")]
wrong_host = client.get("/api/v1/tools/list", HTTP_HOST="evil.example", secure=True)
out["wrong_host"] = wrong_host.status_code
metrics = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
out["metrics"] = metrics.status_code
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production_answers(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("prod")
    env = production_env(tmp_path)
    migrated = run(["manage.py", "migrate", "--noinput", "-v", "0"], env)
    assert migrated.returncode == 0, migrated.stderr
    result = run(["-c", REQUESTS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_redirects_plain_http_to_https(production_answers):
    status, location = production_answers["plain"]
    assert status == 301
    assert location == "https://portfolio.example.com/api/v1/tools/list"


def test_production_trusts_the_proxys_https_header_and_sends_hsts(production_answers):
    status, hsts = production_answers["proxied"]
    assert status == 200
    # Starts at an hour (docs/deploy.md: the ramp); preload is the owner's choice.
    assert hsts == "max-age=3600; includeSubDomains"


def test_production_refuses_unknown_hosts(production_answers):
    assert production_answers["wrong_host"] == 400


def test_prometheus_may_scrape_over_plain_http_inside_the_network(production_answers):
    assert production_answers["metrics"] == 200


def test_collectstatic_builds_hashed_compressed_files_that_whitenoise_serves(tmp_path):
    env = production_env(tmp_path)
    collected = run(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    assert collected.returncode == 0, collected.stderr
    static = tmp_path / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())
    hashed = manifest["paths"]["admin/css/base.css"]
    assert re.fullmatch(r"admin/css/base\.[0-9a-f]{12}\.css", hashed)
    assert (static / f"{hashed}.gz").exists()

    serve = (
        "import django; django.setup(); from django.test import Client;"
        f"r = Client().get('/static/{hashed}', secure=True, HTTP_HOST='portfolio.example.com');"
        "print(r.status_code, r['Content-Type'], r['Cache-Control'])"
    )
    served = run(["-c", serve], env)
    assert served.returncode == 0, served.stderr
    status, content_type, cache_control = served.stdout.split(maxsplit=2)
    assert (status, content_type) == ("200", "text/css;")
    assert "immutable" in cache_control


# --- deploy/healthcheck.py (the container's HEALTHCHECK) -------------------------


def healthcheck(url, **extra_env):
    env = {**os.environ, "HEALTHCHECK_URL": url, "ALLOWED_HOSTS": "localhost", **extra_env}
    return subprocess.run(
        [sys.executable, str(HEALTHCHECK)], env=env, capture_output=True, text=True, timeout=30
    )


@pytest.mark.django_db(transaction=True)
def test_the_container_healthcheck_passes_while_the_app_is_healthy(live_server):
    result = healthcheck(f"{live_server.url}/api/v1/health")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db(transaction=True)
def test_the_container_healthcheck_fails_when_the_database_is_down(live_server, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    result = healthcheck(f"{live_server.url}/api/v1/health")
    assert result.returncode == 1
    assert "HTTP 503" in result.stderr


def test_the_container_healthcheck_fails_when_nothing_answers():
    result = healthcheck("http://127.0.0.1:9/api/v1/health")
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


# --- Dockerfile and docker-compose.yml ------------------------------------------


@pytest.fixture(scope="module")
def dockerfile():
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    # Join continuation lines so each instruction is one string.
    joined, current = [], ""
    for line in lines:
        if line.lstrip().startswith("#"):
            continue
        current += line.rstrip("\\").strip() + " "
        if not line.rstrip().endswith("\\"):
            if current.strip():
                joined.append(current.strip())
            current = ""
    return joined


def instructions(dockerfile, keyword):
    return [line for line in dockerfile if line.split()[0].upper() == keyword]


def test_the_image_is_python_313_slim(dockerfile):
    assert instructions(dockerfile, "FROM") == ["FROM python:3.13-slim"]


def test_the_image_installs_the_locked_dependencies_before_the_code(dockerfile):
    runs = instructions(dockerfile, "RUN")
    sync = next(i for i, r in enumerate(runs) if "uv sync --frozen" in r)
    copies = instructions(dockerfile, "COPY")
    assert copies[0] == "COPY pyproject.toml uv.lock ./"
    assert dockerfile.index(runs[sync]) < dockerfile.index("COPY . .")
    assert not any("torch" in instruction for instruction in dockerfile)


def test_the_image_runs_as_a_non_root_user(dockerfile):
    users = instructions(dockerfile, "USER")
    assert users and users[-1] not in {"USER root", "USER 0"}
    assert dockerfile.index(users[-1]) < dockerfile.index(instructions(dockerfile, "CMD")[0])


def test_the_image_collects_static_files_as_production(dockerfile):
    collect = next(r for r in instructions(dockerfile, "RUN") if "collectstatic" in r)
    assert "DJANGO_ENV=production" in collect


def test_the_image_checks_its_health_and_serves_with_the_production_server(dockerfile):
    [check] = instructions(dockerfile, "HEALTHCHECK")
    assert "deploy/healthcheck.py" in check
    assert "/api/v1/health" in HEALTHCHECK.read_text()
    [cmd] = instructions(dockerfile, "CMD")
    assert "deploy/serve.sh" in cmd
    serve = (ROOT / "deploy" / "serve.sh").read_text()
    assert "granian --interface asgi" in serve and "portfolio.asgi:application" in serve


def test_make_serve_runs_the_images_command():
    makefile = (ROOT / "Makefile").read_text()
    assert "sh deploy/serve.sh" in makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


APP_SERVICES = ("web", "worker", "beat", "migrate")


def test_compose_has_the_whole_stack(compose):
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(compose["services"])


@pytest.mark.parametrize("name", ["web", "worker", "beat", "postgres", "redis"])
def test_every_long_running_service_has_a_health_check(compose, name):
    check = compose["services"][name]["healthcheck"]
    assert check["test"][0] in {"CMD", "CMD-SHELL"}
    assert check.get("interval") and check.get("retries")


def test_the_app_services_run_the_right_processes(compose):
    services = compose["services"]
    assert services["web"]["command"] == ["sh", "deploy/serve.sh"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "portfolio", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portfolio", "beat"]
    assert "migrate" in " ".join(services["migrate"]["command"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_the_app_services_read_env_and_use_postgres_and_redis(compose, name):
    service = compose["services"][name]
    assert service["env_file"] == ".env"
    assert service["environment"]["DJANGO_ENV"] == "production"
    assert service["environment"]["DATABASE_URL"].startswith("postgres://")
    assert service["environment"]["REDIS_URL"].startswith("redis://redis:")
    for dependency in ("postgres", "redis"):
        assert service["depends_on"][dependency]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_nothing_serves_before_the_migrations_have_run(compose, name):
    depends = compose["services"][name]["depends_on"]
    assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_media_and_database_live_in_named_volumes(compose):
    assert {"media", "pgdata"} <= set(compose["volumes"])
    for name in ("web", "worker"):
        assert "media:/app/media" in compose["services"][name]["volumes"]
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]


def test_the_worker_serves_its_metrics(compose):
    environment = compose["services"]["worker"]["environment"]
    assert environment["CELERY_METRICS_PORT"]
    assert environment["PROMETHEUS_MULTIPROC_DIR"] in compose["services"]["worker"]["tmpfs"]
