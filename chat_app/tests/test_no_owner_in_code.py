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
