import pytest
from django.core.files.storage import default_storage

from cv_app.embeddings import current_model_name
from cv_app.models import CVChunk, CVDocument
from cv_app.parsing import MAX_UPLOAD_BYTES
from cv_app.tests import documents
from cv_app.tests.conftest import bearer, wait_for

# Transactional: the upload commits and answers 202 at once; the embedded runner
# (a background thread, as in the web process) then processes it by itself.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("cv_runner")]

PENDING = "CV received; it is being processed."

URL = "/api/v1/cv/upload"


def stored_files():
    try:
        return default_storage.listdir("cv")[1]
    except FileNotFoundError:
        return []


def test_staff_upload_of_a_pdf_answers_pending_then_becomes_the_active_cv(upload, cv_pdf, client):
    response = upload(cv_pdf, "Daniyal_CV.pdf")
    assert response.status_code == 202
    body = response.json()
    document = CVDocument.objects.get()
    # The runner may already have claimed it by the time the answer is written.
    assert body["data"].pop("status") in ("pending", "processing")
    assert body == {
        "success": True,
        "data": {"id": str(document.pk), "filename": "Daniyal_CV.pdf", "message": PENDING},
        "message": PENDING,
    }
    document = wait_for(document.pk)
    assert document.status == "ready"
    status = client.get("/api/v1/cv/status").json()["data"]
    assert (status["id"], status["status"], status["processed_pages"]) == (
        str(document.pk),
        "ready",
        3,
    )
    assert document.pages == 3
    assert document.kind == "pdf"
    assert document.file_size == len(cv_pdf)
    assert document.chunk_count == CVChunk.objects.filter(document=document).count() > 0
    assert document.embedding_model == current_model_name()
    assert document.processed_at is not None
    assert document.uploaded_by.username == "editor"


def test_the_file_is_stored_under_a_random_name(upload, cv_pdf):
    upload(cv_pdf, "Daniyal_CV.pdf")
    document = CVDocument.objects.get()
    assert document.file.name.startswith("cv/")
    assert "Daniyal" not in document.file.name
    assert default_storage.open(document.file.name).read() == cv_pdf


def test_a_docx_upload_is_processed_with_its_pages(upload, cv_docx):
    response = upload(cv_docx, "cv.docx")
    assert response.status_code == 202
    document = wait_for(CVDocument.objects.get().pk)
    assert (document.kind, document.status, document.pages) == ("docx", "ready", 3)
    assert set(document.chunks.values_list("page", flat=True)) == {1, 2, 3}


def test_a_pdf_named_docx_is_read_as_the_pdf_it_is(upload, cv_pdf):
    assert upload(cv_pdf, "cv.docx").status_code == 202
    assert CVDocument.objects.get().kind == "pdf"


def test_a_docx_named_pdf_is_read_as_the_docx_it_is(upload, cv_docx):
    assert upload(cv_docx, "cv.pdf").status_code == 202
    assert CVDocument.objects.get().kind == "docx"


def test_the_display_name_drops_any_path(upload, cv_pdf):
    upload(cv_pdf, "../../etc/evil.pdf")
    assert CVDocument.objects.get().filename == "evil.pdf"


def test_seed_000_path_uploads_too(upload, cv_pdf):
    response = upload(cv_pdf, url="/cv/upload")
    assert response.status_code == 202
    # The runner may already have claimed it by the time the answer is written.
    assert response.json()["data"]["status"] in ("pending", "processing")
    assert wait_for(response.json()["data"]["id"]).status == "ready"


def test_a_3000_paragraph_docx_answers_at_once_and_becomes_ready_by_itself(upload, client):
    pages = [
        {
            "title": f"Project {page}",
            # Short paragraphs: the point is their number, not the embedding work.
            "paragraphs": [f"Skill {page}-{n}." for n in range(300)],
        }
        for page in range(10)
    ]
    response = upload(documents.docx_bytes(pages), "long_cv.docx")
    # The runner may claim it before the answer is written, as the tests above allow.
    assert response.status_code == 202
    assert response.json()["data"]["status"] in ("pending", "processing")
    document = wait_for(response.json()["data"]["id"])
    assert (document.status, document.pages, document.processed_pages) == ("ready", 10, 10)
    assert document.chunk_count > 10


@pytest.mark.parametrize(
    ("make", "status", "phrase"),
    [
        (documents.encrypted_pdf_bytes, 400, "encrypted"),
        (documents.corrupt_pdf_bytes, 400, "damaged"),
        (documents.image_only_pdf_bytes, 400, "no extractable text"),
        (documents.docx_zip_bomb_bytes, 400, "inflate"),
        (lambda: b"name,skills\nDaniyal,Python\n", 415, "Only PDF and DOCX"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, 415, "Legacy .doc"),
        # An HTML page with a whole PDF after its first bytes: a browser runs the page.
        (
            lambda: b"<!doctype html><script>alert(1)</script>\n" + documents.pdf_bytes(),
            415,
            "Only PDF",
        ),
        (lambda: b" \n%PDF-1.4\n<html><script>alert(1)</script></html>", 415, "Only PDF"),
    ],
    ids=["encrypted", "corrupt", "image-only", "zip-bomb", "csv", "legacy-doc", "html", "html2"],
)
def test_hostile_or_unreadable_files_are_refused_leaving_nothing_behind(
    upload, make, status, phrase
):
    response = upload(make(), "cv.pdf")
    assert response.status_code == status
    body = response.json()
    assert body["success"] is False
    assert phrase in body["error"]
    assert CVDocument.objects.count() == 0
    assert stored_files() == []


