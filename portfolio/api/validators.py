"""Checks for free-form JSON a client sends and we store as it is."""

import math

from rest_framework import serializers

from portfolio.api.parsers import unencodable_problem


def validate_storable_json(value, *, max_depth=8):
    """Raise ValidationError unless `value` can be stored in a JSON column on any backend."""

    def walk(node, depth):
        if depth > max_depth:
            raise serializers.ValidationError(f"Nesting deeper than {max_depth} levels.")
        if isinstance(node, str):
            if unencodable_problem(node):
                raise serializers.ValidationError("Text may not contain NUL or lone surrogates.")
        elif isinstance(node, float):
            if not math.isfinite(node):
                raise serializers.ValidationError("Numbers must be finite.")
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(str(key), depth)
                walk(item, depth + 1)
        elif isinstance(node, list):
            for item in node:
                walk(item, depth + 1)

    walk(value, 1)
    return value
