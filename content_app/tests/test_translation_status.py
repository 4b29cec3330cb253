"""The admin shows which translations are missing: a list column, a filter, the form."""

import pytest

from content_app.models import Project

pytestmark = pytest.mark.django_db

LIST = "/admin/content_app/project/"


@pytest.fixture
def half_translated(seeded):
    return Project.objects.create(
        title_en="Half done", title_es="A medias", description_en="English only."
    )


def test_the_list_names_the_missing_translations(client, half_translated, admin_user):
    client.force_login(admin_user)
    page = client.get(LIST).content.decode()
    assert "description (es)" in page


def test_the_filter_lists_only_items_missing_a_language(client, half_translated, admin_user):
    complete = Project.objects.create(
        title_en="Whole", title_es="Entero", description_en="Both.", description_es="Ambos."
    )
    client.force_login(admin_user)
    missing = client.get(LIST, {"translations": "missing"}).content.decode()
    assert "Half done" in missing and "Whole" not in missing
    done = client.get(LIST, {"translations": "complete"}).content.decode()
    assert "Whole" in done and "Half done" not in done
    assert complete.pk


def test_the_change_form_names_the_missing_translations(client, half_translated, admin_user):
    client.force_login(admin_user)
    page = client.get(f"{LIST}{half_translated.pk}/change/").content.decode()
    assert "Missing translations" in page or "missing translations" in page
    assert "description (es)" in page


@pytest.mark.parametrize(
    "url", ["/admin/content_app/profile/", "/admin/content_app/experience/",
            "/admin/content_app/skill/"],
)  # fmt: skip
def test_every_translated_admin_page_still_renders(client, seeded, admin_user, url):
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    assert client.get(url, {"translations": "missing"}).status_code == 200
