import json

import pytest
from asgiref.testing import ApplicationCommunicator

from portfolio.api.asgi_limits import RequestBodyLimitMiddleware

LIMITS = {"path_limits": (("/upload", 10),), "default_limit": 100}


class BodyReadingApp:
    """Reads the body like Django does (stopping at a disconnect), then answers 200."""

    def __init__(self):
        self.called = False
        self.body = b""

    async def __call__(self, scope, receive, send):
        self.called = True
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            self.body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def http_scope(path, *headers):
    return {"type": "http", "method": "POST", "path": path, "headers": list(headers)}


def limited(app, scope):
    """A communicator with `app` behind the body limit, for one request `scope`."""
    return ApplicationCommunicator(RequestBodyLimitMiddleware(app, **LIMITS), scope)


async def response_of(communicator):
    start = await communicator.receive_output(timeout=5)
    body = await communicator.receive_output(timeout=5)
    return start["status"], dict(start["headers"]), body["body"]


async def sent_whole(path, body):
    """`body` sent in one message with its Content-Length; the app and the answer."""
    app = BodyReadingApp()
    communicator = limited(app, http_scope(path, (b"content-length", str(len(body)).encode())))
    await communicator.send_input({"type": "http.request", "body": body})
    return (app, *await response_of(communicator))


async def test_a_declared_oversized_body_is_refused_before_the_app_runs():
    app, status, headers, body = await sent_whole("/upload", b"x" * 11)
    assert status == 413
    assert headers[b"content-type"] == b"application/json"
    assert json.loads(body)["success"] is False
    assert not app.called


async def test_a_chunked_body_is_cut_off_as_soon_as_it_passes_the_limit():
    app = BodyReadingApp()
    communicator = limited(app, http_scope("/upload"))
    for _ in range(10):
        await communicator.send_input({"type": "http.request", "body": b"abcd", "more_body": True})
    status, _, _ = await response_of(communicator)
    assert status == 413
    assert not app.called  # the third chunk passed 10 bytes: nothing was handed on
    assert communicator.input_queue.qsize() == 7  # the rest was never read


async def test_a_chunked_body_within_the_limit_reaches_the_app_whole_with_its_length():
    seen = {}

    async def app(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        seen["message"] = await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    scope = http_scope("/elsewhere", (b"transfer-encoding", b"chunked"))
    communicator = limited(app, scope)
    for part in (b'{"a": ', b"1", b"}"):
        await communicator.send_input({"type": "http.request", "body": part, "more_body": True})
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    status, _, _ = await response_of(communicator)
    assert status == 200
    assert seen["message"] == {"type": "http.request", "body": b'{"a": 1}', "more_body": False}
    assert seen["headers"][b"content-length"] == b"8"
    assert b"transfer-encoding" not in seen["headers"]


async def test_bodies_within_the_limit_pass_through_unchanged():
    app, status, _, body = await sent_whole("/elsewhere", b"y" * 50)
    assert (status, body, app.body) == (200, b"ok", b"y" * 50)


async def refusal_at_the_edge(*headers, query_string=b""):
    from portfolio.asgi import application

    scope = http_scope(
        "/api/v1/upload", (b"content-length", str(6 * 1024 * 1024).encode()), *headers
    )
    communicator = ApplicationCommunicator(application, {**scope, "query_string": query_string})
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": True})
    return await response_of(communicator)


@pytest.mark.parametrize(
    ("accept_language", "sentence", "language"),
    [
        (b"en", "The request body is larger than 5.0 MB.", b"en"),
        (b"es-ES,es;q=0.9", "El cuerpo de la petición ocupa más de 5.0 MB.", b"es"),
    ],
)
async def test_the_site_refuses_a_declared_6_mb_upload_at_the_edge_in_the_requests_language(
    accept_language, sentence, language
):
    status, headers, body = await refusal_at_the_edge(
        (b"origin", b"http://localhost:5173"), (b"accept-language", accept_language)
    )
    assert status == 413
    assert json.loads(body) == {"success": False, "error": sentence}
    assert headers[b"content-language"] == language
    assert headers[b"access-control-allow-origin"] == b"http://localhost:5173"


async def test_the_site_cuts_off_a_chunked_upload_past_its_limit():
    from portfolio.asgi import application

    communicator = ApplicationCommunicator(application, http_scope("/api/v1/upload"))
    chunk = b"\0" * (1024 * 1024)
    for _ in range(8):
        await communicator.send_input({"type": "http.request", "body": chunk, "more_body": True})
    status, _, _ = await response_of(communicator)
    assert status == 413
    assert communicator.input_queue.qsize() == 2  # 6 MB read, 2 MB never were


async def test_ordinary_requests_still_reach_django_through_the_limit():
    from portfolio.asgi import application

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/api/v1/no-such-thing",
        "headers": [(b"host", b"localhost")],
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b""})
    status, _, body = await response_of(communicator)
    assert status == 404
    assert json.loads(body)["success"] is False


async def test_the_edge_refuses_in_the_language_lang_asks_for():
    _, _, body = await refusal_at_the_edge((b"accept-language", b"es"), query_string=b"lang=en")
    assert json.loads(body)["error"] == "The request body is larger than 5.0 MB."
    _, _, body = await refusal_at_the_edge(query_string=b"lang=es")
    assert json.loads(body)["error"] == "El cuerpo de la petición ocupa más de 5.0 MB."
