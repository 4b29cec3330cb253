"""The resume PDF generated from the content (issue 12), read back with pypdf."""

import io

import pytest
from pypdf import PdfReader

from content_app import pdf
from content_app.models import Experience, Profile, Skill
from content_app.selectors import resume_get
from content_app.tests.test_seed002 import body_of, upload_pdf

pytestmark = pytest.mark.django_db

SITE_ORIGINS = "http://localhost:3000 http://localhost:5173 http://127.0.0.1:3000"


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_fresh_install_serves_an_english_pdf_holding_the_seeded_content(client, seeded):
    response = client.get("/api/resume")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Daniyal_Resume.pdf"'
    assert response["Content-Language"] == "en"
    text = text_of(response.content)
    for expected in (
        "Daniyal",
        "Software Engineer: AI products",
        "daniyal@example.com",
        "Profile",
        "Experience",
        "Senior Software Engineer — Tech Company",
        "2023 - Present",
        "Projects",
        "Interactive Chatbot",
        "Skills",
        "Backend & Data:",
        "React Three Fiber",
    ):
        assert expected in text


def test_spanish_gets_a_spanish_pdf(client, seeded):
    response = client.get("/api/resume", {"lang": "es"})
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    assert response["Content-Disposition"] == 'inline; filename="Daniyal_Resume_es.pdf"'
    text = text_of(response.content)
    for expected in (
        "Ingeniero de software: productos de IA",
        "Experiencia",
        "Ingeniero de software sénior — Empresa tecnológica",
        "2023 - Actualidad",
        "Proyectos",
        "Habilidades",
        "Backend y datos:",
        "5 años",
    ):
        assert expected in text
    assert "Experience" not in text


