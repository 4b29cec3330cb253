"""cv/status costs a fixed number of queries however many CVs were uploaded (there is
no public CV list). Not cached."""

import pytest

from cv_app.models import CVDocument

pytestmark = pytest.mark.django_db


def add_documents(count, status):
    CVDocument.objects.bulk_create(
        CVDocument(filename=f"cv{n}.pdf", file=f"cv/{n}.pdf", file_size=1, kind="pdf",
                   content_hash="0" * 64, status=status)
        for n in range(count)
    )  # fmt: skip


def test_the_status_costs_the_same_queries_with_more_documents(
    client, ingest, django_assert_num_queries
):
    ingest()
    for status in ("failed", "pending", "ready"):
        add_documents(5, status)
        with django_assert_num_queries(1):
            response = client.get("/api/v1/cv/status")
        assert response.status_code == 200


def test_without_a_cv_the_status_costs_two_queries(client, db, django_assert_num_queries):
    add_documents(0, "ready")
    with django_assert_num_queries(2):
        assert client.get("/api/v1/cv/status").status_code == 404
