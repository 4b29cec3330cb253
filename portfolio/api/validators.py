"""Checks for free-form JSON a client sends and we store as it is. Its text was
checked by the JSON parser (SafeJSONParser refuses NUL and lone surrogates)."""

import math

from rest_framework import serializers


def validate_storable_json(value, *, max_depth=8):
    """Raise ValidationError unless `value` can be stored in a JSON column on any backend."""

    def walk(node, depth):
        if depth > max_depth:
            raise serializers.ValidationError(f"Nesting deeper than {max_depth} levels.")
        if isinstance(node, float) and not math.isfinite(node):
            raise serializers.ValidationError("Numbers must be finite.")
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)

    walk(value, 1)
    return value
