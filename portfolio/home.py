"""The page at `/`: the owner's profile, the assistant, "ask my CV", the latest
posts and tools. A demo and a smoke test a person can see, built from the same
selectors the API reads; the browser talks to the public API and socket."""

from django.shortcuts import render

from blog_app.selectors import post_list
from content_app.selectors import profile_get
from portfolio.api.language import supported_languages
from tools_app.selectors import tool_list

LATEST = 3


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
    }
    return render(request, "home/index.html", context)
