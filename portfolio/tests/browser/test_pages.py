"""What a person sees in a browser: the home page with the assistant streaming,
the admin's login, translation tabs and Markdown preview. Every test also fails
if the page requested anything from another host (the `page` fixture)."""

from blog_app.markdown import render_markdown

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips (or, under CI, fails) saying why
    expect = None

MARKDOWN = "# Release notes\n\n**Bold** and a [link](https://example.com).\n\n<script>x()</script>"


def test_the_home_page_shows_the_owner_in_the_visitors_language(page):
    page.goto("/?lang=es")
    assert page.text_content("#owner-name") == "Daniyal"
    assert "Ingeniero de software" in page.text_content("#owner-title")
    assert page.locator("#posts li").count() >= 1
    assert page.locator("#tools li").count() >= 1
    for link in ("/api/docs/", "/admin/", "/api/v1/health"):
        assert page.locator(f'a[href="{link}"]').count() == 1


def test_the_assistant_streams_its_answer_into_the_page(page):
    page.goto("/")
    tokens = []
    page.on(
        "websocket",
        lambda socket: socket.on(
            "framereceived", lambda frame: tokens.append(frame) if '"token"' in frame else None
        ),
    )
    # Every text the answer shows on its way: more than one means it streamed.
    page.evaluate(
        """() => {
        window.seen = [];
        const answer = document.getElementById('chat-answer');
        new MutationObserver(() => window.seen.push(answer.textContent))
            .observe(answer, {childList: true, characterData: true, subtree: true});
    }"""
    )
    page.fill("#chat-form input", "Which projects has he built?")
    page.click("#chat-form button")
    page.wait_for_selector("#chat-sources li")
    seen = [text for text in page.evaluate("window.seen") if text]
    answer = page.text_content("#chat-answer")
    assert len(tokens) > 1
    assert len(set(seen)) > 2 and seen[0] != answer and answer.startswith(seen[0])
    assert "Interactive Chatbot" in answer
    assert "project: Interactive Chatbot" in page.text_content("#chat-sources")


def test_the_owner_logs_in_and_sees_the_dashboard_charts(admin_page):
    assert admin_page.locator("#dashboard canvas.chart").count() >= 2
    # Chart.js (Unfold's local copy) has drawn into the canvas.
    assert admin_page.evaluate("() => !!Chart.getChart(document.querySelector('canvas.chart'))")


def test_the_translation_tabs_switch_between_english_and_spanish(admin_page):
    admin_page.goto("/admin/content_app/project/")
    admin_page.click("#result_list tbody tr a >> nth=0")
    english, spanish = admin_page.locator("#id_title_en"), admin_page.locator("#id_title_es")
    tab = admin_page.locator(".ui-tabs-nav a", has_text="ES").first
    tab.wait_for()  # jQuery UI has built the tabs
    expect(english).to_be_visible()
    expect(spanish).to_be_hidden()
    tab.click()
    expect(spanish).to_be_visible()
    expect(english).to_be_hidden()
    assert spanish.input_value()


def test_the_markdown_editor_previews_with_the_apis_renderer(admin_page):
    admin_page.goto("/admin/blog_app/blogpost/add/")
    admin_page.fill("textarea[name=content]", MARKDOWN)
    preview = admin_page.locator(".markdownx-preview")
    preview.locator("h1").wait_for()
    assert preview.inner_html().strip() == render_markdown(MARKDOWN).strip()
    assert preview.locator("script").count() == 0


# --- Nothing from another host, page by page (the `page` fixture records every request) ---


def test_swagger_ui_renders_the_schema_from_our_own_files(page):
    page.goto("/api/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/tools/list").first.wait_for()
    page.wait_for_load_state("networkidle")


def test_redoc_renders_the_schema_and_fetches_nothing_from_another_host(page):
    page.goto("/api/redoc/")
    page.get_by_text("/api/v1/tools/list").first.wait_for()
    page.wait_for_load_state("networkidle")
    # ReDoc's sidebar credit links out, but its logo is our own static file.
    assert page.locator("img[src^='https://']").count() == 0
    assert page.locator("img[src*='/static/portfolio/api-docs-logo']").count() == 1


def test_the_admin_login_page_loads_only_our_own_files(page):
    page.goto("/admin/login/")
    page.locator("#login-form").wait_for()
    page.wait_for_load_state("networkidle")


def test_a_change_form_loads_only_our_own_files(admin_page):
    admin_page.goto("/admin/content_app/project/")
    admin_page.click("#result_list tbody tr a >> nth=0")
    admin_page.locator("#id_title_en").wait_for()
    admin_page.wait_for_load_state("networkidle")


def test_the_home_page_in_spanish_has_spanish_ui_and_script_texts(page):
    page.goto("/?lang=es")
    assert page.text_content("#chat h2") == "Pregunta al asistente"
    assert page.get_attribute("#cv-form input", "placeholder") == "¿Dónde trabajó antes?"
    assert page.text_content("#chat-form button") == "Preguntar"
    page.fill("#chat-form input", "¿Qué proyectos ha construido?")
    page.click("#chat-form button")
    page.wait_for_selector("#chat-sources li")
    assert page.text_content("#chat-meta").startswith("Respondido a las ")
    page.wait_for_load_state("networkidle")
