"""Views that exist only to drive the exception handler through real requests."""

from django.urls import include, path
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from portfolio.api.errors import ApplicationError


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


def crashing_plain_view(request):
    raise RuntimeError("secret internals")


urlpatterns = [
    path("api/v1/test/throttled", ThrottledApi.as_view()),
    path("api/v1/test/crash", CrashingApi.as_view()),
    path("api/v1/test/domain", DomainErrorApi.as_view()),
    path("api/v1/test/plain-crash", crashing_plain_view),
    path("", include("portfolio.urls")),
]
