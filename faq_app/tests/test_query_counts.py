"""The inbox, the FAQ and its admin list cost a fixed number of queries however many
rows they hold."""

import pytest

from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup

pytestmark = pytest.mark.django_db


def add_groups(count):
    for n in range(count):
        group = QuestionGroup.objects.create()
        AskedQuestion.objects.bulk_create(
            AskedQuestion(group=group, text=f"q{n}-{i}", reason="refused", answer_given=f"a{i}")
            for i in range(3)
        )


def add_entries(count):
    for n in range(count):
        entry = FAQEntry(question_en=f"q{n}?", answer_en=f"a{n}.")
        entry.question, entry.answer = entry.question_en, entry.answer_en
        entry.save()


def test_the_inbox_costs_the_same_queries_with_more_groups(
    client, staff_headers, django_assert_num_queries
):
    # The user, the page of groups, their questions, the total.
    for count in (1, 30):
        add_groups(count)
        with django_assert_num_queries(4):
            response = client.get("/api/v1/admin/unanswered", **staff_headers)
        assert response.status_code == 200
        items = response.json()["data"]["items"]
        assert [sorted(item["answers"]) for item in items] == [["a0", "a1", "a2"]] * len(items)


def test_the_faq_admin_list_costs_the_same_queries_with_more_entries(
    client, staff_headers, django_assert_num_queries
):
    for count in (1, 30):
        add_entries(count)
        with django_assert_num_queries(3):  # the user, the total, the page
            assert client.get("/api/v1/admin/faq", **staff_headers).status_code == 200


def test_the_public_faq_costs_one_query_cold_and_none_warm(client, django_assert_num_queries):
    add_entries(30)
    # The entries, and (once per cache version) the next scheduled publish time.
    with django_assert_num_queries(1 + 1):
        assert client.get("/api/v1/faq").json()["data"]["total"] == 30
    with django_assert_num_queries(0):
        assert client.get("/api/v1/faq").status_code == 200
