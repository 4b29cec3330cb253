"""Hostile strings in every JSON field of every write the schema documents.

For each POST/PUT/PATCH operation with a JSON body, a valid body is generated from
the schema, then each string field in turn (nested ones included) gets a lone
surrogate, a NUL or, where the schema gives a maxLength, a string past it. Each
such request must be a 4xx in the envelope (never a 5xx) and store nothing.
"""

import json

import pytest

from portfolio.testing import bearer
from portfolio.tests.schema_bodies import (
    concrete,
    example,
    stored_rows,
    string_fields,
    unseeded_rows_create,
    with_value,
    write_operations,
)

HOSTILE = {"lone surrogate": "ab\ud800cd", "NUL": "ab\x00cd"}


def send(client, method, path, body, headers):
    return getattr(client, method)(
        concrete(path), json.dumps(body), content_type="application/json", **headers
    )


def cases(schema):
    components = schema["components"]["schemas"]
    for path, method, body_schema in write_operations(schema):
        for field, max_length in string_fields(body_schema, components):
            for label, text in HOSTILE.items():
                yield path, method, body_schema, field, label, text
            if max_length:
                yield path, method, body_schema, field, "over-long", "x" * (max_length + 1)


@pytest.mark.django_db
def test_every_hostile_string_in_every_json_field_is_a_4xx_that_stores_nothing(
    client, api_schema, seeded, admin_user
):
    unseeded_rows_create()
    schema = api_schema
    components = schema["components"]["schemas"]
    headers = bearer(admin_user)
    tried, failures = 0, []
    for path, method, body_schema, field, label, text in cases(schema):
        body = with_value(example(body_schema, components), field, text, body_schema, components)
        before = stored_rows()
        response = send(client, method, path, body, headers)
        tried += 1
        name = ".".join(map(str, field))
        if not 400 <= response.status_code < 500:
            failures.append(f"{method.upper()} {path} {name} ({label}): {response.status_code}")
            continue
        if stored_rows() != before:
            failures.append(f"{method.upper()} {path} {name} ({label}): stored something")
        if response.status_code == 400 and path.startswith("/api/v1/"):
            assert response.json()["success"] is False
    assert tried > 150
    assert failures == []


@pytest.mark.django_db
def test_the_generated_bodies_are_valid_so_the_hostile_field_is_what_is_refused(
    client, api_schema, seeded, admin_user
):
    unseeded_rows_create()
    schema = api_schema
    components = schema["components"]["schemas"]
    refused = []
    for path, method, body_schema in write_operations(schema):
        body = example(body_schema, components)
        response = send(client, method, path, body, bearer(admin_user))
        # Invalid credentials, a junk refresh token or no CV yet are answers about
        # the content, not the shape.
        if response.status_code == 400 and not path.endswith("/auth/logout"):
            refused.append(f"{method.upper()} {path}: {response.content[:200]}")
    assert refused == []


@pytest.mark.django_db
def test_the_parser_names_the_problem(client):
    response = client.post(
        "/api/v1/contact/submit",
        '{"name": "Jane\\ud800", "email": "jane@example.com", "message": "Hello there you"}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"] == (
        "JSON parse error - the text in name contains a lone surrogate (\\ud800-\\udfff)."
    )


@pytest.mark.django_db
def test_a_validation_error_repeating_a_lone_surrogate_still_renders(rf):
    from portfolio.api.renderers import dumps

    assert json.loads(dumps({"mode": ['"\ud800" is not a valid choice.']})) == {
        "mode": ['"\ufffd" is not a valid choice.']
    }


@pytest.mark.django_db
def test_a_body_nested_past_the_limit_is_a_400_naming_the_limit(client):
    body = '{"name": "Jane", "email": "jane@example.com", "message": ' + "[" * 65 + "]" * 65 + "}"
    response = client.post("/api/v1/contact/submit", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == (
        "JSON parse error - the document is nested too deeply (at most 64 levels)."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"name": ' + b"9" * 5000 + b"}", "a number in the document has too many digits."),
        (
            b'{"name": "\\xff\\xfe"}'.replace(b"\\xff\\xfe", b"\xff\xfe"),
            "the body is not valid UTF-8 text.",
        ),
    ],
)
def test_a_parse_error_names_the_body_not_python(client, body, expected):
    response = client.post("/api/v1/contact/submit", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == f"JSON parse error - {expected}"
    assert "sys." not in response.json()["error"]
