from django.urls import re_path

from chat_app.consumers import ChatConsumer, ResumeChatConsumer, UnknownPathConsumer

websocket_urlpatterns = [
    re_path(r"^ws/chat/?$", ChatConsumer.as_asgi()),
    re_path(r"^ws/(?P<client_id>[A-Za-z0-9._:-]{8,128})/?$", ResumeChatConsumer.as_asgi()),
    re_path(r"", UnknownPathConsumer.as_asgi()),
]
