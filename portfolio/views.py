from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from portfolio.api.exceptions import error_body
from portfolio.health import health_report


class HealthApi(APIView):
    authentication_classes = []

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
    )
    def get(self, request):
        report = health_report()
        report["timestamp"] = timezone.now()
        if report["status"] == "unhealthy":
            return Response(error_body(503, "The database is unavailable.", report), status=503)
        return Response(report)
