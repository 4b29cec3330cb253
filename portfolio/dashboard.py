"""The admin's front page: what the site did lately, as charts (Unfold's Chart.js,
served from its static files). Every number comes from an app's selectors."""

import json
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext

from chat_app.selectors import chat_daily_counts, chat_weekly_outcomes, llm_daily_spend
from contact_app.selectors import submission_waiting_list
from cv_app.selectors import (
    cv_document_current,
    cv_query_content_answered_count,
    cv_query_unanswered,
    cv_query_weekly_outcomes,
)
from faq_app.selectors import inbox_group_list
from telemetry_app.selectors import telemetry_daily_counts

DAYS = 14
WEEKS = 8


def _per_day(rows, key, days):
    by_day = {row["day"]: row[key] or 0 for row in rows}
    return [float(by_day.get(day, 0)) for day in days]


def questions_answered_weekly(*, weeks=8) -> list[dict]:
    """[{week, asked, answered}] for the home assistant and the CV together, oldest week
    first (weeks start on Monday, UTC). Answered: neither refused nor below the
    confidence threshold (the answer rows' own flags)."""
    since = timezone.now() - timedelta(weeks=weeks)
    since = since - timedelta(days=since.weekday())
    totals: dict = {}
    for row in [*chat_weekly_outcomes(since=since), *cv_query_weekly_outcomes(since=since)]:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        entry = totals.setdefault(week, {"week": week, "asked": 0, "answered": 0})
        entry["asked"] += row["asked"]
        entry["answered"] += row["answered"]
    return [totals[week] for week in sorted(totals)]


def dashboard_callback(request, context):
    today = timezone.now().date()
    days = [today - timedelta(days=offset) for offset in range(DAYS - 1, -1, -1)]
    # The owner's language's month names, not the C locale's strftime ones.
    labels = [dateformat.format(day, "M d") for day in days]
    spend = _per_day(llm_daily_spend(days=DAYS), "cost", days)
    budget = settings.LLM_DAILY_BUDGET_USD
    percent = min(100, round(100 * spend[-1] / budget)) if budget else 0
    waiting_count, waiting = submission_waiting_list(limit=8)
    traffic = {
        "labels": labels,
        "datasets": [
            {
                "label": gettext("Visits (sessions)"),
                "data": _per_day(telemetry_daily_counts(days=DAYS), "sessions", days),
            },
            {
                "label": gettext("Chat questions"),
                "data": _per_day(chat_daily_counts(days=DAYS), "questions", days),
            },
        ],
    }
    spending = {
        "labels": labels,
        "datasets": [
            {"label": gettext("LLM spend (USD)"), "data": spend},
            {"label": gettext("Daily budget"), "type": "line", "data": [budget] * DAYS},
        ],
    }
    weekly = questions_answered_weekly(weeks=WEEKS)
    answered = {
        "labels": [dateformat.format(row["week"], "M d") for row in weekly],
        "datasets": [
            {
                "label": gettext("Questions answered (%)"),
                "data": [round(100 * row["answered"] / row["asked"], 1) for row in weekly],
            }
        ],
    }
    open_groups, open_count = inbox_group_list(status="open", limit=8)
    context.update(
        {
            "dashboard": {
                "answered_title": gettext("Share of questions answered, last %(weeks)s weeks")
                % {"weeks": WEEKS},
                "answered_chart": json.dumps(answered),
                "answered_weeks": weekly,
                "inbox_title": gettext("Unanswered questions, grouped: %(count)s")
                % {"count": open_count},
                "inbox": open_groups,
                "inbox_url": reverse("admin:faq_app_questiongroup_changelist")
                + "?status__exact=open",
                "traffic_title": gettext("Visits and chat questions, last %(days)s days")
                % {"days": DAYS},
                "traffic_chart": json.dumps(traffic),
                "spend_chart": json.dumps(spending),
                "spent_today": spend[-1],
                "budget": budget,
                "budget_percent": percent,
                "budget_label": f"{percent}%",
                **_cv_card(),
                "unanswered_url": reverse("admin:cv_app_cvquery_changelist") + "?coverage=gaps",
                "waiting_title": gettext("Contact messages waiting: %(count)s")
                % {"count": waiting_count},
                "waiting": waiting,
                "waiting_url": reverse("admin:contact_app_contactsubmission_changelist")
                + "?status__exact=pending&is_spam__exact=0",
            }
        }
    )
    return context


def _cv_card() -> dict:
    """The CV questions card: the unanswered ones, or, before any CV is uploaded, that
    there is none and how many questions the site's content answered meanwhile."""
    if cv_document_current() is None:
        answered = cv_query_content_answered_count()
        return {
            "cv_missing": True,
            "unanswered": [],
            "cv_empty": ngettext(
                "No CV uploaded yet: %(count)s CV question was answered from the site's "
                "content instead.",
                "No CV uploaded yet: %(count)s CV questions were answered from the site's "
                "content instead.",
                answered,
            )
            % {"count": answered},
        }
    return {
        "cv_missing": False,
        "unanswered": cv_query_unanswered(limit=8),
        "cv_empty": gettext("None: every question found its answer in the CV."),
    }
