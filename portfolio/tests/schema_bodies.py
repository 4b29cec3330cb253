"""Request bodies generated from the OpenAPI schema, for tests that sweep every write."""

import copy
import uuid

from django.apps import apps

WRITE_METHODS = ("post", "put", "patch")
# The admin item paths need an existing object to write to.
ITEM_MODELS = {
    "projects": "content_app.Project",
    "experiences": "content_app.Experience",
    "skills": "content_app.Skill",
    "tools": "tools_app.AITool",
    "posts": "blog_app.BlogPost",
    "webhooks": "webhooks_app.Webhook",  # not seeded: see unseeded_rows_create
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


def unseeded_rows_create():
    """Rows the seed does not make, so that every `{id}` path names one."""
    from webhooks_app.models import Webhook

    Webhook.objects.create(url="https://builds.example.com/hook")


def concrete(path):
    for segment, label in ITEM_MODELS.items():
        if f"/admin/{segment}/" in path and "{id}" in path:
            instance = apps.get_model(label)._default_manager.first()
            return path.replace("{id}", str(instance.pk))
    return path
