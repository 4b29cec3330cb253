from django.urls import path

from chat_app.views import ChatHistoryApi, ChatSendApi

urlpatterns = [
    path("chat/send", ChatSendApi.as_view(), name="chat-send"),
    path("chat/history", ChatHistoryApi.as_view(), name="chat-history"),
]
