import pytest
from django.test import Client

from chat_app.models import ChatHistory, LLMUsage
from chat_app.sessions import chat_session_is_issued

pytestmark = pytest.mark.django_db

SEND = "/api/v1/chat/send"
HISTORY = "/api/v1/chat/history"


def send(client, **body):
    return client.post(SEND, body, content_type="application/json")


def test_send_answers_offline_and_records_the_exchange(client, seeded):
    response = client.post(
        SEND,
        {"message": "What is his tech stack?"},
        content_type="application/json",
        HTTP_USER_AGENT="pytest-browser",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert "FastAPI" in data["answer"]
    assert data["timestamp"].endswith("Z")
    assert chat_session_is_issued(data["session_id"])
    assert data["sources"] and data["sources"][0]["type"] == "skill"
    row = ChatHistory.objects.get()
    assert row.session_id == data["session_id"]
    assert row.responder == "offline"
    assert row.user_agent == "pytest-browser"
    assert row.ip_hash and "203.0.113.9" not in row.ip_hash
    assert row.sources == data["sources"]


def test_the_session_id_is_server_issued_random_and_set_as_an_httponly_cookie(client, seeded):
    response = send(client, message="Who is Daniyal?")
    session_id = response.json()["data"]["session_id"]
    token = session_id.split(":")[0]
    assert len(token) >= 22  # token_urlsafe: >= 128 random bits
    cookie = response.cookies["chat_session"]
    assert cookie.value == session_id
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_send_continues_a_session_the_server_issued(client, seeded):
    issued = send(client, message="Who is Daniyal?").json()["data"]["session_id"]
    # Another device with the id but without the cookie.
    data = send(Client(), message="And his projects?", session_id=issued).json()["data"]
    assert data["session_id"] == issued
    assert ChatHistory.objects.filter(session_id=issued).count() == 2


def test_send_replaces_a_session_id_the_server_did_not_issue(client, seeded):
    data = send(client, message="Who is Daniyal?", session_id="visitor-42").json()["data"]
    assert data["session_id"] != "visitor-42"
    assert chat_session_is_issued(data["session_id"])
    assert not ChatHistory.objects.filter(session_id="visitor-42").exists()


def test_the_cookie_continues_the_session_when_the_body_names_none(client, seeded):
    first = send(client, message="Who is Daniyal?").json()["data"]["session_id"]
    second = send(client, message="And his projects?").json()["data"]["session_id"]
    assert first == second


def test_someone_elses_session_id_with_one_character_changed_is_replaced(client, seeded):
    victim = send(Client(), message="A private question").json()["data"]["session_id"]
    forged = victim[:-1] + ("A" if victim[-1] != "A" else "B")
    data = send(client, message="What did I ask?", session_id=forged).json()["data"]
    assert data["session_id"] not in (victim, forged)
    assert client.get(HISTORY, {"session_id": forged}).json()["data"]["items"] == []


def test_history_is_only_ever_that_of_the_session_asked_for(seeded):
    alice, bob = Client(), Client()
    alice_id = send(alice, message="Tell me about his projects").json()["data"]["session_id"]
    send(alice, message="How can I contact him?")
    bob_id = send(bob, message="Where has he worked?").json()["data"]["session_id"]
    items = alice.get(HISTORY, {"session_id": alice_id}).json()["data"]["items"]
    assert [i["message"] for i in items] == ["Tell me about his projects", "How can I contact him?"]
    assert all("Interactive Chatbot" not in i["response"] for i in items[1:])
    bob_items = bob.get(HISTORY, {"session_id": bob_id}).json()["data"]["items"]
    assert [i["message"] for i in bob_items] == ["Where has he worked?"]
    assert bob.get(HISTORY, {"session_id": "carol"}).json()["data"]["items"] == []


def test_history_of_an_id_that_was_never_issued_is_empty(client, seeded):
    # Rows from before ids were issued (or written by anything else) are not readable by guessing.
    ChatHistory.objects.create(session_id="alice", message="m", response="r", responder="offline")
    assert client.get(HISTORY, {"session_id": "alice"}).json()["data"]["items"] == []
    assert client.get("/api/chat/history", {"user_id": "alice"}).json() == []


def test_history_reads_are_throttled(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "chat_history": "2/min",
        },
    }
    statuses = [client.get(HISTORY, {"session_id": f"guess-{n}"}).status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/api/chat/history", {"user_id": "guess-9"}).status_code == 429


def test_history_without_a_session_id_is_a_400(client):
    response = client.get(HISTORY)
    assert response.status_code == 400
    assert "session_id" in response.json()["details"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": "   "}, "message"),
        ({"message": "x" * 2001}, "message"),
        ({}, "message"),
        ({"message": "hi", "mode": "poetry"}, "mode"),
        ({"message": "hi", "session_id": "../../etc/passwd"}, "session_id"),
    ],
)
def test_bad_bodies_are_refused_with_400_and_nothing_is_stored(client, seeded, body, field):
    response = send(client, **body)
    assert response.status_code == 400
    assert field in response.json()["details"]
    assert ChatHistory.objects.count() == 0


