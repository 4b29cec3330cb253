from rest_framework.negotiation import BaseContentNegotiation


class FileContentNegotiation(BaseContentNegotiation):
    """For file views: an Accept of `application/pdf` or `image/*` must not become a 406
    because the only renderer is JSON (used for errors alone)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
