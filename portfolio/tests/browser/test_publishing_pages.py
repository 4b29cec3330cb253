"""Publishing in the admin, in a browser: schedule a post, preview a draft, restore a
revision. The server's PREVIEW_URL is its own API detail, so the preview opens there."""

import datetime
import json

import pytest

from portfolio.tests.browser.conftest import served_with_owner

__all__ = ["live_server_url"]


@pytest.fixture(scope="module")
def live_server_url(tmp_path_factory, chromium_path):
    # Relative: the preview opens on this server's API rather than a frontend.
    preview_url = "/api/v1/news/{slug}?preview={token}"
    with served_with_owner(
        tmp_path_factory.mktemp("publishing-server"), PREVIEW_URL=preview_url
    ) as url:
        yield url


def news_slugs(page):
    items = page.request.get("/api/v1/news/list").json()["data"]["items"]
    return [item["slug"] for item in items]


def add_post(page, title, *, status="published", publish_at=None):
    page.goto("/admin/blog_app/blogpost/add/")
    page.fill("input[name=title]", title)
    page.fill("textarea[name=excerpt]", "An excerpt.")
    page.fill("textarea[name=content]", "Some *content*.")
    page.select_option("select[name=category]", "Technology")
    page.select_option("select[name=status]", status)
    if publish_at is not None:
        page.fill("input[name=publish_at_0]", publish_at.strftime("%Y-%m-%d"))
        page.fill("input[name=publish_at_1]", publish_at.strftime("%H:%M:%S"))
    page.click("button[name=_save]")
    page.wait_for_url("**/admin/blog_app/blogpost/")


def test_a_post_scheduled_in_the_admin_waits_for_its_time(admin_page):
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
    add_post(admin_page, "Scheduled from the admin", publish_at=later)
    admin_page.goto("/admin/blog_app/blogpost/?visibility=scheduled")
    row = admin_page.locator("#result_list tbody tr", has_text="Scheduled from the admin")
    assert "Scheduled for" in row.inner_text()
    assert "scheduled-from-the-admin" not in news_slugs(admin_page)


def test_the_preview_button_opens_a_draft(admin_page):
    add_post(admin_page, "Draft to preview", status="draft")
    assert "draft-to-preview" not in news_slugs(admin_page)
    admin_page.click("#result_list tbody tr a:text('Draft to preview')")
    button = admin_page.locator("a[href$='/preview/']", has_text="Preview")
    admin_page.goto(button.get_attribute("href"))
    assert "/api/v1/news/draft-to-preview?preview=" in admin_page.url
    assert json.loads(admin_page.inner_text("pre"))["data"]["title"] == "Draft to preview"


def test_a_revision_is_restored_from_the_history(admin_page):
    add_post(admin_page, "First words")
    admin_page.click("#result_list tbody tr a:text('First words')")
    admin_page.fill("input[name=title]", "Second words")
    admin_page.click("button[name=_continue]")
    admin_page.wait_for_url("**/change/")
    admin_page.goto(admin_page.url.replace("/change/", "/history/"))
    # The oldest revision: the post as first saved.
    admin_page.locator("#change-history a[href*='/history/']").last.click()
    assert admin_page.input_value("input[name=title]") == "First words"
    admin_page.click("button[name=_save]")
    slug = "first-words"
    detail = admin_page.request.get(f"/api/v1/news/{slug}").json()["data"]
    assert detail["title"] == "First words"
