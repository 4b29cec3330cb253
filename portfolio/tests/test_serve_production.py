"""`make serve` is the whole production start: deploy/serve.sh, run with production
settings on an empty STATIC_ROOT, collects the static files itself and serves every
page; a file missing from the manifest never turns a page into a 500."""

import os
import re
import secrets
import shutil
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings

from bench.common import migrate_and_seed
from portfolio.testing import free_port, serve_sh

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/api/docs/", "/api/redoc/", "/admin/login/"]
# As the TLS-terminating proxy forwards it (production redirects plain HTTP).
PROXIED = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def production_env(workdir, port, **extra):
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECURE_", "DATABASE_", "REDIS_"))
        and k not in {"SECRET_KEY", "ALLOWED_HOSTS", "STATIC_ROOT", "VAR_DIR", "COLLECT_STATIC"}
    }
    return {
        **inherited,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(workdir / "var"),
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **extra,
    }


def get(url):
    request = urllib.request.Request(url, headers=PROXIED)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("serve-production")
    port = free_port()
    env = production_env(workdir, port)
    migrate_and_seed(env)
    assert not any((workdir / "static").iterdir()), "STATIC_ROOT starts empty"
    try:
        with serve_sh(
            env=env, port=port, timeout=180, what="deploy/serve.sh in production"
        ) as base:
            yield base, workdir / "static"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.parametrize("page", PAGES)
def test_serve_answers_every_page_in_production_with_nothing_done_by_hand(production_server, page):
    base, _ = production_server
    status, body = get(base + page)
    assert status == 200, body[:500]


def test_serve_collected_the_static_files_and_serves_them_by_their_hashed_names(
    production_server,
):
    base, static_root = production_server
    assert (static_root / "staticfiles.json").is_file()
    _, page = get(base + "/")
    stylesheet = re.search(r'href="(/static/portfolio/home\.[0-9a-f]{12}\.css)"', page).group(1)
    status, css = get(base + stylesheet)
    assert status == 200 and css


@override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "portfolio.staticstorage.ForgivingManifestStaticFilesStorage"},
    }
)
@pytest.mark.django_db
def test_a_file_missing_from_the_manifest_still_renders_the_page(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # nothing collected: no manifest at all
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/static/portfolio/home.css"' in response.content.decode()
