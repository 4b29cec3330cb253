"""CV upload latency: how long `POST /api/v1/cv/upload` holds the request for a
3,000-paragraph DOCX (it should answer 202 at once), and how long the embedded
runner then takes to make it ready by itself."""

import time

from cv_setup import setup_django

PAGES, PARAGRAPHS_PER_PAGE = 10, 300


def main():
    setup_django()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from rest_framework_simplejwt.tokens import RefreshToken

    from cv_app import runner
    from cv_app.models import CVDocument
    from cv_app.tests.documents import docx_bytes

    owner = User.objects.create_superuser("bench", "bench@example.com", "bench-password-123")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(owner).access_token}")
    pages = [
        {
            "title": f"Project {page}",
            "paragraphs": [
                f"Built service {page}-{n} with Python and FastAPI, shipping features weekly."
                for n in range(PARAGRAPHS_PER_PAGE)
            ],
        }
        for page in range(PAGES)
    ]
    data = docx_bytes(pages)
    runner.start()
    started = time.perf_counter()
    response = client.post("/api/v1/cv/upload", {"file": SimpleUploadedFile("cv.docx", data)})
    answered = time.perf_counter() - started
    body = response.json()["data"]
    while True:
        document = CVDocument.objects.get(pk=body["id"])
        if document.status in ("ready", "failed") and document.next_attempt_at is None:
            break
        time.sleep(0.25)
    ready = time.perf_counter() - started
    print(
        f"CV upload of a {PAGES * PARAGRAPHS_PER_PAGE}-paragraph DOCX ({len(data) // 1024} KiB): "
        f"answered {response.status_code} {body['status']} in {answered:.2f} s; "
        f"{document.status} by itself after {ready:.1f} s ({document.chunk_count} chunks)"
    )


if __name__ == "__main__":
    main()
