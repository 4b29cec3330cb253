"""The example environment files work as they are copied: every line of them is
given to a fresh interpreter, as `cp .env.example .env` would."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Long and varied enough for Django's deploy check.
DUMMY_SECRET = "test-only-" + "k3y!Q9z#" * 8
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'db': str(s.DATABASES['default']['NAME']), "
    "'media': str(s.MEDIA_ROOT), 'static': str(s.STATIC_ROOT), 'log': s.LOG_FORMAT, "
    "'email': s.EMAIL_BACKEND}))"
)


def example(name):
    values = {}
    for line in (ROOT / name).read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def environment(values):
    # Nothing from the shell that runs the tests may stand in for a line of the file.
    inherited = {
        k: v
        for k, v in os.environ.items()
        if k not in values and not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    return {**inherited, **values, "DJANGO_SETTINGS_MODULE": "portfolio.settings"}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_every_line_of_the_development_example_is_accepted_as_it_is():
    values = example(".env.example")
    checked = run(["manage.py", "check"], environment(values))
    assert checked.returncode == 0, checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_the_development_example_keeps_local_state_under_var_with_debug_on():
    settings = json.loads(run(["-c", PROBE], environment(example(".env.example"))).stdout)
    assert settings["debug"] is True
    assert settings["db"] == str(ROOT / "var" / "db.sqlite3")
    assert settings["media"] == str(ROOT / "var" / "media")
    assert settings["static"] == str(ROOT / "var" / "static")
    assert settings["log"] == "readable"
    assert settings["email"] == "django.core.mail.backends.console.EmailBackend"


def test_an_empty_value_means_the_default(tmp_path):
    env = environment({"DATABASE_URL": "", "LOG_FORMAT": "", "DJANGO_DEBUG": "", "EMAIL_URL": ""})
    env["VAR_DIR"] = str(tmp_path)
    settings = json.loads(run(["-c", PROBE], env).stdout)
    assert settings["db"] == str(tmp_path / "db.sqlite3")
    assert settings["debug"] is True
    assert settings["log"] == "readable"


def production_example(tmp_path):
    values = example(".env.production.example")
    values["DJANGO_SECRET_KEY"] = DUMMY_SECRET
    values["POSTGRES_PASSWORD"] = "dummy-password"
    # Compose would point at its own PostgreSQL; the probe only needs a database file.
    values["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return environment(values)


def test_the_production_example_lists_what_compose_requires():
    values = example(".env.production.example")
    compose = (ROOT / "docker-compose.yml").read_text()
    for name in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD"):
        assert name in values
    assert "${POSTGRES_PASSWORD:?" in compose


def test_the_production_example_with_a_secret_passes_the_deploy_check(tmp_path):
    checked = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_example(tmp_path)
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_admin_login_page_renders_in_production_with_the_examples_static_root(tmp_path):
    env = production_example(tmp_path)
    collected = run(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    assert collected.returncode == 0, collected.stderr
    page = (
        "import django; django.setup(); from django.test import Client;"
        "r = Client().get('/admin/login/', secure=True, HTTP_HOST='api.example.com');"
        "print(r.status_code, b'/static/unfold/css/styles.' in r.content)"
    )
    served = run(["-c", page], env)
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["200", "True"]
