import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from cv_app.models import CVDocument, CVQuery
from cv_app.tests.conftest import wait_for
from cv_app.tests.documents import encrypted_pdf_bytes

# The admin upload commits like any request; the embedded runner processes it after.
pytestmark = pytest.mark.django_db(transaction=True)

CHANGELIST = "/admin/cv_app/cvdocument/"
ADD = "/admin/cv_app/cvdocument/add/"
QUERIES = "/admin/cv_app/cvquery/"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_owner_uploads_a_cv_from_the_admin_and_sees_it_processed(
    admin_client, cv_pdf, cv_runner
):
    assert admin_client.get(ADD).status_code == 200
    response = admin_client.post(ADD, {"file": SimpleUploadedFile("cv.pdf", cv_pdf)}, follow=True)
    document = CVDocument.objects.get()
    assert document.uploaded_by.username == "owner"
    assert response.redirect_chain[-1][0] == f"/admin/cv_app/cvdocument/{document.pk}/change/"
    assert "is being processed in the background" in response.content.decode()
    wait_for(document.pk)
    page = admin_client.get(CHANGELIST).content.decode()
    assert "done" in page
    assert CVDocument.objects.get().status == "ready"


def test_the_changelist_shows_a_queued_cvs_progress(admin_client, ingest):
    document = ingest(process=False)
    assert "queued" in admin_client.get(CHANGELIST).content.decode()
    CVDocument.objects.filter(pk=document.pk).update(
        heartbeat_at=timezone.now(), processed_pages=2, attempts=1
    )
    assert "2/3 pages embedded (attempt 1)" in admin_client.get(CHANGELIST).content.decode()


def test_an_unreadable_upload_shows_the_reason_on_the_form(admin_client):
    response = admin_client.post(ADD, {"file": SimpleUploadedFile("cv.pdf", encrypted_pdf_bytes())})
    assert response.status_code == 200
    assert "encrypted or password-protected" in response.content.decode()
    assert CVDocument.objects.count() == 0


def test_the_changelist_shows_status_chunks_and_which_cv_is_active(admin_client, ingest):
    old = ingest(name="old.pdf")
    new = ingest(name="new.pdf")
    page = admin_client.get(CHANGELIST).content.decode()
    assert "old.pdf" in page and "new.pdf" in page
    assert str(new.chunk_count) in page
    assert page.count('title="True"') == 1  # only the newest ready CV is active
    assert old.pk != new.pk


def test_the_change_page_lists_recent_questions(admin_client, client, ingest):
    document = ingest()
    client.post(
        "/api/v1/cv/query", {"question": "What are his hobbies?"}, content_type="application/json"
    )
    page = admin_client.get(f"/admin/cv_app/cvdocument/{document.pk}/change/").content.decode()
    assert "What are his hobbies?" in page
    assert "answered" in page
    assert "Nimbus Health" in page  # the chunks inline


def test_reprocess_action_queues_and_the_runner_processes_again(
    admin_client, ingest, monkeypatch, request
):
    from cv_app import services
    from cv_app.embeddings import EmbeddingError, embed_texts

    monkeypatch.setattr(
        services, "embed_texts", lambda t, **kw: (_ for _ in ()).throw(EmbeddingError("x"))
    )
    document = ingest()
    assert document.status == "failed"
    monkeypatch.setattr(services, "embed_texts", embed_texts)
    request.getfixturevalue("cv_runner")  # started once the failed CV is in place
    response = admin_client.post(
        CHANGELIST, {"action": "reprocess", "_selected_action": [str(document.pk)]}, follow=True
    )
    assert "queued for processing" in response.content.decode()
    assert wait_for(document.pk).status == "ready"


@override_settings(CV_CONFIDENCE_THRESHOLD=0.55)
def test_low_confidence_questions_are_listed_as_gaps(admin_client, client, ingest):
    ingest()
    for question in ["What are his hobbies?", "Does he have a driving licence?"]:
        client.post("/api/v1/cv/query", {"question": question}, content_type="application/json")
    gaps = admin_client.get(QUERIES, {"coverage": "gaps"}).content.decode()
    assert "Does he have a driving licence?" in gaps
    assert "What are his hobbies?" not in gaps
    covered = admin_client.get(QUERIES, {"coverage": "covered"}).content.decode()
    assert "What are his hobbies?" in covered
    assert CVQuery.objects.count() == 2


def test_questions_cannot_be_added_or_edited_in_the_admin(admin_client):
    assert admin_client.get(f"{QUERIES}add/").status_code == 403


def test_a_non_staff_user_cannot_reach_the_upload(client, django_user_model):
    user = django_user_model.objects.create_user(username="v", password="pw-visitor-123")
    client.force_login(user)
    assert client.get(ADD).status_code == 302


def test_the_change_page_shows_what_was_understood_of_the_cv(admin_client, ingest):
    document = ingest()
    page = admin_client.get(f"/admin/cv_app/cvdocument/{document.pk}/change/").content.decode()
    assert "what was understood" in page.lower()
    assert "Work experience" in page
    assert "Lead Backend Engineer · Nimbus Health · - · 2021 to present (page 2" in page