def test_a_file_over_10_mb_is_refused_with_413_while_it_arrives(upload, monkeypatch):
    from cv_app import views
    from portfolio.api import uploads

    # Just past the limit: the declared length passes, the byte count stops it.
    data = b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES
    assert len(data) + 1024 < MAX_UPLOAD_BYTES + uploads.MULTIPART_OVERHEAD
    monkeypatch.setattr(views, "cv_document_create", lambda **kw: pytest.fail("reached the view"))
    response = upload(data)
    assert response.status_code == 413
    body = response.json()
    assert (body["success"], body["error"]) == (False, "The file is larger than 10 MB.")
    assert body["details"] == {"max_bytes": MAX_UPLOAD_BYTES}
    assert CVDocument.objects.count() == 0


def test_a_body_declared_far_over_10_mb_is_refused_with_413(upload, monkeypatch):
    from portfolio.api import uploads

    def never(*args, **kwargs):
        pytest.fail("a byte of the file was received")

    monkeypatch.setattr(uploads.LimitedUploadHandler, "receive_data_chunk", never)
    response = upload(b"%PDF-1.4\n" + b"0" * (MAX_UPLOAD_BYTES + 2 * 1024 * 1024))
    assert response.status_code == 413
    assert CVDocument.objects.count() == 0


def test_an_empty_file_is_refused(upload):
    response = upload(b"")
    assert response.status_code == 400
    assert "file" in response.json()["details"]


def test_a_request_without_a_file_is_refused(client, staff_headers):
    response = client.post(URL, {}, **staff_headers)
    assert response.status_code == 400
    assert response.json()["details"]["file"]


def test_anonymous_upload_is_401(client, cv_pdf, upload):
    response = upload(cv_pdf, headers={})
    assert response.status_code == 401
    assert response.json()["success"] is False
    assert CVDocument.objects.count() == 0


def test_upload_by_a_signed_in_non_staff_user_is_403(upload, cv_pdf, plain_user):
    response = upload(cv_pdf, headers=bearer(plain_user))
    assert response.status_code == 403
    assert CVDocument.objects.count() == 0


def test_a_media_editor_may_not_upload_the_cv(upload, cv_pdf, django_user_model):
    from django.contrib.auth.models import Permission

    # What the Editor group holds for media (these tests flush the group's migration data).
    editor = django_user_model.objects.create_user(username="media-editor", password="pw-1234567")
    editor.user_permissions.add(Permission.objects.get(codename="add_mediafile"))
    assert upload(cv_pdf, headers=bearer(editor)).status_code == 403
    assert CVDocument.objects.count() == 0


def test_the_cv_add_permission_is_the_one_rule_for_non_staff_too(upload, cv_pdf, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="cv-owner", password="pw-1234567")
    user.user_permissions.add(Permission.objects.get(codename="add_cvdocument"))
    assert upload(cv_pdf, headers=bearer(user)).status_code in {201, 202}


def test_an_invalid_token_is_401(upload, cv_pdf):
    response = upload(cv_pdf, headers={"HTTP_AUTHORIZATION": "Bearer not-a-token"})
    assert response.status_code == 401


def test_get_on_upload_is_405(client, staff_headers):
    response = client.get(URL, **staff_headers)
    assert response.status_code == 405
    assert response.json()["success"] is False


def test_processing_failure_is_reported_with_its_reason(upload, cv_pdf, monkeypatch, client):
    from cv_app import services

    monkeypatch.setattr(services, "split_structure", lambda structure: [])
    monkeypatch.setattr(services, "split_pages", lambda pages: [])
    response = upload(cv_pdf)
    assert response.status_code == 202
    document = wait_for(response.json()["data"]["id"])
    assert document.status == "failed"
    assert "no text to index" in document.failure_reason
    assert document.chunks.count() == 0
    status = client.get("/api/v1/cv/status").json()["data"]
    assert (status["status"], status["in_progress"]) == ("failed", False)
    assert "no text to index" in status["failure_reason"]


def test_with_a_worker_the_upload_answers_202_while_pending(
    client, cv_pdf, staff_headers, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cv_app.tasks import cv_document_process_task

    queued = []
    monkeypatch.setitem(cv_document_process_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(cv_document_process_task, "delay", queued.append)
    response = client.post(URL, {"file": SimpleUploadedFile("cv.pdf", cv_pdf)}, **staff_headers)
    assert response.status_code == 202
    assert response.json()["data"]["status"] == "pending"
    assert response.json()["data"]["message"] == "CV received; it is being processed."
    document = CVDocument.objects.get()
    assert document.status == "pending"
    assert queued == [str(document.pk)]


def test_a_json_body_is_415_because_uploads_are_multipart(client, staff_headers):
    response = client.post(URL, {"file": "x"}, content_type="application/json", **staff_headers)
    assert response.status_code == 415
    assert response.json()["success"] is False


def test_a_broker_outage_after_the_commit_keeps_the_upload_pending_not_broken(
    upload, cv_pdf, monkeypatch
):
    from kombu.exceptions import OperationalError

    from cv_app.tasks import cv_document_process_task

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setitem(cv_document_process_task.app.conf, "task_always_eager", False)
    monkeypatch.setattr(cv_document_process_task, "delay", broker_down)
    response = upload(cv_pdf)
    assert response.status_code == 202
    document = CVDocument.objects.get()
    assert document.status == CVDocument.Status.PENDING
    assert default_storage.exists(document.file.name)


def test_a_spanish_uploader_reads_why_the_file_was_refused_in_spanish(upload, staff_headers):
    headers = {**staff_headers, "HTTP_ACCEPT_LANGUAGE": "es"}
    response = upload(b"name,skills\nDaniyal,Python\n", "cv.csv", headers=headers)
    assert response.status_code == 415
    assert response.json()["error"] == "Solo se aceptan archivos PDF y DOCX."
    assert CVDocument.objects.count() == 0
