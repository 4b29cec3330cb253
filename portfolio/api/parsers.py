"""JSON parsing that answers 400, never 500, for any body a client can send."""

import json
import re

from django.utils.translation import gettext, gettext_lazy
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Lone surrogates ("\ud800") cannot be encoded as UTF-8 and PostgreSQL refuses NUL
# in text: either would crash whatever touches the value first (HTML cleaning, a
# throttle's hash, the database, the renderer echoing it back in an error).
_UNENCODABLE = re.compile("[\x00\ud800-\udfff]")
_PROBLEMS = {"\x00": gettext_lazy("a NUL character (\\u0000)")}
_SURROGATE = gettext_lazy("a lone surrogate (\\ud800-\\udfff)")


def unencodable_problem(text: str) -> str | None:
    """What makes `text` unstorable, as words; None when it is fine."""
    if found := _UNENCODABLE.search(text):
        return str(_PROBLEMS.get(found.group(), _SURROGATE))
    return None


# Deeper than any body or frame of this API needs, shallow enough that nothing
# downstream (serializers, the renderer echoing a value) recurses near Python's limit.
MAX_JSON_DEPTH = 64


def json_document_problem(document) -> str | None:
    """Why a parsed body or socket frame is refused, as a sentence; None when it is fine.

    The one check both HTTP (the parser below) and the sockets run on every document:
    nesting depth, then each string, key or value, that cannot be stored."""
    # Iterative: the document may be nested as deep as the json module allows.
    stack = [("", document, 1)]
    while stack:
        path, node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return too_deep()
        if isinstance(node, str) and (problem := unencodable_problem(node)):
            return _text_problem(path, problem)
        if isinstance(node, dict):
            for key, value in node.items():
                if problem := unencodable_problem(key):
                    return _text_problem(path or "(key)", problem)
                stack.append((f"{path}.{key}" if path else str(key), value, depth + 1))
        elif isinstance(node, list):
            stack.extend((f"{path}[{index}]", item, depth + 1) for index, item in enumerate(node))
    return None


def too_deep() -> str:
    message = gettext("the document is nested too deeply (at most %(depth)s levels).")
    return message % {"depth": MAX_JSON_DEPTH}


def _text_problem(path, problem):
    # The path is ours to show (keys were checked before being joined into it).
    if not path:
        return gettext("the text contains %(problem)s.") % {"problem": problem}
    message = gettext("the text in %(path)s contains %(problem)s.")
    return message % {"path": path[:100], "problem": problem}


def parse_error(problem) -> ParseError:
    return ParseError(gettext("JSON parse error - %(problem)s") % {"problem": problem})


class JSONDocumentError(ValueError):
    """Valid JSON that is refused all the same (too deep, unstorable text); a sentence."""


def json_frame_load(raw: str):
    """A socket frame parsed and checked like an HTTP body.

    ValueError for text that is not JSON, JSONDocumentError for JSON that is refused."""
    try:
        document = json.loads(raw)
    except RecursionError:
        raise JSONDocumentError(too_deep()) from None
    if problem := json_document_problem(document):
        raise JSONDocumentError(problem)
    return document


class SafeJSONParser(JSONParser):
    """DRF's JSONParser only turns ValueError into a 400; a body nested a few
    thousand levels deep (`[[[[...`) makes the json module raise RecursionError,
    which would escape as a 500. Strings that cannot be encoded are refused here,
    once, for every field of every JSON endpoint."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            document = super().parse(stream, media_type, parser_context)
        except ParseError as exc:
            raise _without_internals(exc) from None
        except RecursionError:
            raise parse_error(too_deep()) from None
        if problem := json_document_problem(document):
            raise parse_error(problem)
        return document


def _without_internals(error: ParseError) -> ParseError:
    """DRF words every ValueError as it comes, in English; a few of them describe Python
    itself ("... use sys.set_int_max_str_digits()", a codec's byte position), not the body.
    Each becomes a sentence of ours, in the request's language."""
    cause = error.__context__
    if isinstance(cause, UnicodeDecodeError):
        return parse_error(gettext("the body is not valid UTF-8 text."))
    if isinstance(cause, json.JSONDecodeError):
        message = gettext("the body is not valid JSON (line %(line)s, column %(column)s).")
        return parse_error(message % {"line": cause.lineno, "column": cause.colno})
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return parse_error(gettext("a number in the document has too many digits."))
    if isinstance(cause, ValueError) and "not JSON compliant" in str(cause):
        return parse_error(gettext("NaN and Infinity are not JSON numbers."))
    return error
