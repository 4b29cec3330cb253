"""The assistant speaks about whoever owns the site: the seed owner's name is data, not code."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_assistant_or_feed_module_names_the_seed_owner():
    fixture = json.loads((ROOT / "fixtures" / "content.json").read_text())
    name = next(o["fields"]["name"] for o in fixture if o["model"] == "content_app.profile")
    modules = [p for p in (ROOT / "chat_app").glob("*.py")] + [ROOT / "blog_app" / "feeds.py"]
    naming = [p.name for p in modules if name.lower() in p.read_text().lower()]
    assert naming == []


def test_no_code_outside_tests_names_the_seed_owner():
    # Tests, evaluation cases and fixtures speak about the seed data on purpose;
    # everything else (including the test doubles in chat_app/testing) must not.
    fixture = json.loads((ROOT / "fixtures" / "content.json").read_text())
    name = next(o["fields"]["name"] for o in fixture if o["model"] == "content_app.profile")
    skipped = {".venv", ".git", "tests", "eval", "fixtures", "media", "node_modules"}
    naming = [
        str(p.relative_to(ROOT))
        for suffix in ("*.py", "*.js", "*.html")
        for p in ROOT.rglob(suffix)
        if not skipped & set(p.relative_to(ROOT).parts)
        and name.lower() in p.read_text(errors="ignore").lower()
    ]
    assert naming == []
