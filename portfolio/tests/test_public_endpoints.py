"""Public endpoints never read credentials: a frontend still sending an expired
token gets the same answer as an anonymous visitor, never a 401."""

import pytest

pytestmark = pytest.mark.django_db

STALE = {"HTTP_AUTHORIZATION": "Bearer eyJhbGciOiJIUzI1NiJ9.expired.signature"}

PUBLIC_GETS = [
    ("/api/v1/tools/list", 200),
    ("/tools/list", 200),
    ("/api/v1/news/list", 200),
    ("/news/list", 200),
    ("/api/v1/news/computer-vision-in-autonomous-vehicles", 200),
    ("/api/v1/projects/list", 200),
    ("/api/v1/experiences/list", 200),
    ("/api/v1/skills/list", 200),
    ("/api/v1/resume/en", 200),
    ("/api/resume_data", 200),
    ("/api/skills", 200),
    ("/api/resume", 200),
    ("/api/v1/chat/history?session_id=anyone", 200),
    ("/api/chat/status", 200),
    ("/api/v1/cv/status", 404),
    ("/api/v1/health", 200),
    ("/api/health", 200),
]

PUBLIC_POSTS = [
    ("/api/v1/chat/send", {"message": "Who is Daniyal?"}, 200),
    # 200 before any CV since issue 12: the content answers.
    ("/api/v1/cv/query", {"question": "Where did he study?"}, 200),
    (
        "/api/v1/contact/submit",
        {"name": "Ana", "email": "ana@example.com", "message": "Hello, a question for you."},
        201,
    ),
]


@pytest.mark.parametrize(("path", "expected"), PUBLIC_GETS)
def test_a_stale_token_does_not_break_a_public_read(client, seeded, path, expected):
    anonymous = client.get(path)
    stale = client.get(path, **STALE)
    assert anonymous.status_code == stale.status_code == expected


@pytest.mark.parametrize(("path", "body", "expected"), PUBLIC_POSTS)
def test_a_stale_token_does_not_break_a_public_write(client, seeded, path, body, expected):
    response = client.post(path, body, content_type="application/json", **STALE)
    assert response.status_code == expected
