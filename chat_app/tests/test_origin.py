"""The socket origin check (Channels' OriginValidator) on its own, with a stand-in app."""

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings

from chat_app.routing import SiteOriginValidator, websocket_application


async def accepting(scope, receive, send):
    # A bare ASGI app: a Channels consumer would touch the database connections.
    await receive()
    await send({"type": "websocket.accept"})
    while (await receive())["type"] != "websocket.disconnect":
        pass


ORIGINS = ["http://localhost:3000", "api.example.com"]


async def opened(origin):
    headers = [(b"origin", origin)] if origin is not None else []
    app = SiteOriginValidator(accepting, ORIGINS)
    communicator = WebsocketCommunicator(app, "/ws/chat", headers=headers)
    connected, _ = await communicator.connect()
    assert connected  # a refused origin is accepted, then closed with a readable code
    refused = await communicator.receive_nothing(timeout=0.2) is False
    if refused:
        assert await communicator.receive_output() == {"type": "websocket.close", "code": 4403}
    await communicator.disconnect()
    return not refused


@pytest.mark.parametrize(
    "origin",
    [b"http://localhost:3000", b"https://api.example.com", b"http://api.example.com:8000", None],
)
async def test_allowed_origins_and_no_origin_open(origin):
    assert await opened(origin)


@pytest.mark.parametrize(
    "origin",
    [
        b"https://evil.example",
        b"http://localhost:3001",  # a CORS origin matches with its scheme and port
        b"https://localhost:3000",
        b"https://api.example.com.evil.example",
        b"null",
        b"http://[::1",  # not a URL
        b"http://api.example.com:port",  # a port that is not a number
    ],
)
async def test_other_origins_are_closed_with_4403(origin):
    assert not await opened(origin)


def test_the_site_allows_its_cors_origins_and_its_own_hosts():
    # Read once, at start-up (the test run appends "testserver" to ALLOWED_HOSTS again).
    allowed = {*settings.CORS_ALLOWED_ORIGINS, *settings.ALLOWED_HOSTS}
    assert set(websocket_application.allowed_origins) == allowed
