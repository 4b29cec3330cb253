"""Drafts and scheduled publishing (portfolio/publishing.py): the one visibility rule,
the caches waking at a scheduled time with no edit, and the events."""

import datetime
import time

import pytest
from django.utils import timezone

from blog_app.models import BlogPost
from content_app.models import Experience, Project
from portfolio import publishing
from tools_app.models import AITool

pytestmark = pytest.mark.django_db(transaction=True)

NEWS = "/api/v1/news/list"


def slugs(client, url=NEWS):
    return [item["slug"] for item in client.get(url).json()["data"]["items"]]


def new_post(**fields):
    return BlogPost.objects.create(
        title=fields.pop("title", "Scheduled thoughts"),
        excerpt="e",
        content="Body",
        category="Technology",
        **fields,
    )


@pytest.fixture
def events():
    """Every publishing event sent, as (event, kind, id)."""
    sent = []

    def recorder(name):
        def receive(sender, kind, id, **kwargs):
            sent.append((name, kind, id))

        return receive

    receivers = {
        signal: recorder(name)
        for name, signal in (
            ("published", publishing.published),
            ("unpublished", publishing.unpublished),
            ("changed", publishing.changed),
        )
    }
    for signal, receiver in receivers.items():
        signal.connect(receiver)
    yield sent
    for signal, receiver in receivers.items():
        signal.disconnect(receiver)


def test_seeded_content_is_published_and_already_announced(seeded):
    for model in (BlogPost, Project, Experience, AITool):
        assert model.objects.count() > 0
        assert model.objects.published().count() == model.objects.count()
        assert not model.objects.filter(live=False).exists()


def test_a_draft_is_absent_from_the_list_the_detail_and_the_feed(client, seeded):
    post = new_post(status="draft")
    assert post.slug not in slugs(client)
    assert client.get(f"/api/v1/news/{post.slug}").status_code == 404
    assert post.slug not in client.get("/feed/news.xml").content.decode()


def test_a_posts_shown_date_defaults_to_its_publish_time(seeded):
    when = timezone.now() + datetime.timedelta(days=3)
    assert new_post(publish_at=when).published == timezone.localdate(when)


def test_a_scheduled_post_appears_at_its_time_with_no_edit(client, seeded):
    post = new_post(publish_at=timezone.now() + datetime.timedelta(seconds=1.5))
    detail = f"/api/v1/news/{post.slug}"
    assert post.slug not in slugs(client)
    assert client.get(detail).status_code == 404
    first = client.get(NEWS)
    time.sleep(1.6)
    assert post.slug in slugs(client)
    assert client.get(detail).status_code == 200
    assert post.slug in client.get("/feed/news.xml").content.decode()
    # A client revalidating with the old ETag gets the new list, not a 304.
    assert client.get(NEWS, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_scheduled_project_reaches_the_resume_and_the_assistants_knowledge_on_time(
    client, seeded
):
    from chat_app.knowledge import knowledge_load

    project = Project.objects.create(
        title="Clockwork",
        description="Appears later.",
        publish_at=timezone.now() + datetime.timedelta(seconds=1.5),
    )
    resume = "/api/v1/resume/en"
    assert "Clockwork" not in client.get(resume).content.decode()
    assert "Clockwork" not in [p.title for p in knowledge_load(language="en").projects]
    time.sleep(1.6)
    assert "Clockwork" in client.get(resume).content.decode()
    assert str(project.pk) in [p.id for p in knowledge_load(language="en").projects]


def test_unpublishing_removes_an_item_at_once(client, seeded):
    post = BlogPost.objects.first()
    assert post.slug in slugs(client)
    post.status = "draft"
    post.save()
    assert post.slug not in slugs(client)


def test_a_tool_draft_leaves_the_directory_and_keeps_its_badge(client, seeded):
    tool = AITool.objects.get(name="Midjourney")
    tool.publish_status = "draft"
    tool.save()
    names = [t["name"] for t in client.get("/api/v1/tools/list").json()["data"]["items"]]
    assert "Midjourney" not in names
    assert AITool.objects.get(pk=tool.pk).status == tool.status


def test_saves_send_published_changed_and_unpublished_once_each(seeded, events):
    post = new_post(status="draft")
    assert events == []
    post.status = "published"
    post.save()
    post.title = "Edited"
    post.save()
    post.status = "draft"
    post.save()
    post.title = "Edited as a draft"
    post.save()
    pk = str(post.pk)
    assert events == [
        ("published", "posts", pk),
        ("changed", "posts", pk),
        ("unpublished", "posts", pk),
    ]


def test_deleting_a_visible_item_sends_unpublished(seeded, events):
    project = Project.objects.first()
    pk = str(project.pk)
    project.delete()
    assert events == [("unpublished", "projects", pk)]


def test_the_sweep_announces_a_scheduled_item_once_when_it_comes_due(seeded, events):
    post = new_post(publish_at=timezone.now() + datetime.timedelta(minutes=5))
    assert events == []
    assert publishing.publishing_sweep() == 0
    later = timezone.now() + datetime.timedelta(minutes=6)
    assert publishing.publishing_sweep(now=later) == 1
    assert publishing.publishing_sweep(now=later) == 0
    assert events == [("published", "posts", str(post.pk))]


def test_the_sweep_announces_items_hidden_without_a_save(seeded, events):
    tool = AITool.objects.first()
    AITool.objects.filter(pk=tool.pk).update(publish_status="draft")
    assert publishing.publishing_sweep() == 1
    assert events == [("unpublished", "tools", str(tool.pk))]
