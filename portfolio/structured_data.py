"""What search engines and other tools read about the public site: the frontend's URL
of each page (one per language), and schema.org JSON-LD built from the selectors' plain
dicts (`Person` for the owner, `BlogPosting` for posts, `CreativeWork` for projects).

The pages live on the frontend (`FRONTEND_URL`): a post at `/blog/<slug>`, a project at
`/projects/<slug>`, in a language other than the default with `?lang=<code>`.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings

SCHEMA_ORG = "https://schema.org"
# Inside <script>, these would let text end the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def frontend_url(path="", *, language=None) -> str:
    origin = urlsplit(settings.FRONTEND_URL)
    return f"{origin.scheme}://{origin.netloc}{frontend_path(path, language=language)}"


def frontend_path(path="", *, language=None) -> str:
    """The page's path on the frontend's host (under FRONTEND_URL's own path, if any)."""
    url = f"{urlsplit(settings.FRONTEND_URL).path.rstrip('/')}{path}" or "/"
    if language and language != settings.LANGUAGE_CODE:
        url += f"?lang={language}"
    return url


def post_path(slug) -> str:
    return f"/blog/{slug}"


def project_path(slug) -> str:
    return f"/projects/{slug}"


def _compact(data: dict) -> dict:
    """Blank values left out: a tool reading `"telephone": ""` would take it as a number."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def author(profile: dict | None) -> dict | None:
    if not profile:
        return None
    return {"@type": "Person", "name": profile["name"], "url": frontend_url()}


def person(profile: dict | None, *, experiences=(), skills=(), language) -> dict | None:
    """The owner; None before there is a profile."""
    if not profile:
        return None
    current = next((e for e in experiences if not e.get("end")), None)
    works_for = current and _compact(
        {"@type": "Organization", "name": current["company"], "url": current["company_url"]}
    )
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "Person",
            "name": profile["name"],
            "jobTitle": profile["title"],
            "description": profile["about"],
            "email": profile["email"],
            "telephone": profile["phone"],
            "url": frontend_url(language=language),
            "sameAs": [
                u for u in (profile["website"], profile["github"], profile["linkedin"]) if u
            ],
            "homeLocation": profile["location"] and {"@type": "Place", "name": profile["location"]},
            "worksFor": works_for,
            "knowsAbout": list(dict.fromkeys(skill["name"] for skill in skills)),
            "knowsLanguage": profile.get("languages", []),
        }
    )


def blog_posting(post, *, author, language=None) -> dict:
    """`post`: a BlogPost (its untranslated fields)."""
    url = frontend_url(post_path(post.slug), language=language)
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "BlogPosting",
            "headline": post.title,
            "description": post.excerpt,
            "datePublished": post.published.isoformat(),
            "dateModified": post.updated_at.isoformat() if post.updated_at else None,
            "articleSection": post.category,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": settings.LANGUAGE_CODE,
            "author": author,
        }
    )


def creative_work(project: dict, *, language, image="") -> dict:
    """`project`: a dict of `content_app.selectors.project_list`."""
    return _compact(
        {
            "@context": SCHEMA_ORG,
            "@type": "CreativeWork",
            "name": project["title"],
            "description": project["description"],
            "abstract": project["brief"],
            "keywords": project["tags"],
            "url": frontend_url(project_path(project["slug"]), language=language),
            "sameAs": [u for u in (project["url"], project["github_url"]) if u],
            "image": image,
            "inLanguage": language,
        }
    )


def script_json(data) -> str:
    """`data` as JSON safe inside `<script type="application/ld+json">`."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
