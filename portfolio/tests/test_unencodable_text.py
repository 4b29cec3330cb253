"""Hostile strings in every JSON field of every write the schema documents.

For each POST/PUT/PATCH operation with a JSON body, a valid body is generated from
the schema, then each string field in turn (nested ones included) gets a lone
surrogate, a NUL or, where the schema gives a maxLength, a string past it. Each
such request must be a 4xx in the envelope (never a 5xx) and store nothing.
"""

import copy
import json
import uuid

import pytest
from django.apps import apps

from portfolio.testing import bearer, fast_password_hashing  # noqa: F401

HOSTILE = {"lone surrogate": "ab\ud800cd", "NUL": "ab\x00cd"}
WRITE_METHODS = ("post", "put", "patch")
# The admin item paths need an existing object to write to.
ITEM_MODELS = {
    "projects": "content_app.Project",
    "experiences": "content_app.Experience",
    "skills": "content_app.Skill",
    "tools": "tools_app.AITool",
    "posts": "blog_app.BlogPost",
}
VALID_TEXT = "valid-text-1234"


def _resolve(schema, components):
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for combiner in ("allOf", "oneOf", "anyOf"):
        if combiner in schema:
            return _resolve(schema[combiner][0], components)
    return schema


def example(schema, components):
    """A value the schema accepts: required properties only, first enum value."""
    schema = _resolve(schema, components)
    if "enum" in schema:
        return next(value for value in schema["enum"] if value not in ("", None))
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {
            name: example(prop, components)
            for name, prop in schema.get("properties", {}).items()
            if name in required and not prop.get("readOnly")
        }
    if kind == "array":
        return [example(schema.get("items", {}), components)]
    if kind in ("integer", "number"):
        return 1
    if kind == "boolean":
        return True
    return {
        "date": "2024-01-15",
        "date-time": "2024-01-15T10:30:00Z",
        "uuid": str(uuid.uuid4()),
        "uri": "https://example.com/page",
        "email": "jane@example.com",
    }.get(schema.get("format"), VALID_TEXT)


def string_fields(schema, components, path=()):
    """(path, maxLength) of every string field, nested ones included."""
    schema = _resolve(schema, components)
    kind = schema.get("type")
    if kind == "object":
        for name, prop in schema.get("properties", {}).items():
            if not _resolve(prop, components).get("readOnly"):
                yield from string_fields(prop, components, (*path, name))
    elif kind == "array":
        yield from string_fields(schema.get("items", {}), components, (*path, 0))
    elif kind == "string" or "enum" in schema:
        yield path, schema.get("maxLength")


def with_value(body, path, value, schema, components):
    """A copy of `body` with `value` at `path`, creating the containers on the way."""
    body = copy.deepcopy(body)
    node, node_schema = body, _resolve(schema, components)
    for step, next_step in zip(path, (*path[1:], None), strict=True):
        child_schema = _resolve(
            node_schema["items"] if isinstance(step, int) else node_schema["properties"][step],
            components,
        )
        if next_step is None:
            node[step] = value
            break
        if isinstance(step, int):
            if not node:
                node.append(example(child_schema, components))
        elif step not in node:
            node[step] = example(child_schema, components)
        node, node_schema = node[step], child_schema
    return body


def write_operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if method in WRITE_METHODS and "application/json" in content:
                yield path, method, content["application/json"]["schema"]


def stored_rows() -> dict:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def cases(schema):
    components = schema["components"]["schemas"]
    for path, method, body_schema in write_operations(schema):
        for field, max_length in string_fields(body_schema, components):
            for label, text in HOSTILE.items():
                yield path, method, body_schema, field, label, text
            if max_length:
                yield path, method, body_schema, field, "over-long", "x" * (max_length + 1)


@pytest.fixture
def schema(client):
    return client.get("/api/schema/?format=json").json()


def concrete(path):
    for segment, label in ITEM_MODELS.items():
        if f"/admin/{segment}/" in path and "{id}" in path:
            instance = apps.get_model(label)._default_manager.first()
            return path.replace("{id}", str(instance.pk))
    return path


@pytest.mark.django_db
def test_every_hostile_string_in_every_json_field_is_a_4xx_that_stores_nothing(
    client, schema, seeded, admin_user
):
    components = schema["components"]["schemas"]
    headers = bearer(admin_user)
    tried, failures = 0, []
    for path, method, body_schema, field, label, text in cases(schema):
        body = with_value(example(body_schema, components), field, text, body_schema, components)
        before = stored_rows()
        response = getattr(client, method)(
            concrete(path), json.dumps(body), content_type="application/json", **headers
        )
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
    client, schema, seeded, admin_user
):
    components = schema["components"]["schemas"]
    refused = []
    for path, method, body_schema in write_operations(schema):
        body = example(body_schema, components)
        response = getattr(client, method)(
            concrete(path), json.dumps(body), content_type="application/json", **bearer(admin_user)
        )
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
