"""A real OpenAI-compatible chat server on 127.0.0.1, for tests and benchmarks.

It speaks the `/v1/chat/completions` protocol over real HTTP, streams with
server-sent events when asked, reports usage, records every request body, and
can hold each streamed token until the test lets it go, which proves that
tokens travel one by one instead of arriving in one buffered lump.
"""

import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    def __init__(self, reply="The owner builds FastAPI backends and Next.js frontends.", **options):
        self.reply = reply
        self.token_delay = options.get("token_delay", 0.0)
        # Seconds before answering at all: keeps concurrent calls in flight together.
        self.delay = options.get("delay", 0.0)
        self.fail_status = options.get("fail_status")
        self.gated = options.get("gated", False)
        self.usage = options.get("usage", (120, 30))
        self.requests: list[dict] = []
        self._gate = threading.Semaphore(0)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def release_token(self):
        """With gated=True, let the next streamed token go."""
        self._gate.release()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        for _ in range(1000):  # never leave a gated stream hanging
            self._gate.release()
        self._server.shutdown()
        self._server.server_close()

    def tokens(self) -> list[str]:
        return re.findall(r"\S+\s*", self.reply)

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(body)
                if fake.delay:
                    time.sleep(fake.delay)
                if fake.fail_status:
                    return self._json(fake.fail_status, {"error": {"message": "boom"}})
                if not self.path.endswith("/chat/completions"):
                    return self._json(404, {"error": {"message": "unknown path"}})
                if body.get("stream"):
                    return self._stream(body)
                return self._json(200, fake._completion(body))

            def _json(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, body):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                for index, token in enumerate(fake.tokens()):
                    if fake.gated and index > 0:
                        fake._gate.acquire(timeout=10)
                    elif fake.token_delay:
                        time.sleep(fake.token_delay)
                    self._event(fake._chunk(body, {"content": token}))
                self._event(fake._chunk(body, {}, finish="stop"))
                if (body.get("stream_options") or {}).get("include_usage"):
                    self._event({**fake._chunk(body, {}), "choices": [], "usage": fake._usage()})
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, payload):
                self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
                self.wfile.flush()

        return Handler

    def _usage(self):
        prompt, completion = self.usage
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }

    def _chunk(self, body, delta, finish=None):
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    def _completion(self, body):
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": self.reply},
                    "finish_reason": "stop",
                }
            ],
            "usage": self._usage(),
        }


@contextmanager
def served_as_model(settings, **options):
    """A FakeOpenAI (built with `options`) configured as the model in `settings` (the
    pytest-django fixture), failing at once rather than retrying."""
    with FakeOpenAI(**options) as server:
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.base_url
        settings.LLM_MODEL = "gpt-4o-mini"
        settings.LLM_MAX_RETRIES = 0
        settings.LLM_TIMEOUT_SECONDS = 10
        yield server
