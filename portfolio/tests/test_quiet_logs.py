"""What a client gets wrong is a WARNING line in our log, never a traceback at ERROR."""

import logging

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/health", "/", "/admin/"])
def test_a_bad_host_header_is_one_warning_line_without_a_traceback(client, caplog, path):
    with caplog.at_level(logging.INFO):
        response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    security = [r for r in caplog.records if r.name.startswith("django.security")]
    assert [(r.levelname, r.exc_info) for r in security] == [("WARNING", None)]
    assert "evil.example" in security[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