def test_a_body_that_is_not_json_is_a_400(client, seeded):
    response = client.post(SEND, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert ChatHistory.objects.count() == 0


def test_a_message_of_exactly_2000_characters_is_accepted(client, seeded):
    assert send(client, message="a" * 2000).status_code == 200


def test_get_on_send_is_405(client):
    assert client.get(SEND).status_code == 405


def test_sending_too_fast_is_throttled_with_retry_after(client, seeded, chat_rate):
    chat_rate("2/min")
    assert send(client, message="Who is Daniyal?").status_code == 200
    assert send(client, message="Who is Daniyal?").status_code == 200
    response = send(client, message="Who is Daniyal?")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert ChatHistory.objects.count() == 2


def test_with_a_model_the_prompt_carries_the_owners_content(client, seeded, fake_model):
    data = send(client, message="What does he build?").json()["data"]
    assert data["answer"] == fake_model.reply
    system = fake_model.requests[-1]["messages"][0]
    assert system["role"] == "system"
    for fact in ["Interactive Chatbot", "Senior Software Engineer at Tech Company", "FastAPI"]:
        assert fact in system["content"]
    assert ChatHistory.objects.get().responder == "model"
    assert LLMUsage.objects.get().purpose == "chat"


def test_follow_up_questions_send_the_earlier_turns(client, seeded, fake_model):
    send(client, message="Tell me about his projects", session_id="s1")
    send(client, message="Which one uses FastAPI?", session_id="s1")
    messages = fake_model.requests[-1]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == "Tell me about his projects"
    assert messages[2]["content"] == fake_model.reply
    assert messages[3]["content"] == "Which one uses FastAPI?"


def test_only_the_last_six_turns_are_sent(client, seeded, fake_model):
    for n in range(8):
        send(client, message=f"question {n}", session_id="long")
    messages = fake_model.requests[-1]["messages"]
    user_turns = [m["content"] for m in messages if m["role"] == "user"]
    assert user_turns == [f"question {n}" for n in range(1, 8)]


def test_sources_name_what_the_model_answer_used(client, seeded, fake_model):
    fake_model.reply = "His Interactive Chatbot project uses FastAPI."
    sources = send(client, message="Tell me about a project").json()["data"]["sources"]
    assert any(s["type"] == "project" and s["title"] == "Interactive Chatbot" for s in sources)


def test_an_exhausted_budget_falls_back_to_the_offline_responder(
    client, seeded, fake_model, settings
):
    settings.LLM_DAILY_BUDGET_USD = 0.001
    LLMUsage.objects.create(model="gpt-4o-mini", provider="openai", purpose="chat", cost_usd="0.01")
    data = send(client, message="Tell me about his projects").json()["data"]
    assert "Interactive Chatbot" in data["answer"]
    assert fake_model.requests == []
    assert ChatHistory.objects.get().responder == "offline"


def test_a_failing_model_falls_back_to_the_offline_responder(client, seeded, fake_model):
    fake_model.fail_status = 503
    data = send(client, message="Tell me about his projects").json()["data"]
    assert "Interactive Chatbot" in data["answer"]
    assert ChatHistory.objects.get().responder == "offline"
    assert LLMUsage.objects.get().succeeded is False


def test_spanish_by_accept_language(client, seeded):
    response = client.post(
        SEND,
        {"message": "¿Cuál es su experiencia?"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9",
    )
    assert response.json()["data"]["answer"].startswith("Experiencia laboral de Daniyal:")


@pytest.mark.parametrize("path", ["/chat/send", "/api/chat/message"])
def test_seed_mounts_answer_in_the_envelope(client, seeded, path):
    response = client.post(path, {"message": "Who is Daniyal?"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert "Daniyal" in response.json()["data"]["answer"]


def test_seed_002_chat_has_its_own_shape(client, seeded):
    response = client.post(
        "/api/chat", {"content": "Where has he worked?", "user_id": "resume-user-1"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"content", "timestamp", "user_id"}
    # A user_id the server did not issue is replaced by one it did.
    assert body["user_id"] != "resume-user-1"
    assert chat_session_is_issued(body["user_id"])
    assert "Tech Company" in body["content"]


def test_seed_002_history_lists_both_sides_with_roles(client, seeded):
    u1 = client.post(
        "/api/chat", {"content": "Who is Daniyal?"}, content_type="application/json"
    ).json()["user_id"]
    Client().post("/api/chat", {"content": "Other user"}, content_type="application/json")
    body = client.get("/api/chat/history", {"user_id": u1}).json()
    assert [(t["role"], t["user_id"]) for t in body] == [("user", u1), ("assistant", u1)]
    assert body[0]["content"] == "Who is Daniyal?"


def test_seed_002_errors_keep_the_raw_shape(client):
    response = client.post("/api/chat", {"content": ""}, content_type="application/json")
    assert response.status_code == 400
    assert "success" not in response.json()
    assert client.get("/api/chat/history").status_code == 400


def test_seed_002_status_says_the_assistant_is_available(client):
    assert client.get("/api/chat/status").json() == {"available": True}


def test_spanish_by_query_parameter(client, seeded):
    response = client.post(
        SEND + "?lang=es", {"message": "¿Cuál es su experiencia?"}, content_type="application/json"
    )
    assert response.json()["data"]["answer"].startswith("Experiencia laboral de Daniyal:")


def test_an_unsupported_language_is_a_400_naming_the_supported_ones(client, seeded):
    response = client.post(
        SEND + "?lang=fr", {"message": "Who is Daniyal?"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "en, es" in response.json()["details"]["lang"][0]
    assert ChatHistory.objects.count() == 0


def test_a_follow_up_is_resolved_from_the_sessions_stored_history(client, seeded):
    first = send(client, message="What projects has he built?").json()["data"]
    data = send(
        client, message="Tell me more about the second one", session_id=first["session_id"]
    ).json()["data"]
    assert data["answer"].startswith("Tool Explorer:")
    assert [s["title"] for s in data["sources"]] == ["Tool Explorer"]


def test_another_sessions_history_resolves_nothing(client, seeded):
    send(client, message="What projects has he built?")
    other = Client()  # a new visitor: a new session, and no cookie carried over
    data = other.post(
        SEND, {"message": "Tell me more about the second one"}, content_type="application/json"
    ).json()["data"]
    assert "Tool Explorer" not in data["answer"]


def test_a_spanish_question_is_answered_in_spanish_without_being_told(client, seeded):
    data = send(client, message="¿Cómo puedo contactarle?").json()["data"]
    assert data["answer"].startswith("La mejor forma de contactar con Daniyal")
    assert ChatHistory.objects.get().language == "es"


def test_the_questions_language_wins_over_accept_language(client, seeded):
    response = client.post(
        SEND,
        {"message": "Where is he located?"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9",
    )
    assert response.json()["data"]["answer"] == "Daniyal's location: Remote."


def test_an_explicit_lang_wins_over_the_questions_language(client, seeded):
    response = client.post(
        SEND + "?lang=es", {"message": "Where is he located?"}, content_type="application/json"
    )
    assert response.json()["data"]["answer"] == "Ubicación de Daniyal: En remoto."


def test_off_topic_requests_are_declined_over_http(client, seeded):
    data = send(client, message="Write me a Python function that reverses a string").json()
    assert "can't help with that" in data["data"]["answer"]
    assert data["data"]["sources"] == []
