import json

import pytest
from django.core.management import call_command

from blog_app.models import BlogPost
from portfolio.models import SeedRecord
from portfolio.services import FIXTURES_DIR
from tools_app.models import AITool

pytestmark = pytest.mark.django_db


def test_seeding_twice_creates_no_duplicates():
    call_command("seed")
    call_command("seed")
    assert AITool.objects.count() == 12
    assert BlogPost.objects.count() == 8
    # One record per fixture object, whichever apps ship fixtures.
    fixture_objects = sum(len(json.loads(p.read_text())) for p in FIXTURES_DIR.glob("*.json"))
    assert SeedRecord.objects.count() == fixture_objects


def test_seeding_again_keeps_the_owners_edits(seeded):
    tool = AITool.objects.get(name="Midjourney")
    tool.description = "Edited by the owner"
    tool.save()
    call_command("seed")
    assert AITool.objects.get(pk=tool.pk).description == "Edited by the owner"


def test_seeding_again_does_not_bring_back_what_the_owner_deleted(seeded):
    AITool.objects.filter(name="Tome").delete()
    call_command("seed")
    assert not AITool.objects.filter(name="Tome").exists()
    assert AITool.objects.count() == 11


def test_seeded_posts_have_rendered_html_and_markdown_content(seeded):
    post = BlogPost.objects.get(published="2024-01-15")
    assert post.title == "AI in Healthcare: Revolutionizing Patient Care"
    assert "<h2" in post.content_html
    assert 400 <= len(post.content.split()) <= 900


def test_loaddata_loads_every_fixture_twice_on_a_fresh_database():
    paths = sorted(str(p) for p in FIXTURES_DIR.glob("*.json"))
    call_command("loaddata", *paths, verbosity=0)
    first_created = dict(AITool.objects.values_list("pk", "created_at"))
    call_command("loaddata", *paths, verbosity=0)

    assert AITool.objects.count() == 12
    assert BlogPost.objects.count() == 8
    # Stamped on the first load and kept on the second.
    assert dict(AITool.objects.values_list("pk", "created_at")) == first_created
    assert all(post.content_html.startswith("<") for post in BlogPost.objects.all())


def test_seed_after_loaddata_adds_nothing():
    call_command("loaddata", *sorted(str(p) for p in FIXTURES_DIR.glob("*.json")), verbosity=0)
    call_command("seed")
    assert AITool.objects.count() == 12
    assert BlogPost.objects.count() == 8
