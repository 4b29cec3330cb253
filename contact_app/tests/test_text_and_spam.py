import pytest

from contact_app.spam import spam_reason
from contact_app.text import strip_html


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("<b>Hi</b> there", "Hi there"),
        ("<script>alert(1)</script>Hello", "Hello"),
        ("<style>p{color:red}</style>Hello", "Hello"),
        ('<img src=x onerror="alert(1)">Hello', "Hello"),
        ('<a href="https://x.test">my site</a>', "my site"),
        ("<p>one</p><p>two</p>", "one\ntwo"),
        ("line<br>break", "line\nbreak"),
        ("a<!-- hidden -->b", "ab"),
        # Markup rebuilt from the pieces of other markup is stripped too.
        ("<<b>script>alert(1)<</b>/script>", ""),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        # Plain text that merely contains "<" is kept whole.
        ("if x<y then z", "if x<y then z"),
        ("a < b && c > d", "a < b && c > d"),
        ("mail me at <jane@example.com>", "mail me at <jane@example.com>"),
        ("use List<String> here", "use List<String> here"),
        ("I <3 your work", "I <3 your work"),
        ("  padded\r\nlines  ", "padded\nlines"),
    ],
)
def test_html_is_stripped_and_plain_text_kept(raw, stored):
    assert strip_html(raw) == stored


@pytest.mark.parametrize(
    "message",
    [
        "Visit http://a.test http://b.test http://c.test now",
        "Links: www.a.test, www.b.test and [url=http://c.test]c[/url]",
        "Cheap VIAGRA delivered",
        "We can get you backlinks from high authority sites.",
        "Get your site on the first page of Google today.",
    ],
)
def test_spammy_messages_are_flagged(message):
    assert spam_reason(name="Someone", message=message)


def test_a_link_in_the_name_is_spam():
    assert spam_reason(name="Win at www.casino.test", message="A perfectly normal message.")


@pytest.mark.parametrize(
    "message",
    [
        "Hi Daniyal, I saw your FastAPI project on https://github.com/daniyal - can we talk?",
        "We are updating our platform and need a backend engineer. Interested?",
        "The role is remote and the team is in Berlin; see https://a.test and https://b.test.",
        "Your post on Celery retries was great; click the link in my signature for mine.",
    ],
)
def test_ordinary_messages_are_not_flagged(message):
    assert spam_reason(name="Jane Doe", message=message) == ""
