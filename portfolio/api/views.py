from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from portfolio.api.renderers import ORJSONRenderer


class PublicApi(APIView):
    """An endpoint anyone may call. Credentials are not even read, so an expired
    token a frontend still sends never turns a public request into a 401."""

    authentication_classes = []
    permission_classes = [AllowAny]


def validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class RawShape:
    # Mixed into a view that answers a source document's own shape (seed 002): no
    # envelope on success, errors as `{"detail": ...}` (the exception handler reads
    # `envelope`). (A comment, not a docstring: the schema would show it.)
    envelope = False
    renderer_classes = [ORJSONRenderer]
