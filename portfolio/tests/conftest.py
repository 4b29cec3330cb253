import pytest

from portfolio.testing import editor_user, member_user, schema, staff_user

__all__ = [
    "api_schema",
    "editor_user",
    "member_user",
    "schema",
    "staff_user",
]


@pytest.fixture
def api_schema(client):
    """The OpenAPI document, as a client reads it."""
    return client.get("/api/schema/?format=json").json()
