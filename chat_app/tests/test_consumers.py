"""Both WebSocket protocols, through the real ASGI application and its origin check."""

import json

import pytest
from channels.testing import WebsocketCommunicator

from chat_app.models import ChatHistory
from portfolio.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ALLOWED = [(b"origin", b"http://localhost:3000")]


async def connect(path, headers=ALLOWED):
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def send(communicator, payload):
    await communicator.send_to(text_data=json.dumps(payload))


async def frames_until_done(communicator, *, done=lambda f: f.get("type") in ("done", "error")):
    frames = []
    while True:
        frame = json.loads(await communicator.receive_from(timeout=10))
        frames.append(frame)
        if done(frame):
            return frames


async def test_chat_socket_streams_tokens_then_done(seeded):
    ws = await connect("/ws/chat")
    await send(ws, {"type": "message", "content": "Tell me about his projects"})
    frames = await frames_until_done(ws)
    tokens = [f["content"] for f in frames if f["type"] == "token"]
    done = frames[-1]
    assert done["type"] == "done"
    assert len(tokens) > 10
    assert "".join(tokens) == done["answer"]
    assert "Interactive Chatbot" in done["answer"]
    assert done["timestamp"].endswith("Z")
    assert any(s["type"] == "project" for s in done["sources"])
    row = await ChatHistory.objects.aget(session_id=done["session_id"])
    assert row.response == done["answer"]
    await ws.disconnect()


async def test_chat_socket_keeps_the_session_across_messages(seeded):
    ws = await connect("/ws/chat")
    await send(ws, {"type": "message", "content": "Who is Daniyal?", "session_id": "ws-session-1"})
    first = (await frames_until_done(ws))[-1]
    await send(ws, {"type": "message", "content": "And his projects?"})
    second = (await frames_until_done(ws))[-1]
    assert first["session_id"] == second["session_id"] == "ws-session-1"
    assert await ChatHistory.objects.filter(session_id="ws-session-1").acount() == 2
    await ws.disconnect()


async def test_a_foreign_origin_is_closed_with_4403(seeded):
    ws = WebsocketCommunicator(
        application, "/ws/chat", headers=[(b"origin", b"https://evil.example")]
    )
    await ws.connect()
    closed = await ws.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 4403}


async def test_an_oversize_message_gets_an_error_frame_and_the_socket_stays_usable(seeded):
    ws = await connect("/ws/chat")
    await send(ws, {"type": "message", "content": "x" * 2001})
    error = json.loads(await ws.receive_from(timeout=5))
    assert error == {"type": "error", "error": "The message is too long: at most 2000 characters."}
    await send(ws, {"type": "message", "content": "Who is Daniyal?"})
    assert (await frames_until_done(ws))[-1]["type"] == "done"
    await ws.disconnect()


async def test_an_oversize_frame_is_refused_before_parsing(seeded):
    ws = await connect("/ws/chat")
    await ws.send_to(text_data="{" + " " * 20_000 + "}")
    error = json.loads(await ws.receive_from(timeout=5))
    assert error["type"] == "error" and "limited to" in error["error"]
    await ws.disconnect()


async def test_a_flood_gets_a_slow_down_error_frame(seeded, settings):
    settings.WS_RATE_LIMIT = "2/min"
    ws = await connect("/ws/chat")
    for _ in range(2):
        await send(ws, {"type": "message", "content": "Who is Daniyal?"})
        assert (await frames_until_done(ws))[-1]["type"] == "done"
    await send(ws, {"type": "message", "content": "Who is Daniyal?"})
    error = json.loads(await ws.receive_from(timeout=5))
    assert error["type"] == "error"
    assert "slow down" in error["error"]
    assert await ChatHistory.objects.acount() == 2
    await ws.disconnect()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("not json", "Frames must be JSON objects."),
        ("[1, 2]", "Frames must be JSON objects."),
        ('{"type": "dance"}', "Unknown frame type; use one of: message."),
        ('{"type": "message"}', "The message must be a non-empty string."),
        ('{"type": "message", "content": "hi", "mode": "x"}', 'mode must be "home" or "cv".'),
    ],
)
async def test_bad_frames_get_error_frames(seeded, raw, expected):
    ws = await connect("/ws/chat")
    await ws.send_to(text_data=raw)
    assert json.loads(await ws.receive_from(timeout=5)) == {"type": "error", "error": expected}
    await ws.disconnect()


async def test_model_tokens_arrive_one_by_one(seeded, fake_model):
    fake_model.gated = True
    ws = await connect("/ws/chat")
    await send(ws, {"type": "message", "content": "What does he build?"})
    received = []
    for expected in fake_model.tokens():
        frame = json.loads(await ws.receive_from(timeout=10))
        assert frame == {"type": "token", "content": expected}
        received.append(frame["content"])
        # The server holds the next token until this one has been seen here.
        fake_model.release_token()
    done = (await frames_until_done(ws))[-1]
    assert done["answer"] == "".join(received) == fake_model.reply
    assert fake_model.requests[-1]["stream"] is True
    assert "Interactive Chatbot" in fake_model.requests[-1]["messages"][0]["content"]
    await ws.disconnect()


