"""Settings are read in a fresh interpreter, as a real process would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
    "s.CHANNEL_LAYERS['default']['BACKEND'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)"
)
# Long and varied enough for Django's deploy check (50+ characters, 5+ distinct).
GOOD_KEY = "test-only-" + "k3y!Q9z#" * 8
MANAGED = (
    "DJANGO_ENV", "DJANGO_SECRET_KEY", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL",
    "REDIS_URL", "DJANGO_DEBUG", "EMBEDDINGS",
)  # fmt: skip


def start(tmp_path, **environment):
    env = {k: v for k, v in os.environ.items() if k not in MANAGED}
    env.update(DJANGO_SETTINGS_MODULE="portfolio.settings", VAR_DIR=str(tmp_path), **environment)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_development_starts_with_no_environment_at_all(tmp_path):
    result = start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "channels.layers.InMemoryChannelLayer",
        "True",
        "True",
    ]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = start(tmp_path, DJANGO_ENV="production", ALLOWED_HOSTS="example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = start(tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.parametrize("key", ["short", "k3y!Q9z#" * 6, "x" * 64])
def test_production_refuses_a_short_or_repetitive_secret_key(tmp_path, key):
    result = start(
        tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY=key, ALLOWED_HOSTS="example.com"
    )
    assert result.returncode != 0
    assert "at least 50 random characters" in result.stderr


def test_production_starts_with_its_required_values_and_no_debug(tmp_path):
    result = start(
        tmp_path, DJANGO_ENV="production", DJANGO_SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.com"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = start(tmp_path, DJANGO_ENV="staging")
    assert result.returncode != 0
    assert "DJANGO_ENV must be" in result.stderr


def test_database_and_redis_urls_switch_the_backends(tmp_path):
    result = start(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:4] == [
        "django.db.backends.postgresql",
        "django_redis.cache.RedisCache",
        "channels_redis.core.RedisChannelLayer",
        "False",
    ]


def probe(tmp_path, expression, **environment):
    """The value of a settings expression in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if k not in MANAGED}
    env.update(DJANGO_SETTINGS_MODULE="portfolio.settings", VAR_DIR=str(tmp_path), **environment)
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_refuses_debug(tmp_path):
    result = start(
        tmp_path,
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="example.com",
        DJANGO_DEBUG="1",
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_production_hsts_starts_at_an_hour_without_preload(tmp_path):
    production = {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "example.com",
    }
    assert probe(tmp_path, "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD", **production) == (
        "3600 False"
    )
    ramped = probe(
        tmp_path,
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD",
        SECURE_HSTS_SECONDS="604800",
        **production,
    )
    assert ramped == "604800 False"


def test_postgresql_uses_a_connection_pool_and_no_persistent_connections(tmp_path):
    value = probe(
        tmp_path,
        "s.DATABASES['default']['CONN_MAX_AGE'], sorted(s.DATABASES['default']['OPTIONS']['pool'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
    )
    assert value == "0 ['max_size', 'min_size', 'timeout']"


def test_sqlite_takes_the_write_lock_up_front_in_wal_mode(tmp_path):
    options = probe(tmp_path, "s.DATABASES['default']['OPTIONS']")
    assert "'transaction_mode': 'IMMEDIATE'" in options
    assert "journal_mode=WAL" in options
    assert "'timeout': 20" in options


def test_the_sqlite_file_really_runs_in_wal_mode(tmp_path):
    mode = probe(
        tmp_path,
        "__import__('django.db').db.connection.cursor().execute('PRAGMA journal_mode').fetchone()",
    )
    assert mode == "('wal',)"
