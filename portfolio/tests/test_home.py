"""The page at `/`: the owner's profile in the visitor's language, the latest
posts and tools, links to the docs, the admin and health; nothing from another host."""

import pytest

from portfolio.tests.assets import external_assets

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_profile_in_the_visitors_language(client, seeded):
    spanish = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    english = client.get("/?lang=en", HTTP_ACCEPT_LANGUAGE="es")
    assert spanish.status_code == english.status_code == 200
    assert spanish["Content-Language"] == "es" and english["Content-Language"] == "en"
    assert "Ingeniero de software" in spanish.content.decode()
    assert "Software Engineer" in english.content.decode()


def test_a_language_the_site_does_not_speak_falls_back_to_english(client, seeded):
    response = client.get("/?lang=xx")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_the_home_page_lists_the_latest_posts_and_tools_and_links_the_docs(client, seeded):
    page = client.get("/").content.decode()
    for link in ("/api/docs/", "/admin/", "/api/v1/health"):
        assert f'href="{link}"' in page
    assert "Generative AI: Beyond Text and Images" in page
    assert "Midjourney" in page


def test_the_home_page_loads_nothing_from_another_host(client, seeded):
    assert external_assets(client.get("/").content.decode()) == []


def test_the_home_page_works_before_anything_is_seeded(client):
    assert "manage.py seed" in client.get("/").content.decode()


def test_a_spanish_visitor_reads_the_page_headings_in_spanish(client, seeded):
    spanish = client.get("/?lang=es").content.decode()
    for heading in ("Pregunta al asistente", "Últimos artículos"):
        assert f"{heading}</h2>" in spanish
    assert "Latest posts" not in spanish
