"""JSON parsing that answers 400, never 500, for any body a client can send."""

import re

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Lone surrogates ("\ud800") cannot be encoded as UTF-8 and PostgreSQL refuses NUL
# in text: either would crash whatever touches the value first (HTML cleaning, a
# throttle's hash, the database, the renderer echoing it back in an error).
_UNENCODABLE = re.compile("[\x00\ud800-\udfff]")
_PROBLEMS = {"\x00": "a NUL character (\\u0000)"}


def unencodable_problem(text: str) -> str | None:
    """What makes `text` unstorable, as words; None when it is fine."""
    if found := _UNENCODABLE.search(text):
        return _PROBLEMS.get(found.group(), "a lone surrogate (\\ud800-\\udfff)")
    return None


def _first_bad_string(document):
    """(path, problem) of the first string, key or value, that cannot be stored."""
    # Iterative: the document may be nested as deep as the json module allows.
    stack = [("", document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str) and (problem := unencodable_problem(node)):
            return path, problem
        if isinstance(node, dict):
            for key, value in node.items():
                if problem := unencodable_problem(key):
                    return path or "(key)", problem
                stack.append((f"{path}.{key}" if path else str(key), value))
        elif isinstance(node, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(node))
    return None


class SafeJSONParser(JSONParser):
    """DRF's JSONParser only turns ValueError into a 400; a body nested a few
    thousand levels deep (`[[[[...`) makes the json module raise RecursionError,
    which would escape as a 500. Strings that cannot be encoded are refused here,
    once, for every field of every JSON endpoint."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            document = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
        if bad := _first_bad_string(document):
            path, problem = bad
            where = f" in {path[:100]}" if path else ""
            # The path is ours to show (keys were checked before being joined into it).
            raise ParseError(f"JSON parse error - the text{where} contains {problem}.")
        return document
