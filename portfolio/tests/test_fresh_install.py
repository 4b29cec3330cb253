"""Issue 12's "done when", against a real daphne server on a freshly migrated and seeded
database with nothing uploaded: the resume site's socket in both framings, its skills,
the generated resume PDFs in both languages, and CV questions before any CV.
"""

import asyncio
import io
import json
import urllib.request

import pytest
from pypdf import PdfReader
from websockets.asyncio.client import connect

from bench.common import served_app
from cv_app.selectors import no_cv_file

ORIGIN = "http://localhost:3000"
ERROR_FRAME = {"sender": "system", "is_chunk": False, "error": True}


@pytest.fixture(scope="module")
def server():
    # Generous limits: these tests send more messages than a visitor would in a minute.
    with served_app(CHAT_RATE_LIMIT="1000/min", WS_RATE_LIMIT="1000/min") as base:
        yield base


def ws_url(server, path):
    return server.replace("http://", "ws://") + path


def get(server, path, **headers):
    request = urllib.request.Request(server + path, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()  # case-insensitive names


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


async def receive(ws) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout=30))


async def ask(ws, content):
    await ws.send(json.dumps({"type": "message", "content": content}))


# --- /ws/<client_id> ----------------------------------------------------------------


async def test_the_resume_socket_answers_each_message_with_exactly_one_frame(server):
    async with connect(ws_url(server, "/ws/resume-site-0001"), origin=ORIGIN) as ws:
        await ask(ws, "Where has he worked?")
        await ask(ws, "What are his skills?")
        first, second = await receive(ws), await receive(ws)
    # Had the first answer come in pieces, the second frame would be one of them.
    assert first["is_chunk"] is False and first["sender"] == "assistant"
    assert "Tech Company" in first["message"]
    assert second["is_chunk"] is False
    assert "Python" in second["message"]


async def test_the_resume_socket_streams_when_asked_and_ends_with_the_whole_answer(server):
    async with connect(ws_url(server, "/ws/resume-site-0002?stream=1"), origin=ORIGIN) as ws:
        await ask(ws, "Where has he worked?")
        frames = [await receive(ws)]
        while frames[-1]["is_chunk"]:
            frames.append(await receive(ws))
    chunks, final = frames[:-1], frames[-1]
    assert len(chunks) > 1
    assert all(
        f == {"message": f["message"], "sender": "assistant", "is_chunk": True} for f in chunks
    )
    assert final == {
        "message": "".join(f["message"] for f in chunks),
        "sender": "assistant",
        "is_chunk": False,
    }
    assert "Tech Company" in final["message"]


@pytest.mark.parametrize("size", [20_000, 40_000])
async def test_a_whole_page_of_context_is_accepted_and_the_next_answer_comes(server, size):
    page = ("Daniyal builds FastAPI backends and Next.js frontends. " * 2000)[:size]
    async with connect(ws_url(server, "/ws/resume-site-0003"), origin=ORIGIN) as ws:
        await ws.send(json.dumps({"type": "context", "content": page}))
        await ask(ws, "What does he build?")
        frame = await receive(ws)
    assert frame["sender"] == "assistant" and "error" not in frame


async def test_a_frame_over_64_kb_gets_an_error_frame_and_the_socket_stays_open(server):
    async with connect(ws_url(server, "/ws/resume-site-0004"), origin=ORIGIN) as ws:
        await ws.send(json.dumps({"type": "context", "content": "x" * 70_000}))
        error = await receive(ws)
        await ask(ws, "Who is Daniyal?")
        answer = await receive(ws)
    assert {k: error[k] for k in ERROR_FRAME} == ERROR_FRAME
    assert error["message"] == "Frames are limited to 65536 bytes."
    assert answer["sender"] == "assistant" and answer["is_chunk"] is False


async def test_the_canonical_socket_keeps_its_token_and_done_frames(server):
    async with connect(ws_url(server, "/ws/chat"), origin=ORIGIN) as ws:
        await ask(ws, "Tell me about his projects")
        frames = [await receive(ws)]
        while frames[-1]["type"] == "token":
            frames.append(await receive(ws))
    assert frames[-1]["type"] == "done"
    assert len(frames) > 2
    assert "".join(f["content"] for f in frames[:-1]) == frames[-1]["answer"]


async def test_cv_mode_on_the_socket_answers_the_skills_from_the_content(server):
    async with connect(ws_url(server, "/ws/chat"), origin=ORIGIN) as ws:
        await ws.send(
            json.dumps({"type": "message", "content": "What are his skills?", "mode": "cv"})
        )
        frame = await receive(ws)
        while frame["type"] == "token":
            frame = await receive(ws)
    assert frame["answer"].startswith(no_cv_file("en"))
    assert "FastAPI" in frame["answer"]


# --- HTTP ---------------------------------------------------------------------------


def test_skills_are_the_map_of_all_12_seeded_skills(server):
    status, _, body = get(server, "/api/skills")
    skills = json.loads(body)
    assert status == 200 and len(skills) == 12
    assert {s["display_name"] for s in skills.values()} >= {"Python", "Docker", "CI/CD"}
    assert all(s["years_of_experience"] and s["examples"] for s in skills.values())
    _, _, spanish = get(server, "/api/skills?lang=es")
    assert "Backend y datos" in {s["general_category"] for s in json.loads(spanish).values()}


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("", "Daniyal_Resume.pdf", ["Experience", "Senior Software Engineer", "Skills"]),
        ("?lang=es", "Daniyal_Resume_es.pdf", ["Experiencia", "Ingeniero de software sénior"]),
    ],
)
def test_the_resume_is_a_pdf_of_the_seeded_content_the_site_may_frame(
    server, query, name, expected
):
    status, headers, body = get(server, f"/api/resume{query}")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    text = pdf_text(body)
    assert all(phrase in text for phrase in expected)
    assert headers["Content-Security-Policy"].startswith(f"frame-ancestors 'self' {ORIGIN}")
    assert "X-Frame-Options" not in headers
    _, _, file_name = get(server, f"/api/resume_file_name{query}")
    assert json.loads(file_name) == {"resumeFileName": name}
    assert f'filename="{name}"' in headers["Content-Disposition"]


def test_cv_query_answers_what_are_his_skills(server):
    request = urllib.request.Request(
        server + "/api/v1/cv/query",
        data=json.dumps({"question": "What are his skills?"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.loads(response.read())["data"]
    assert data["answer"].startswith(no_cv_file("en")) and "Python" in data["answer"]