def test_accept_language_picks_the_spanish_pdf_too(client, seeded):
    response = client.get("/api/resume", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert "Habilidades" in text_of(response.content)


def test_the_file_name_names_what_is_served(client, seeded):
    for language in ("en", "es"):
        name = client.get("/api/resume_file_name", {"lang": language}).json()["resumeFileName"]
        served = client.get("/api/resume", {"lang": language})["Content-Disposition"]
        assert served == f'inline; filename="{name}"'


def test_education_and_languages_appear_when_the_owner_fills_them(client, seeded):
    profile = Profile.objects.get()
    profile.education_en = "BSc Computer Science, Example University, 2017 - 2021"
    profile.education_es = "Grado en Informática, Universidad de Ejemplo, 2017 - 2021"
    profile.languages_en = "English (fluent)\nSpanish (intermediate)"
    profile.languages_es = "Inglés (fluido)\nEspañol (intermedio)"
    profile.save()
    english = text_of(client.get("/api/resume").content)
    assert "Education" in english and "BSc Computer Science, Example University" in english
    assert "Languages" in english and "Spanish (intermediate)" in english
    spanish = text_of(client.get("/api/resume", {"lang": "es"}).content)
    assert "Formación" in spanish and "Grado en Informática" in spanish
    assert "Idiomas" in spanish and "Inglés (fluido)" in spanish


def test_sections_without_content_are_left_out(client, seeded):
    text = text_of(client.get("/api/resume").content)
    assert "Education" not in text and "Languages" not in text


def test_a_content_change_regenerates_the_pdf(client, seeded):
    before = client.get("/api/resume").content
    experience = Experience.objects.get(title_en="Senior Software Engineer")
    experience.title_en = "Staff Software Engineer"
    experience.save()
    after = client.get("/api/resume").content
    assert after != before
    assert "Staff Software Engineer — Tech Company" in text_of(after)


def test_a_deleted_skill_leaves_the_pdf(client, seeded):
    assert "React Three Fiber (2 yrs)" in text_of(client.get("/api/resume").content)
    Skill.objects.filter(name_en="React Three Fiber").delete()
    assert "React Three Fiber (2 yrs)" not in text_of(client.get("/api/resume").content)


def test_the_pdf_is_rendered_once_until_the_content_changes(client, seeded, monkeypatch):
    calls = []
    real = pdf.resume_pdf_render
    monkeypatch.setattr(
        "content_app.selectors.resume_pdf_render",
        lambda **kw: calls.append(1) or real(**kw),
    )
    first = client.get("/api/resume").content
    assert client.get("/api/resume").content == first
    assert len(calls) == 1


def test_an_unchanged_pdf_answers_304_to_its_etag(client, seeded):
    first = client.get("/api/resume")
    assert "no-cache" in first["Cache-Control"]
    again = client.get("/api/resume", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_download_makes_the_generated_pdf_an_attachment(client, seeded):
    response = client.get("/api/resume?download")
    assert response["Content-Disposition"] == 'attachment; filename="Daniyal_Resume.pdf"'


def test_an_uploaded_pdf_still_wins(client, seeded, editor_user):
    english = upload_pdf(client, editor_user, "Daniyal CV 2024.pdf", "Uploaded resume")
    Profile.objects.filter(pk=1).update(resume_en_id=english["id"])
    response = client.get("/api/resume")
    assert 'filename="Daniyal CV 2024.pdf"' in response["Content-Disposition"]
    assert "Uploaded resume" in text_of(body_of(response))
    assert client.get("/api/resume_file_name").json() == {"resumeFileName": "Daniyal CV 2024.pdf"}
    # Spanish has no upload of its own: it is generated in Spanish.
    assert "Habilidades" in text_of(client.get("/api/resume", {"lang": "es"}).content)


@pytest.mark.parametrize("uploaded", [False, True])
def test_the_site_may_frame_the_pdf(client, seeded, editor_user, uploaded):
    if uploaded:
        english = upload_pdf(client, editor_user)
        Profile.objects.filter(pk=1).update(resume_en_id=english["id"])
    response = client.get("/api/resume")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert policy.startswith("frame-ancestors 'self' ")
    assert SITE_ORIGINS in policy


def test_other_responses_still_deny_framing(client, seeded):
    assert client.get("/api/resume_file_name")["X-Frame-Options"] == "DENY"


def test_before_any_profile_the_pdf_is_still_a_pdf(client, db):
    response = client.get("/api/resume")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="Resume.pdf"'
    assert "Resume" in text_of(response.content)


def test_a_rendering_failure_is_a_raw_503(client, seeded, monkeypatch):
    def broken(**kwargs):
        raise pdf.PdfRenderError("no fonts")

    monkeypatch.setattr("content_app.selectors.resume_pdf_render", broken)
    response = client.get("/api/resume")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "The resume PDF cannot be generated right now. Please try again later."
    }


def test_the_renderer_turns_its_failures_into_its_own_error(seeded):
    resume = resume_get(language="en")
    resume["experiences"] = [{"title": "No company key"}]
    with pytest.raises(pdf.PdfRenderError):
        pdf.resume_pdf_render(resume=resume)


def test_markup_in_the_content_is_text_not_markup(client, seeded):
    profile = Profile.objects.get()
    profile.title_en = "Engineer <b>& tinkerer</b>"
    profile.save()
    assert "Engineer <b>& tinkerer</b>" in text_of(client.get("/api/resume").content)


# --- Admin preview ------------------------------------------------------------


def test_the_owner_previews_the_generated_pdf_from_the_admin(client, seeded, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/content_app/profile/1/change/")
    assert page.status_code == 200
    assert b"/admin/content_app/profile/1/resume-preview/es/" in page.content
    response = client.get("/admin/content_app/profile/1/resume-preview/es/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Habilidades" in text_of(response.content)


def test_the_preview_shows_the_generated_pdf_even_with_an_upload(client, seeded, admin_user):
    english = upload_pdf(client, admin_user, "Mine.pdf", "Uploaded resume")
    Profile.objects.filter(pk=1).update(resume_en_id=english["id"])
    client.force_login(admin_user)
    response = client.get("/admin/content_app/profile/1/resume-preview/en/")
    assert "Senior Software Engineer" in text_of(response.content)


def test_the_preview_needs_the_admin(client, seeded, member_user):
    client.force_login(member_user)
    response = client.get("/admin/content_app/profile/1/resume-preview/en/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_preview_of_an_unknown_language_is_404(client, seeded, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/content_app/profile/1/resume-preview/fr/").status_code == 404


def test_the_pdf_labels_follow_the_resumes_language_not_the_active_one(seeded):
    from django.utils import translation

    resume = resume_get(language="es")
    resume["skills"] = [{"name": "Django", "category": "Backend", "years_of_experience": 1}]
    with translation.override("en"):
        text = text_of(pdf.resume_pdf_render(resume=resume))
    assert "Habilidades" in text and "Django (1 año)" in text
    assert "Skills" not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "Ahora mismo no se puede generar el PDF del currículum. "
               "Inténtalo de nuevo más tarde."),
        ("en", "The resume PDF cannot be generated right now. Please try again later."),
    ],
)  # fmt: skip
def test_a_rendering_failure_is_told_in_the_requests_language(
    client, seeded, monkeypatch, language, expected
):
    def broken(**kwargs):
        raise pdf.PdfRenderError("no fonts")

    monkeypatch.setattr("content_app.selectors.resume_pdf_render", broken)
    response = client.get("/api/resume", HTTP_ACCEPT_LANGUAGE=language)
    assert (response.status_code, response.json()) == (503, {"detail": expected})
