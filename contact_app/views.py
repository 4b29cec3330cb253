from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from contact_app.serializers import (
    NAME_MAX,
    ContactSubmitInputSerializer,
    ContactSubmitOutputSerializer,
    ResumeSiteSendEmailInputSerializer,
    ResumeSiteSendEmailOutputSerializer,
)
from contact_app.services import submission_create
from contact_app.throttles import ContactRateThrottle
from portfolio.api.clients import client_ip, user_agent
from portfolio.api.renderers import ORJSONRenderer
from portfolio.api.views import PublicApi, validated

# The contract (shared/API.md) fixes this English sentence; it is also the msgid.
THANK_YOU = gettext_lazy("Thank you for your message! I'll get back to you soon.")


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
        data = validated(ContactSubmitInputSerializer, request.data)
        submission, _ = submission_create(
            name=data["name"],
            email=data["email"],
            message=data["message"],
            website=data.get("website") or "",
            ip_address=client_ip(request),
            user_agent=user_agent(request),
            language=request.LANGUAGE_CODE,
        )
        output = ContactSubmitOutputSerializer(
            {"message": str(THANK_YOU), "submission_id": submission.id}
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


class ResumeSiteSendEmailApi(PublicApi):
    """Seed 002's newer client: the contact form as `{from_email, subject, message}`,
    through the same service, throttle and spam checks as `contact/submit`."""

    envelope = False
    # Errors as `{"detail": "one sentence"}`: the client shows `detail` as it is.
    one_sentence_errors = True
    renderer_classes = [ORJSONRenderer]
    throttle_classes = [ContactRateThrottle]

    @extend_schema(
        operation_id="resume_site_send_email",
        request=ResumeSiteSendEmailInputSerializer,
        responses={
            200: ResumeSiteSendEmailOutputSerializer,
            400: OpenApiResponse(description='`{"detail": "..."}`: the input is not valid.'),
            429: OpenApiResponse(description='`{"detail": "..."}`: too many messages.'),
            503: OpenApiResponse(description='`{"detail": "..."}`: not stored, try again.'),
        },
        summary="Send a message to the owner (seed 002, no envelope).",
        description=(
            "Stored and the owner notified like `/api/v1/contact/submit` (spam stored but "
            "never emailed, repeats answered once, CONTACT_RATE_LIMIT per client IP). The "
            "sender's address is never mailed: no auto-reply on this path."
        ),
    )
    def post(self, request):
        data = validated(ResumeSiteSendEmailInputSerializer, request.data)
        subject = data.get("subject") or ""
        submission_create(
            # The form has no name: the owner sees the address's own name part.
            name=data["from_email"].rpartition("@")[0][:NAME_MAX],
            email=data["from_email"],
            message=f"{subject}\n\n{data['message']}" if subject else data["message"],
            ip_address=client_ip(request),
            user_agent=user_agent(request),
            auto_reply=False,
            language=request.LANGUAGE_CODE,
        )
        output = {"message": str(THANK_YOU), "status_code": 200}
        return Response(ResumeSiteSendEmailOutputSerializer(output).data)