async def test_resume_socket_streams_chunks_then_an_end_frame(seeded):
    ws = await connect("/ws/resume-client-0001")
    await send(ws, {"type": "message", "content": "Where has he worked?"})
    frames = await frames_until_done(ws, done=lambda f: f.get("is_chunk") is False)
    chunks = frames[:-1]
    assert all(f["sender"] == "assistant" and f["is_chunk"] is True for f in chunks)
    assert frames[-1] == {"message": "", "sender": "assistant", "is_chunk": False}
    assert "Tech Company" in "".join(f["message"] for f in chunks)
    assert await ChatHistory.objects.filter(session_id="resume-client-0001").aexists()
    await ws.disconnect()


async def test_resume_socket_sends_page_context_and_client_history_to_the_model(seeded, fake_model):
    ws = await connect("/ws/resume-client-0002")
    await send(ws, {"type": "context", "content": "Section: Open source contributions"})
    await send(
        ws,
        {
            "type": "history",
            "messages": [
                {"role": "user", "content": "Hi"},
                {"role": "assistant", "content": "Hello! Ask me about Daniyal."},
            ],
        },
    )
    await send(ws, {"type": "message", "content": "What does he build?"})
    await frames_until_done(ws, done=lambda f: f.get("is_chunk") is False)
    messages = fake_model.requests[-1]["messages"]
    assert "Section: Open source contributions" in messages[0]["content"]
    assert [m["content"] for m in messages[1:]] == [
        "Hi", "Hello! Ask me about Daniyal.", "What does he build?",
    ]  # fmt: skip
    await ws.disconnect()


async def test_resume_socket_refuses_more_than_100_history_turns(seeded):
    ws = await connect("/ws/resume-client-0003")
    turns = [{"role": "user", "content": "x"}] * 101
    await send(ws, {"type": "history", "messages": turns})
    error = json.loads(await ws.receive_from(timeout=5))
    assert error["error"] is True and "at most 100" in error["message"]
    await ws.disconnect()


async def test_a_client_id_that_does_not_match_the_pattern_is_closed_with_4404(seeded):
    ws = WebsocketCommunicator(application, "/ws/short", headers=ALLOWED)
    await ws.connect()
    assert await ws.receive_output(timeout=5) == {"type": "websocket.close", "code": 4404}


async def test_a_socket_without_origin_is_allowed_for_non_browser_clients(seeded):
    ws = await connect("/ws/chat", headers=[])
    await send(ws, {"type": "message", "content": "Who is Daniyal?"})
    assert (await frames_until_done(ws))[-1]["type"] == "done"
    await ws.disconnect()


async def test_new_sockets_do_not_reset_the_per_ip_chat_budget(seeded, settings):
    settings.CHAT_RATE_LIMIT = "2/min"
    for _ in range(2):
        ws = await connect("/ws/chat")
        await send(ws, {"type": "message", "content": "Who is Daniyal?"})
        assert (await frames_until_done(ws))[-1]["type"] == "done"
        await ws.disconnect()
    ws = await connect("/ws/chat")
    await send(ws, {"type": "message", "content": "Who is Daniyal?"})
    error = json.loads(await ws.receive_from(timeout=5))
    assert error["type"] == "error" and "slow down" in error["error"]
    await ws.disconnect()


async def test_behind_a_proxy_the_forwarded_client_address_is_hashed(seeded, settings):
    from rest_framework.settings import api_settings

    from portfolio.api.clients import ip_hash

    api_settings.NUM_PROXIES = 1
    try:
        ws = WebsocketCommunicator(
            application,
            "/ws/chat",
            headers=[*ALLOWED, (b"x-forwarded-for", b"198.51.100.7")],
        )
        await ws.connect()
        await send(ws, {"type": "message", "content": "Who is Daniyal?", "session_id": "proxied"})
        await frames_until_done(ws)
        await ws.disconnect()
    finally:
        api_settings.NUM_PROXIES = 0
    row = await ChatHistory.objects.aget(session_id="proxied")
    assert row.ip_hash == ip_hash("198.51.100.7")


async def test_cv_mode_over_the_socket_answers_from_the_cv(seeded):
    from asgiref.sync import sync_to_async
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cv_app import runner
    from cv_app.services import cv_document_create
    from cv_app.tests.documents import pdf_bytes

    await sync_to_async(cv_document_create)(uploaded_file=SimpleUploadedFile("cv.pdf", pdf_bytes()))
    # What the background runner does with the queued upload.
    await sync_to_async(runner.run_due)(worker="test")
    ws = await connect("/ws/chat")
    await send(ws, {"type": "message", "content": "Where did Daniyal study?", "mode": "cv"})
    done = (await frames_until_done(ws))[-1]
    assert "Lahore University of Management Sciences" in done["answer"]
    assert any(s["type"] == "cv" and s["page"] == 3 for s in done["sources"])
    await ws.disconnect()
