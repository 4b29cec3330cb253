import datetime

import pytest

from blog_app.markdown import estimate_read_time, render_markdown
from blog_app.models import BlogPost

pytestmark = pytest.mark.django_db


def make_post(**fields):
    defaults = {
        "title": "A title",
        "excerpt": "An excerpt.",
        "content": "Some *Markdown*.",
        "category": BlogPost.Category.TECHNOLOGY,
        "published": datetime.date(2024, 3, 1),
    }
    return BlogPost.objects.create(**{**defaults, **fields})


def test_markdown_is_rendered_to_html_on_save():
    post = make_post(content="## Heading\n\n- one\n- two\n\n**bold**")
    assert "<h2" in post.content_html
    assert "<li>one</li>" in post.content_html
    assert "<strong>bold</strong>" in post.content_html


def test_scripts_and_event_handlers_are_stripped_from_the_html():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n'
        "[click](javascript:alert(3))"
    )
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_links_are_kept_and_marked_nofollow():
    html = render_markdown("[site](https://example.com)")
    assert 'href="https://example.com"' in html
    assert "nofollow" in html


def test_read_time_is_computed_from_the_word_count_when_left_blank():
    post = make_post(content="word " * 650, read_time="")
    assert post.read_time_display == "4 min read"
    assert estimate_read_time("") == "1 min read"


def test_an_explicit_read_time_is_kept():
    assert make_post(read_time="9 min read").read_time_display == "9 min read"


def test_slug_is_made_from_the_title_and_kept_unique():
    first = make_post(title="Same Title: Here")
    second = make_post(title="Same Title: Here")
    assert first.slug == "same-title-here"
    assert second.slug == "same-title-here-2"


def test_a_post_titled_list_does_not_shadow_the_list_endpoint():
    assert make_post(title="List").slug == "list-post"
