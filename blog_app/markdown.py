"""Markdown to HTML that is safe to drop into a page: rendered, then sanitised by nh3."""

import math
import re

import markdown as markdown_lib
import nh3

WORDS_PER_MINUTE = 200

_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
    "th": {"align"},
    "td": {"align"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}
_EXTENSIONS = ["extra", "sane_lists", "toc"]


def render_markdown(text: str) -> str:
    html = markdown_lib.markdown(text or "", extensions=_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def estimate_read_time(text: str) -> str:
    words = len(re.findall(r"\w+", text or ""))
    return f"{max(1, math.ceil(words / WORDS_PER_MINUTE))} min read"
