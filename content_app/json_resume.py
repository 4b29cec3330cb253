"""The owner's resume as a JSON Resume document (https://jsonresume.org, schema 1.0.0),
built from `resume_get()`'s dict in one language.

Only what the content holds is written, and blanks are left out (the schema wants
URLs and emails to be well formed, not empty). Education and languages are the
profile's one-entry-per-line texts, read leniently: "BSc Computer Science, LUMS,
2016 - 2020" and "English (fluent)".
"""

import re
from urllib.parse import urlsplit

from django.conf import settings

SCHEMA_VERSION = "v1.0.0"
DASHES = " -\u2013"  # and the en dash people type between years
_YEARS = re.compile(
    r"\b((?:19|20)\d{2})(?:\s*[-\u2013]\s*((?:19|20)\d{2}|present|actualidad|now|hoy))?\b", re.I
)
_LANGUAGE = re.compile(r"^(?P<language>.*?)\s*(?:\((?P<paren>[^)]*)\)|[-\u2013:]\s*(?P<rest>.+))?$")


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def json_resume_payload(resume: dict) -> dict:
    profile = resume["profile"] or {}
    skills: dict[str, list[str]] = {}
    for skill in resume["skills"]:
        skills.setdefault(skill["category"], []).append(skill["name"])
    return _compact(
        {
            "basics": _basics(profile),
            "work": [_work(experience) for experience in resume["experiences"]],
            "education": [_education(line) for line in profile.get("education", [])],
            "skills": [{"name": name, "keywords": names} for name, names in skills.items()],
            "languages": [_language(line) for line in profile.get("languages", [])],
            "projects": [_project(project) for project in resume["projects"]],
            "meta": {"version": SCHEMA_VERSION, "language": resume["language"]},
        }
    )


def _basics(profile) -> dict:
    if not profile:
        return {}
    networks = (("GitHub", profile["github"]), ("LinkedIn", profile["linkedin"]))
    return _compact(
        {
            "name": profile["name"],
            "label": profile["title"],
            "email": profile["email"],
            "phone": profile["phone"],
            "url": profile["website"] or settings.FRONTEND_URL,
            "summary": profile["about"],
            "location": _compact({"address": profile["location"]}),
            "profiles": [_profile(network, url) for network, url in networks if url],
        }
    )


def _profile(network, url) -> dict:
    username = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return _compact({"network": network, "username": username, "url": url})


def _work(experience) -> dict:
    return _compact(
        {
            "name": experience["company"],
            "position": experience["title"],
            "url": experience["company_url"],
            "location": experience["location"],
            "startDate": experience["start"],
            "endDate": experience["end"],
            "summary": experience["description"],
            "highlights": experience["technologies"],
        }
    )


def _education(line) -> dict:
    years = _YEARS.search(line)
    text = _YEARS.sub("", line) if years else line
    parts = [part.strip(DASHES) for part in text.split(",") if part.strip(DASHES)]
    start, end = (years.group(1), years.group(2)) if years else (None, None)
    if end is None:
        start, end = None, start  # a single year: when it ended
    elif not end.isdigit():
        end = None  # "2022 - present"
    return _compact(
        {
            "institution": ", ".join(parts[1:]) or (parts[0] if parts else line),
            "area": parts[0] if len(parts) > 1 else "",
            "startDate": start,
            "endDate": end,
        }
    )


def _language(line) -> dict:
    match = _LANGUAGE.match(line)
    fluency = match.group("paren") or match.group("rest") or ""
    return _compact({"language": match.group("language") or line, "fluency": fluency.strip()})


def _project(project) -> dict:
    return _compact(
        {
            "name": project["title"],
            "description": project["description"],
            "highlights": [project["brief"]] if project["brief"] else [],
            "keywords": project["tags"],
            "url": project["url"] or project["github_url"],
        }
    )
