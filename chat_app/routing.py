# WebSocket routes (/ws/chat, /ws/<client_id>) arrive with the assistant issue.
websocket_urlpatterns = []
