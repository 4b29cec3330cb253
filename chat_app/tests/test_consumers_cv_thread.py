"""A CV answer on one socket does not hold up the others' database work."""

import asyncio
import threading

import pytest

from chat_app import services
from chat_app.tests.test_consumers import connect, frames_until_done, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_a_slow_cv_answer_does_not_serialise_the_other_sockets(seeded, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow_cv_answer(**kwargs):
        started.set()
        release.wait(15)  # an embedding, a search, a model call: all the same to the others
        return None

    monkeypatch.setattr(services, "cv_chat_answer", slow_cv_answer)
    cv_socket, home_socket = await connect("/ws/chat"), await connect("/ws/chat")
    try:
        await send(cv_socket, {"type": "message", "content": "Where did he study?", "mode": "cv"})
        assert await asyncio.to_thread(started.wait, 10)
        # Inside database_sync_to_async's shared thread, the CV answer would hold this
        # socket's database work (session, history, the record) until released.
        await send(home_socket, {"type": "message", "content": "Tell me about his projects"})
        home = (await frames_until_done(home_socket))[-1]
        assert home["type"] == "done"
        assert not release.is_set()
    finally:
        release.set()
    cv = (await frames_until_done(cv_socket))[-1]
    assert cv["type"] == "done"
    await cv_socket.disconnect()
    await home_socket.disconnect()
