import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from content_app.models import Experience, MediaFile, Profile, Project, Skill
from content_app.tests import files
from content_app.translation import TRANSLATED_FIELDS

pytestmark = pytest.mark.django_db

CHATBOT_ID = "b3f1c2a0-7d4e-4c1a-9a6b-1a2b3c4d5001"


# --- Editor group (data migration) ---------------------------------------------


def test_the_editor_group_holds_exactly_the_content_permissions():
    group = Group.objects.get(name="Editor")
    granted = {(p.content_type.app_label, p.codename) for p in group.permissions.all()}
    expected = {
        (app, f"{action}_{model}")
        for app, models in {
            "content_app": ["project", "experience", "skill", "mediafile"],
            "tools_app": ["aitool"],
            "blog_app": ["blogpost"],
        }.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    }
    assert granted == expected


# --- Fixtures -----------------------------------------------------------------


def test_the_seed_has_the_owner_and_the_frontends_content(seeded):
    assert Profile.objects.get().name == "Daniyal"
    assert Project.objects.count() == 4
    assert Experience.objects.count() == 3
    assert Skill.objects.count() == 12


@pytest.mark.parametrize("model", list(TRANSLATED_FIELDS), ids=lambda m: m.__name__)
def test_every_seeded_english_text_has_a_spanish_translation(seeded, model):
    for obj in model.objects.all():
        for field in TRANSLATED_FIELDS[model]:
            english, spanish = getattr(obj, f"{field}_en"), getattr(obj, f"{field}_es")
            if english:
                assert spanish, f"{model.__name__} {obj.pk}: {field}_es is missing"


def test_seeding_content_twice_creates_no_duplicates_and_keeps_edits(seeded):
    project = Project.objects.get(pk=CHATBOT_ID)
    project.title_es = "Editado por el dueño"
    project.save()
    call_command("seed")
    assert Project.objects.count() == 4
    assert Profile.objects.count() == 1
    assert Project.objects.get(pk=CHATBOT_ID).title_es == "Editado por el dueño"


# --- Models -------------------------------------------------------------------


def test_there_is_only_ever_one_profile(seeded):
    Profile(name="Someone", title_en="t", about_en="a", email="x@example.com").save()
    assert Profile.objects.count() == 1
    assert Profile.objects.get().name == "Someone"


def test_project_slugs_come_from_the_english_title_and_stay_unique(db):
    first = Project.objects.create(title_en="Same Name", title_es="Otro", description_en="x")
    second = Project.objects.create(title_en="Same Name", description_en="x")
    reserved = Project.objects.create(title_en="List", description_en="x")
    assert (first.slug, second.slug, reserved.slug) == ("same-name", "same-name-2", "list-project")


# --- Django admin -------------------------------------------------------------


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/content_app/project/",
        f"/admin/content_app/project/{CHATBOT_ID}/change/",
        "/admin/content_app/project/add/",
        "/admin/content_app/experience/",
        "/admin/content_app/skill/",
        "/admin/content_app/profile/1/change/",
        "/admin/content_app/mediafile/",
        "/admin/content_app/mediafile/add/",
    ],
)
def test_admin_pages_render(admin_client_, seeded, url):
    assert admin_client_.get(url).status_code == 200


def test_the_project_admin_has_a_tab_per_language(admin_client_, seeded):
    page = admin_client_.get(f"/admin/content_app/project/{CHATBOT_ID}/change/").content.decode()
    assert 'name="title_en"' in page
    assert 'name="title_es"' in page
    assert "Chatbot interactivo" in page


def test_a_second_profile_cannot_be_added_in_the_admin(admin_client_, seeded):
    assert admin_client_.get("/admin/content_app/profile/add/").status_code == 403


def test_a_project_edited_in_the_admin_shows_in_the_api_at_once(admin_client_, seeded, client):
    client.get("/api/v1/projects/list", {"lang": "es"})
    project = Project.objects.get(pk=CHATBOT_ID)
    form = {
        "title_en": project.title_en, "title_es": "Chatbot renovado", "slug": project.slug,
        "description_en": project.description_en, "description_es": project.description_es,
        "brief_en": project.brief_en, "brief_es": project.brief_es,
        "tags": '["LLM", "FastAPI", "r3f"]', "url": "", "github_url": project.github_url,
        "image": "", "order": "1", "featured": "on", "status": "published",
    }  # fmt: skip
    response = admin_client_.post(f"/admin/content_app/project/{CHATBOT_ID}/change/", form)
    assert response.status_code == 302, response.content[:2000]
    items = client.get("/api/v1/projects/list", {"lang": "es"}).json()["data"]["items"]
    assert items[0]["name"] == "Chatbot renovado"


def test_an_admin_upload_goes_through_the_same_checks(admin_client_, settings):
    refused = admin_client_.post(
        "/admin/content_app/mediafile/add/",
        {"upload": SimpleUploadedFile("x.png", b"<script>alert(1)</script>")},
    )
    assert refused.status_code == 200
    assert b"Only JPEG, PNG and PDF files are accepted." in refused.content
    assert MediaFile.objects.count() == 0

    accepted = admin_client_.post(
        "/admin/content_app/mediafile/add/",
        {"upload": SimpleUploadedFile("../../logo.png", files.png((3000, 100)))},
    )
    assert accepted.status_code == 302
    media = MediaFile.objects.get()
    assert media.original_name == "logo.png"
    assert media.width == 2560
    assert media.file.name.startswith("uploads/")


def test_media_deleted_in_the_admin_loses_its_files(
    admin_client_, settings, django_capture_on_commit_callbacks
):
    admin_client_.post(
        "/admin/content_app/mediafile/add/",
        {"upload": SimpleUploadedFile("a.png", files.png())},
    )
    media = MediaFile.objects.get()
    stored = settings.MEDIA_ROOT / media.file.name
    assert stored.exists()
    page = admin_client_.get(f"/admin/content_app/mediafile/{media.pk}/change/")
    assert page.status_code == 200
    assert media.filename in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            f"/admin/content_app/mediafile/{media.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not stored.exists()
    assert not (settings.MEDIA_ROOT / media.thumbnail.name).exists()
