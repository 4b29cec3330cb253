"""The request's language is decided once, by portfolio.api.language.LocaleMiddleware:
`?lang=`, then Accept-Language (q=0 is "not this one"), then English; never the cookie."""

import threading

import pytest
from asgiref.sync import iscoroutinefunction
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from portfolio.api import language
from portfolio.api.language import LocaleMiddleware, negotiate

pytestmark = pytest.mark.django_db

CONTACT = "/api/v1/contact/submit"


@pytest.mark.parametrize(
    ("explicit", "header", "expected"),
    [
        ("es", "en", "es"),
        ("ES_es", "", "es"),
        ("xx", "es-MX,es;q=0.9", "es"),
        (None, "fr, es;q=0.5", "es"),
        (None, "fr, es;q=0", "en"),
        (None, "*", "en"),
        (None, "not a header;;", "en"),
        (None, None, "en"),
    ],
)
def test_negotiate(explicit, header, expected):
    assert negotiate(explicit, header) == expected


def test_the_lang_query_sets_the_language_of_every_answer(client):
    # Not only the translated views: DRF's own messages follow it too.
    response = client.post(f"{CONTACT}?lang=es", {}, "application/json")
    assert response.status_code == 400
    assert response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]
    assert response.json()["details"]["name"] == ["Este campo es requerido."]


def test_an_unsupported_lang_query_outside_the_translated_views_falls_back(client):
    response = client.post(f"{CONTACT}?lang=xx", {}, "application/json", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "lang" not in response.json()["details"]
    assert response["Content-Language"] == "es"


def test_the_language_cookie_is_not_read(client):
    # Answers vary on Accept-Language alone; a cookie would split what caches share.
    client.cookies["django_language"] = "es"
    response = client.post(CONTACT, {}, "application/json")
    assert response["Content-Language"] == "en"
    assert response.json()["details"]["name"] == ["This field is required."]
    assert client.get("/api/v1/projects/list")["Content-Language"] == "en"


def test_a_range_weighted_zero_is_not_acceptable(client):
    response = client.get("/api/v1/projects/list", HTTP_ACCEPT_LANGUAGE="es;q=0, fr")
    assert response["Content-Language"] == "en"


def test_the_page_and_the_api_agree(client):
    page = client.get("/", {"lang": "es"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "es"
    assert "Accept-Language" in page["Vary"]


async def test_under_asgi_the_middleware_runs_on_the_event_loop(monkeypatch):
    threads = []

    def recording(explicit, header):
        threads.append(threading.get_ident())
        return negotiate(explicit, header)

    monkeypatch.setattr(language, "negotiate", recording)

    async def view(request):
        return HttpResponse(f"{request.LANGUAGE_CODE} {translation.get_language()}")

    middleware = LocaleMiddleware(view)
    assert iscoroutinefunction(middleware)
    response = await middleware(RequestFactory().get("/x", {"lang": "es"}))
    assert response.content == b"es es"
    assert response["Content-Language"] == "es"
    assert threads == [threading.get_ident()]


@pytest.mark.parametrize("path", ["/api/v1/tools/list", "/api/v1/projects/list"])
def test_a_query_with_too_many_fields_is_still_the_views_400(client, path):
    response = client.get(f"{path}?{'&'.join(f'f{n}=1' for n in range(1100))}")
    assert response.status_code == 400
    assert response.json()["error"] == "The request has too many fields."
    assert response["Content-Language"] == "en"
