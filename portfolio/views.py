import hmac
import ipaddress
from functools import cache

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularRedocView
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework_simplejwt.authentication import JWTAuthentication

from portfolio.api.clients import client_ip
from portfolio.api.exceptions import error_body
from portfolio.api.renderers import ORJSONRenderer
from portfolio.api.throttles import ClientIpRateThrottle
from portfolio.api.views import PublicApi
from portfolio.health import (
    basic_health_report,
    health_report,
    health_report_cached,
    public_health,
)


class HealthRateThrottle(ClientIpRateThrottle):
    scope = "health"  # each health answer may run every backend check


def metrics_token_given(request) -> bool:
    """`Authorization: Bearer METRICS_TOKEN`, compared in constant time."""
    token = settings.METRICS_TOKEN
    if not token:
        return False
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


def health_details_allowed(request) -> bool:
    """Staff (a valid access token) or the METRICS_TOKEN bearer may see the details."""
    if metrics_token_given(request):
        return True
    try:
        found = JWTAuthentication().authenticate(request)
    except APIException:
        # A stale or foreign token: the public answer, not a 401.
        return False
    except DatabaseError:
        # The account cannot be looked up with the database gone: the public answer,
        # which says so (503), rather than an error of its own.
        return False
    return bool(found) and found[0].is_staff


class HealthApi(PublicApi):
    throttle_classes = [HealthRateThrottle]

    @extend_schema(
        operation_id="health",
        responses=inline_serializer(
            "Health",
            {
                "status": serializers.ChoiceField(choices=["healthy", "degraded"]),
                "timestamp": serializers.DateTimeField(),
                "checks": serializers.DictField(),
            },
        ),
        summary="Database, cache, channel layer, broker, vector store and LLM checks.",
        description=(
            "Anyone: the verdict and each check's `ok` or `error`, refreshed every few "
            "seconds (HEALTH_CACHE_SECONDS) and throttled (HEALTH_RATE_LIMIT). Staff, or "
            "`Authorization: Bearer METRICS_TOKEN`: every check run now, with backends, "
            "latencies, the model and the CV."
        ),
    )
    def get(self, request):
        if health_details_allowed(request):
            report = health_report()
        else:
            report = public_health(health_report_cached())
        report["timestamp"] = timezone.now()
        if report["status"] == "unhealthy":
            return Response(error_body(503, "The database is unavailable.", report), status=503)
        return Response(report)


_BasicHealth = inline_serializer(
    "BasicHealth",
    {
        "status": serializers.ChoiceField(choices=["healthy", "unhealthy"]),
        "message": serializers.CharField(),
        "checks": inline_serializer(
            "BasicHealthChecks",
            {"database": serializers.DictField(), "version": serializers.DictField()},
        ),
    },
)


class BasicHealthApi(PublicApi):
    """Seed 002's health check, in that document's raw shape (no envelope)."""

    envelope = False
    renderer_classes = [ORJSONRenderer]
    throttle_classes = [HealthRateThrottle]

    @extend_schema(
        operation_id="seed002_health",
        tags=["seed-002"],
        responses={200: _BasicHealth, 503: _BasicHealth},
        summary="Database and version checks; 503 when the database is down (raw shape).",
    )
    def get(self, request):
        report = basic_health_report()
        return Response(report, status=200 if report["status"] == "healthy" else 503)


# --- /metrics -------------------------------------------------------------------


@cache
def _allowed_networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def metrics_access_allowed(request) -> bool:
    """From an allowed network (METRICS_ALLOWED_IPS), or with `Bearer METRICS_TOKEN`."""
    if metrics_token_given(request):
        return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    networks = _allowed_networks(tuple(settings.METRICS_ALLOWED_IPS))
    return any(address in network for network in networks)


@require_safe
def metrics_view(request):
    if not metrics_access_allowed(request):
        return HttpResponseForbidden(
            "Metrics are restricted to METRICS_ALLOWED_IPS or a METRICS_TOKEN bearer.\n",
            content_type="text/plain",
        )
    return ExportToDjangoView(request)


# --- API docs -------------------------------------------------------------------


class RedocView(SpectacularRedocView):
    """drf-spectacular's ReDoc page, from our static files, with nothing fetched from
    another host: ReDoc's bundle shows Redocly's logo from cdn.redoc.ly in its sidebar,
    which no setting turns off. The template (templates/drf_spectacular/redoc.html)
    gives that image our own file; this Content-Security-Policy keeps any other image
    from another host from loading at all."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = "img-src 'self' data: blob:"
        return response
