"""Webhook fixtures: a real HTTP receiver on 127.0.0.1 that records what it is sent
and can be taken down and brought back on the same port, and the runner thread."""

import http.server
import json
import threading
import time

import pytest

from cv_app import runner
from portfolio.testing import (  # noqa: F401
    bearer,
    editor_user,
    free_port,
    member_user,
    redis_worker,
    staff_user,
)
from webhooks_app.models import Webhook

SECRET = "s3cret-shared-with-the-receiver"


class Receiver:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/rebuild"
        self.calls = []
        self.status = 204
        self._server = None

    def start(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.end_headers()
                if receiver.status != 204:
                    self.wfile.write(b"receiver says hi")

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def payloads(self):
        return [json.loads(call["body"]) for call in self.calls]


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def down_receiver():
    """A receiver that is down (nothing listens on its port) until `start()`."""
    server = Receiver()
    yield server
    server.stop()


@pytest.fixture
def fast_webhooks(settings):
    settings.WEBHOOK_BATCH_SECONDS = 0.5
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0.2
    settings.WEBHOOK_RETRY_MAX_SECONDS = 0.5
    settings.WEBHOOK_TIMEOUT_SECONDS = 2.0


@pytest.fixture
def hook_for(db):
    def create(url, **fields):
        return Webhook.objects.create(url=url, secret=SECRET, **fields)

    return create


@pytest.fixture
def embedded_runner():
    """The runner thread every web process starts without a broker, polling fast."""
    stop = threading.Event()
    thread = threading.Thread(
        target=runner.serve, kwargs={"stop": stop, "poll_seconds": 0.2}, daemon=True
    )
    thread.start()
    yield
    stop.set()
    runner.wake()
    thread.join(10)


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def staff_headers(staff_user):  # noqa: F811
    return bearer(staff_user)
