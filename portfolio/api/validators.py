"""Checks for free-form JSON a client sends and we store as it is."""

import math

from rest_framework import serializers

_SURROGATES = range(0xD800, 0xE000)


def _bad_text(text):
    # PostgreSQL refuses NUL in text and json, and lone surrogates cannot be
    # encoded as UTF-8: either would fail at INSERT time as a 500.
    return "\x00" in text or any(ord(char) in _SURROGATES for char in text)


def validate_storable_json(value, *, max_depth=8):
    """Raise ValidationError unless `value` can be stored in a JSON column on any backend."""

    def walk(node, depth):
        if depth > max_depth:
            raise serializers.ValidationError(f"Nesting deeper than {max_depth} levels.")
        if isinstance(node, str):
            if _bad_text(node):
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
