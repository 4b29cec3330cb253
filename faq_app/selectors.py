"""Reads of the questions loop: the public FAQ, the owner's inbox, and the index the
assistant matches questions against (the weekly share answered: portfolio/dashboard.py)."""

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Prefetch, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from faq_app.models import AskedQuestion, FAQEntry, QuestionGroup
from portfolio.api.errors import NotFoundError
from portfolio.api.language import normalize_language

CACHE_NAMESPACE = "faq"


def _visible(rows, now=None):
    now = now or timezone.now()
    return [row for row in rows if row["publish_at"] is None or row["publish_at"] <= now]


def _published_rows(language):
    with translation.override(language):
        return [
            {
                "id": entry.id,
                "question": entry.question,
                "answer": entry.answer,
                "publish_at": entry.publish_at,
            }
            for entry in FAQEntry.objects.filter(status=FAQEntry.Status.PUBLISHED).order_by(
                "created_at", "id"
            )
        ]


def faq_published_list(*, language) -> list[dict]:
    """[{id, question, answer}] visible now, oldest first, in `language` (a missing
    Spanish text reads as the English one)."""
    language = normalize_language(language) or settings.LANGUAGE_CODE
    rows = _published_rows(language)
    return [{k: row[k] for k in ("id", "question", "answer")} for row in _visible(rows)]


def faq_entry_get(*, entry_id, language) -> dict | None:
    entries = faq_published_list(language=language)
    return next((e for e in entries if e["id"] == entry_id), None)


# --- The match index: every wording that should get an entry's answer ------------


def _index_rows():
    """[{faq_id, publish_at, texts, vectors, model}]: the entry's own questions (both
    languages) and its answered groups' questions, with their stored vectors."""
    entries = FAQEntry.objects.filter(status=FAQEntry.Status.PUBLISHED)
    asked = AskedQuestion.objects.filter(
        group__faq__in=entries, group__status=QuestionGroup.Status.ANSWERED
    ).values_list("group__faq_id", "text", "vector", "model_name")
    by_entry = {
        e.id: {"faq_id": e.id, "publish_at": e.publish_at, "texts": [], "stored": []}
        for e in entries
    }
    for entry in entries:
        for language in ("en", "es"):
            text = getattr(entry, f"question_{language}", "") or ""
            if text and text not in by_entry[entry.id]["texts"]:
                by_entry[entry.id]["texts"].append(text)
                by_entry[entry.id]["stored"].append((None, ""))
    for faq_id, text, vector, model in asked:
        row = by_entry[faq_id]
        if text not in row["texts"]:
            row["texts"].append(text)
            row["stored"].append((bytes(vector) if vector else None, model))
    return list(by_entry.values())


def faq_match_index() -> list[dict]:
    """The rows of _index_rows(); `faq_visible` says which may answer now."""
    return _index_rows()


def faq_visible(rows) -> list[dict]:
    """The rows (each with `publish_at`) whose publication time has come."""
    return _visible(rows)


# --- The owner's inbox ----------------------------------------------------------


def _latest(field):
    newest = AskedQuestion.objects.filter(group=OuterRef("pk")).order_by("-asked_at", "-id")
    return Subquery(newest.values(field)[:1])


def inbox_groups(*, status=None):
    """Groups with their count, last time asked and latest wording, language and kind,
    most recently asked first; empty groups are left out."""
    groups = QuestionGroup.objects.annotate(
        count=Count("questions"),
        last_asked=Max("questions__asked_at"),
        question=_latest("text"),
        language=_latest("language"),
        kind=_latest("kind"),
    ).filter(count__gt=0)
    if status:
        groups = groups.filter(status=status)
    return groups.order_by("-last_asked", "-id")


def inbox_group_rows(*, status=None):
    """inbox_groups() with the questions `inbox_answers_attach` reads prefetched: one
    query for a page, however many groups."""
    asked = AskedQuestion.objects.only("group_id", "answer_given").order_by("-asked_at")
    return inbox_groups(status=status).prefetch_related(Prefetch("questions", queryset=asked))


def inbox_answers_attach(groups) -> list[QuestionGroup]:
    """`groups` (a page of inbox_group_rows()), each with `answers`: the distinct
    answers its questions got, newest first."""
    for group in groups:
        given = (q.answer_given for q in group.questions.all() if q.answer_given)
        group.answers = list(dict.fromkeys(given))
    return groups


def inbox_group_list(*, status=None, limit=100, offset=0) -> tuple[list[QuestionGroup], int]:
    """A page of inbox_groups() with their `answers`, and how many there are in all."""
    groups = inbox_group_rows(status=status)
    return inbox_answers_attach(list(groups[offset : offset + limit])), groups.count()


def inbox_group_get(*, group_id) -> QuestionGroup:
    group = inbox_groups().filter(pk=group_id).first()
    if group is None:
        raise NotFoundError(
            _("No group of unanswered questions has the id %(id)s.") % {"id": group_id}
        )
    return group


def inbox_group_answers(*, group_id) -> list[str]:
    """The distinct answers the group's questions got, newest first."""
    answers = (
        AskedQuestion.objects.filter(group_id=group_id)
        .exclude(answer_given="")
        .order_by("-asked_at")
        .values_list("answer_given", flat=True)
    )
    return list(dict.fromkeys(answers))
