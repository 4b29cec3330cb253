from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from contact_app.serializers import ContactSubmitInputSerializer, ContactSubmitOutputSerializer
from contact_app.services import submission_create
from contact_app.throttles import ContactRateThrottle
from portfolio.api.clients import client_ip, user_agent
from portfolio.api.views import PublicApi

THANK_YOU = "Thank you for your message! I'll get back to you soon."


class ContactSubmitApi(PublicApi):
    # An anonymous form: a stale token in the visitor's browser must not turn a
    # message into a 401.
    throttle_classes = [ContactRateThrottle]

    @extend_schema(
        operation_id="contact_submit",
        request=ContactSubmitInputSerializer,
        responses={201: ContactSubmitOutputSerializer},
        summary="Send a message to the owner.",
        description=(
            "Always 201 with the same body once the input is valid: for a new message, "
            "for one caught as spam (stored, never emailed) and for a repeat of the same "
            "email and message within 10 minutes (answered with the original "
            "`submission_id`, nothing stored twice). `website` is a honeypot and must "
            "stay empty. HTML is stripped from what is stored. Throttled per client IP "
            "(CONTACT_RATE_LIMIT, default 5/hour); every request counts."
        ),
    )
    def post(self, request):
        serializer = ContactSubmitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        submission, _ = submission_create(
            name=data["name"],
            email=data["email"],
            message=data["message"],
            website=data.get("website") or "",
            ip_address=client_ip(request),
            user_agent=user_agent(request),
        )
        output = ContactSubmitOutputSerializer(
            {"message": THANK_YOU, "submission_id": submission.id}
        )
        return Response(output.data, status=status.HTTP_201_CREATED)
