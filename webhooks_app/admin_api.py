from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from portfolio.api.crud import AdminViewSet
from portfolio.api.pagination import PageQuerySerializer
from webhooks_app.models import Webhook
from webhooks_app.selectors import delivery_list
from webhooks_app.serializers import (
    DeliveryListOutputSerializer,
    DeliveryOutputSerializer,
    WebhookCreatedOutputSerializer,
    WebhookInputSerializer,
    WebhookOutputSerializer,
)


class WebhookAdminViewSet(AdminViewSet):
    queryset = Webhook.objects.all()
    input_serializer_class = WebhookInputSerializer
    serializer_class = WebhookOutputSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    @extend_schema(responses={201: WebhookCreatedOutputSerializer})
    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        return self._with_generated_secret(response)

    def partial_update(self, request, *args, **kwargs):
        response = super().partial_update(request, *args, **kwargs)
        return self._with_generated_secret(response)

    def _with_generated_secret(self, response):
        # Write-only, but a secret the owner never saw would be useless: the answer
        # that generated it is the one place it is shown.
        sent = self.request.data.get("secret")
        if sent == "" or (sent is None and self.request.method == "POST"):
            response.data["secret"] = Webhook.objects.get(pk=response.data["id"]).secret
        return response

    @extend_schema(responses=DeliveryListOutputSerializer, parameters=[PageQuerySerializer])
    @action(detail=True, methods=["get"], serializer_class=DeliveryOutputSerializer)
    def deliveries(self, request, pk=None):
        # Deliveries and their responses, newest first.
        page = self.paginate_queryset(delivery_list(webhook=self.get_object()))
        data = DeliveryOutputSerializer(page, many=True).data
        return self.get_paginated_response(data)
