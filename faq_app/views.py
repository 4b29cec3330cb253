from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from faq_app.models import FAQEntry, QuestionGroup
from faq_app.selectors import (
    CACHE_NAMESPACE,
    faq_published_list,
    inbox_answers_attach,
    inbox_group_rows,
)
from faq_app.serializers import (
    FAQAdminOutputSerializer,
    FAQInputSerializer,
    FAQListOutputSerializer,
    FAQOutputSerializer,
    FeedbackInputSerializer,
    FeedbackOutputSerializer,
    GroupAnswerInputSerializer,
    UnansweredListOutputSerializer,
    UnansweredOutputSerializer,
    UnansweredQuerySerializer,
)
from faq_app.services import (
    answer_feedback_record,
    question_group_answer,
    question_group_delete,
)
from faq_app.throttles import FeedbackRateThrottle
from portfolio.api.caching import cached_json_response
from portfolio.api.crud import AdminViewSet
from portfolio.api.language import request_language, supported_languages
from portfolio.api.pagination import (
    LimitOffsetPage,
    PageQuerySerializer,
    page_of,
    validated_page_params,
)
from portfolio.api.permissions import StaffOrModelPermission
from portfolio.api.views import PublicApi, validated


class ChatFeedbackApi(PublicApi):
    throttle_classes = [FeedbackRateThrottle]

    @extend_schema(
        operation_id="chat_feedback",
        request=FeedbackInputSerializer,
        responses={201: FeedbackOutputSerializer},
        summary="A visitor's verdict on one answer (chat/send, cv/query, the socket's done).",
        description=(
            "Anonymous. The answer must be one given to this visitor's session (the "
            "`chat_session` cookie, or `session_id`); else 404. One verdict per answer "
            "and session: a second is a 409. Unhelpful answers go to the owner's inbox."
        ),
    )
    def post(self, request):
        fields = validated(FeedbackInputSerializer, request.data)
        answer_feedback_record(
            answer_id=fields["answer_id"],
            helpful=fields["helpful"],
            comment=fields["comment"],
            sessions=[
                fields.get("session_id"),
                request.COOKIES.get(settings.CHAT_SESSION_COOKIE_NAME),
            ],
        )
        response = Response({"recorded": True}, status=status.HTTP_201_CREATED)
        response.envelope_message = _("Thank you for your feedback.")
        return response


class FAQListApi(PublicApi):
    @extend_schema(
        operation_id="faq_list",
        parameters=[
            OpenApiParameter("lang", str, enum=supported_languages(), required=False),
            PageQuerySerializer,
        ],
        responses=FAQListOutputSerializer,
        summary="The owner's published answers to visitors' questions, oldest first.",
    )
    def get(self, request):
        page = validated_page_params(request)
        language = request_language(request)

        def build():
            rows = faq_published_list(language=language)
            return page_of(request, rows, FAQOutputSerializer)

        response = cached_json_response(
            request,
            namespace=CACHE_NAMESPACE,
            # An entry scheduled for later shows at its time: the namespace's version
            # is bumped when its publish_at comes due (portfolio/api/caching.py).
            params={"view": "faq", "lang": language, **page},
            build=build,
            # Entries scheduled for later appear at their time, not at the next edit.
            edge_params=None,
        )
        response["Content-Language"] = language
        return response


# --- The owner's inbox (staff) ---------------------------------------------------


class UnansweredViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):
    permission_classes = [StaffOrModelPermission]
    queryset = QuestionGroup.objects.all()

    @extend_schema(
        operation_id="admin_unanswered_list",
        parameters=[UnansweredQuerySerializer],
        responses=UnansweredListOutputSerializer,
        summary="Questions the assistant refused, answered below its confidence threshold, "
        "or a visitor marked unhelpful, grouped by meaning, most recently asked first.",
    )
    def list(self, request):
        query = validated(UnansweredQuerySerializer, request.query_params)
        paginator = LimitOffsetPage()
        rows = inbox_group_rows(status=query.get("status") or None)
        groups = inbox_answers_attach(paginator.paginate_queryset(rows, request, view=self))
        return paginator.get_paginated_response(UnansweredOutputSerializer(groups, many=True).data)

    @extend_schema(
        operation_id="admin_unanswered_answer",
        request=GroupAnswerInputSerializer,
        responses={201: FAQAdminOutputSerializer},
        summary="Answer a group once: a published FAQ entry the assistant quotes from now on.",
    )
    def answer(self, request, pk):
        fields = validated(GroupAnswerInputSerializer, request.data)
        entry = question_group_answer(group_id=pk, **fields)
        response = Response(FAQAdminOutputSerializer(entry).data, status=status.HTTP_201_CREATED)
        response.envelope_message = _("FAQ entry created.")
        return response

    @extend_schema(operation_id="admin_unanswered_delete", responses={204: None})
    def destroy(self, request, pk):
        question_group_delete(group_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FAQAdminViewSet(AdminViewSet):
    queryset = FAQEntry.objects.all()
    input_serializer_class = FAQInputSerializer
    serializer_class = FAQAdminOutputSerializer
