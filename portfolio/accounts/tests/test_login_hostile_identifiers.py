"""Text no account can be named with is refused as bad input, not a server error
(found by the fuzz pass: PostgreSQL refuses NUL in a query)."""

import pytest

from portfolio.accounts.selectors import account_by_identifier, account_id_for_identifier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "content_type", ["multipart/form-data", "application/x-www-form-urlencoded"]
)
def test_a_form_login_with_nul_in_the_username_is_a_400(client, content_type):
    data = {"username": "admin\x00", "password": "secret"}
    if content_type == "multipart/form-data":
        response = client.post("/api/v1/auth/login", data)
    else:
        response = client.post(
            "/api/v1/auth/login", "username=admin%00&password=secret", content_type=content_type
        )
    assert response.status_code == 400
    assert response.json()["success"] is False


@pytest.mark.parametrize("identifier", ["admin\x00", "\ud800admin", "a@b.c\x00"])
def test_an_identifier_with_nul_or_a_lone_surrogate_names_no_account(identifier):
    assert account_by_identifier(identifier) is None
    assert account_id_for_identifier(identifier) is None
