from rest_framework.negotiation import BaseContentNegotiation


class FileContentNegotiation(BaseContentNegotiation):
    """For views that answer with a file: the client's Accept (`application/pdf`,
    `image/*`) must not turn into a 406 because the only renderer is JSON, which
    is used for errors alone."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
