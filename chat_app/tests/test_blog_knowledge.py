"""The assistant knows the owner's published blog posts: through the chat endpoint and the
socket, drafts never, a scheduled post from its time on with no edit in between."""

import datetime
import time

import pytest
from channels.testing import WebsocketCommunicator
from django.utils import timezone

from blog_app.models import BlogPost
from chat_app.grounding import system_prompt
from chat_app.knowledge import knowledge_load
from portfolio.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)

SEND = "/api/v1/chat/send"


def ask(client, message, **extra):
    response = client.post(SEND, {"message": message, **extra}, content_type="application/json")
    assert response.status_code == 200
    return response.json()["data"]


def new_post(title, **fields):
    return BlogPost.objects.create(
        title=title,
        excerpt=fields.pop("excerpt", "Notes on quantum annealing for route planning."),
        content="Body",
        category="Technology",
        **fields,
    )


def test_what_has_he_written_about_a_subject_lists_the_matching_published_posts(client, seeded):
    data = ask(client, "What has he written about healthcare?")
    assert "AI in Healthcare: Revolutionizing Patient Care" in data["answer"]
    assert "/blog/ai-in-healthcare-revolutionizing-patient-care" in data["answer"]
    assert "Machine Learning in Finance" not in data["answer"]
    assert data["sources"][0]["type"] == "post"
    assert data["sources"][0]["url"] == "/blog/ai-in-healthcare-revolutionizing-patient-care"


def test_the_same_question_in_spanish_finds_the_same_posts(client, seeded):
    data = ask(client, "¿Qué ha escrito sobre marketing?")
    assert "The Future of AI in Marketing" in data["answer"]
    assert "AI in Healthcare" not in data["answer"]


def test_latest_blog_post_is_the_newest_published_one(client, seeded):
    data = ask(client, "What is his latest blog post?")
    assert "Natural Language Processing: Understanding Human Communication" in data["answer"]
    assert [s["type"] for s in data["sources"]] == ["post"]


def test_a_subject_with_no_post_is_said_so_not_guessed(client, seeded):
    data = ask(client, "What has he written about quantum annealing?")
    assert "quantum annealing" in data["answer"]
    assert data["sources"] == []


def test_a_draft_is_never_in_the_assistants_answers(client, seeded):
    new_post("Quantum Routing Draft", status="draft")
    data = ask(client, "What has he written about quantum annealing?")
    assert "Quantum Routing Draft" not in data["answer"]
    assert "Quantum Routing Draft" not in system_prompt(knowledge_load(language="en"))


def test_a_scheduled_post_reaches_the_assistant_at_its_time_with_no_edit(client, seeded):
    new_post("Quantum Routing", publish_at=timezone.now() + datetime.timedelta(seconds=1.5))
    question = "What has he written about quantum annealing?"
    assert "Quantum Routing" not in ask(client, question)["answer"]
    assert "Quantum Routing" not in ask(client, "Any blog posts?")["answer"]
    time.sleep(1.6)
    assert "Quantum Routing" in ask(client, question)["answer"]
    assert "Quantum Routing" in ask(client, "What is his latest blog post?")["answer"]


def test_unpublishing_a_post_removes_it_from_the_assistant_at_once(client, seeded):
    post = new_post("Quantum Routing")
    assert (
        "Quantum Routing" in ask(client, "What has he written about quantum annealing?")["answer"]
    )
    post.status = "draft"
    post.save()
    assert (
        "Quantum Routing"
        not in ask(client, "What has he written about quantum annealing?")["answer"]
    )


def test_a_models_facts_list_the_published_posts_with_their_links(seeded):
    new_post("Quantum Routing Draft", status="draft")
    prompt = system_prompt(knowledge_load(language="es"))
    assert "## Blog posts" in prompt
    assert "Computer Vision in Autonomous Vehicles (2024-09-17, Transportation)" in prompt
    assert "/blog/computer-vision-in-autonomous-vehicles" in prompt
    assert "Quantum Routing Draft" not in prompt


def test_a_project_question_is_not_taken_for_a_blog_question(client, seeded):
    data = ask(client, "What projects has he built?")
    assert all(source["type"] != "post" for source in data["sources"])


@pytest.mark.asyncio
async def test_the_socket_answers_from_the_posts_too(seeded):
    socket = WebsocketCommunicator(
        application, "/ws/chat", headers=[(b"origin", b"http://localhost:3000")]
    )
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"type": "message", "content": "Does he have a blog?"})
    while (frame := await socket.receive_json_from(timeout=10))["type"] != "done":
        assert frame["type"] == "token"
    assert "Natural Language Processing" in frame["answer"]
    assert frame["sources"][0]["type"] == "post"
    await socket.disconnect()


def test_with_a_model_the_posts_are_among_its_facts_and_cited(client, seeded, fake_model):
    new_post("Quantum Routing Draft", status="draft")
    fake_model.reply = "He wrote Computer Vision in Autonomous Vehicles."
    data = ask(client, "What has he written about cars?")
    system = fake_model.requests[-1]["messages"][0]["content"]
    assert "Computer Vision in Autonomous Vehicles (2024-09-17, Transportation)" in system
    assert "Quantum Routing Draft" not in system
    assert {"type": "post", "url": "/blog/computer-vision-in-autonomous-vehicles"}.items() <= (
        data["sources"][0].items()
    )
