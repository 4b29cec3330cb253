"""JSON parsing that answers 400, never 500, for any body a client can send."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """DRF's JSONParser only turns ValueError into a 400; a body nested a few
    thousand levels deep (`[[[[...`) makes the json module raise RecursionError,
    which would escape as a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
