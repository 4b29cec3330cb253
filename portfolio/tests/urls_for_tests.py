"""Views that exist only to drive the exception handler through real requests."""

from django.urls import include, path
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from portfolio.api.errors import ApplicationError
from portfolio.api.renderers import ORJSONRenderer


class OnceAMinute(AnonRateThrottle):
    rate = "1/min"


class ThrottledApi(APIView):
    throttle_classes = [OnceAMinute]

    def get(self, request):
        return Response({"ok": True})


class CrashingApi(APIView):
    def get(self, request):
        raise RuntimeError("secret internals")


class DomainErrorApi(APIView):
    def get(self, request):
        raise ApplicationError("The CV is still processing.", status_code=409, details={"id": 1})


class RawShapeDomainErrorApi(APIView):
    envelope = False
    renderer_classes = [ORJSONRenderer]

    def get(self, request):
        raise ApplicationError("No resume has been uploaded yet.", status_code=404)


class RawShapeCrashApi(RawShapeDomainErrorApi):
    def get(self, request):
        raise RuntimeError("secret internals")


def crashing_plain_view(request):
    raise RuntimeError("secret internals")


urlpatterns = [
    path("api/v1/test/throttled", ThrottledApi.as_view()),
    path("api/v1/test/crash", CrashingApi.as_view()),
    path("api/v1/test/domain", DomainErrorApi.as_view()),
    path("api/v1/test/plain-crash", crashing_plain_view),
    path("api/test/raw-domain", RawShapeDomainErrorApi.as_view()),
    path("api/test/raw-crash", RawShapeCrashApi.as_view()),
    path("", include("portfolio.urls")),
]
