from django.urls import path

from faq_app.views import ChatFeedbackApi, FAQAdminViewSet, FAQListApi, UnansweredViewSet
from portfolio.api.crud import admin_urls

unanswered = UnansweredViewSet.as_view({"get": "list"})
unanswered_answer = UnansweredViewSet.as_view({"post": "answer"})
unanswered_delete = UnansweredViewSet.as_view({"delete": "destroy"})

urlpatterns = [
    path("chat/feedback", ChatFeedbackApi.as_view(), name="chat-feedback"),
    path("faq", FAQListApi.as_view(), name="faq-list"),
    path("admin/unanswered", unanswered, name="admin-unanswered"),
    path("admin/unanswered/<uuid:pk>/answer", unanswered_answer, name="admin-unanswered-answer"),
    path("admin/unanswered/<uuid:pk>", unanswered_delete, name="admin-unanswered-delete"),
    *admin_urls(faq=FAQAdminViewSet),
]
