"""The admin's front page: what the site did lately, as charts (Unfold's Chart.js,
served from its static files). Every number comes from an app's selectors."""

import json
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from chat_app.selectors import chat_daily_counts, llm_daily_spend
from contact_app.selectors import submission_waiting_list
from cv_app.selectors import cv_query_unanswered
from faq_app.selectors import inbox_group_list, questions_answered_weekly
from telemetry_app.selectors import telemetry_daily_counts

DAYS = 14
WEEKS = 8


def _per_day(rows, key, days):
    by_day = {row["day"]: row[key] or 0 for row in rows}
    return [float(by_day.get(day, 0)) for day in days]


def dashboard_callback(request, context):
    today = timezone.now().date()
    days = [today - timedelta(days=offset) for offset in range(DAYS - 1, -1, -1)]
    labels = [day.strftime("%b %d") for day in days]
    spend = _per_day(llm_daily_spend(days=DAYS), "cost", days)
    budget = settings.LLM_DAILY_BUDGET_USD
    percent = min(100, round(100 * spend[-1] / budget)) if budget else 0
    waiting_count, waiting = submission_waiting_list(limit=8)
    traffic = {
        "labels": labels,
        "datasets": [
            {
                "label": "Visits (sessions)",
                "data": _per_day(telemetry_daily_counts(days=DAYS), "sessions", days),
            },
            {
                "label": "Chat questions",
                "data": _per_day(chat_daily_counts(days=DAYS), "questions", days),
            },
        ],
    }
    spending = {
        "labels": labels,
        "datasets": [
            {"label": "LLM spend (USD)", "data": spend},
            {"label": "Daily budget", "type": "line", "data": [budget] * DAYS},
        ],
    }
    weekly = questions_answered_weekly(weeks=WEEKS)
    answered = {
        "labels": [row["week"].strftime("%b %d") for row in weekly],
        "datasets": [
            {
                "label": "Questions answered (%)",
                "data": [round(100 * row["answered"] / row["asked"], 1) for row in weekly],
            }
        ],
    }
    open_groups, open_count = inbox_group_list(status="open", limit=8)
    context.update(
        {
            "dashboard": {
                "answered_title": f"Share of questions answered, last {WEEKS} weeks",
                "answered_chart": json.dumps(answered),
                "answered_weeks": weekly,
                "inbox_title": f"Unanswered questions, grouped: {open_count}",
                "inbox": open_groups,
                "inbox_url": reverse("admin:faq_app_questiongroup_changelist")
                + "?status__exact=open",
                "traffic_title": f"Visits and chat questions, last {DAYS} days",
                "traffic_chart": json.dumps(traffic),
                "spend_chart": json.dumps(spending),
                "spent_today": spend[-1],
                "budget": budget,
                "budget_percent": percent,
                "budget_label": f"{percent}%",
                "unanswered": cv_query_unanswered(limit=8),
                "unanswered_url": reverse("admin:cv_app_cvquery_changelist") + "?coverage=gaps",
                "waiting_title": f"Contact messages waiting: {waiting_count}",
                "waiting": waiting,
                "waiting_url": reverse("admin:contact_app_contactsubmission_changelist")
                + "?status__exact=pending&is_spam__exact=0",
            }
        }
    )
    return context
