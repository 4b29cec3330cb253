"""The page at `/`: the owner's profile, the assistant, "ask my CV", the latest
posts and tools. A demo and a smoke test a person can see, built from the same
selectors the API reads; the browser talks to the public API and socket. Every
string on it, its script's included, is in the visitor's language."""

from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop, pgettext

from blog_app.selectors import post_list
from content_app.selectors import profile_get
from portfolio.api.language import supported_languages
from tools_app.selectors import tool_list

LATEST = 3

# The post and tool choices the page shows, translated in the template by value
# (`{% translate post.category %}`); named here so that `make messages` finds them.
CHOICE_LABELS = (
    gettext_noop("Healthcare"),
    gettext_noop("Marketing"),
    gettext_noop("Technology"),
    gettext_noop("Ethics"),
    gettext_noop("Finance"),
    gettext_noop("Education"),
    gettext_noop("Transportation"),
    gettext_noop("Image Generation"),
    gettext_noop("Video Generation"),
    gettext_noop("Text Generation"),
    gettext_noop("Presentation"),
    gettext_noop("Design"),
    gettext_noop("Paid"),
    gettext_noop("Freemium"),
    gettext_noop("Free"),
)


def script_texts() -> dict:
    """What portfolio/static/portfolio/home.js shows, in the active language; the page
    hands it over as JSON (`json_script`), `%(name)s` filled in by the script."""
    return {
        "unreachable": gettext("The assistant is not reachable."),
        "answered_at": gettext("Answered at %(time)s"),
        "confidence": gettext("Confidence %(percent)s%%"),
        "cv_source": gettext("CV: %(filename)s, page %(page)s"),
        "cv_passage": gettext("%(filename)s, page %(page)s (score %(score)s)"),
        "cv_failed": gettext("The CV could not be asked right now."),
        "working": gettext("Thinking…"),
        "source_types": {
            "project": pgettext("answer source", "project"),
            "experience": pgettext("answer source", "experience"),
            "skill": pgettext("answer source", "skill"),
            "profile": pgettext("answer source", "profile"),
            "post": pgettext("answer source", "post"),
            "tool": pgettext("answer source", "tool"),
            "faq": pgettext("answer source", "FAQ"),
            "cv": pgettext("answer source", "CV"),
        },
    }


def home_view(request):
    # A page, not the API: a `?lang=` it does not speak falls back instead of a 400.
    language = request.LANGUAGE_CODE
    posts, _ = post_list(limit=LATEST)
    tools, _ = tool_list(limit=LATEST * 2)
    context = {
        "language": language,
        "languages": supported_languages(),
        "profile": profile_get(language=language),
        "posts": posts,
        "tools": tools,
        "ui": script_texts(),
    }
    return render(request, "home/index.html", context)
