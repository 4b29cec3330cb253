"""HTML out of visitor text, without eating the plain text around it."""

import html
import re

import nh3

# Real HTML element names. A `<` that does not open one of these (or a comment)
# is plain text: "x<y", "<jane@example.com>", "List<String>" and "<3" survive,
# where an HTML parser would swallow everything after them.
_ELEMENT_NAMES = (
    "a abbr acronym address area article aside audio b base basefont bdi bdo big blink "
    "blockquote body br button canvas caption center cite code col colgroup data datalist "
    "dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font "
    "footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img "
    "input ins kbd label legend li link main map mark marquee math menu meta meter nav "
    "noembed noframes noscript object ol optgroup option output p param picture plaintext "
    "pre progress q rp rt ruby s samp script search section select slot small source span "
    "strike strong style sub summary sup svg table tbody td template textarea tfoot th "
    "thead time title tr track tt u ul var video wbr xmp"
)
_NOT_MARKUP = re.compile(
    r"<(?!/?(?:" + "|".join(_ELEMENT_NAMES.split()) + r")(?:[\s/][^<>]*)?>|!)", re.IGNORECASE
)
# Block boundaries become line breaks, so "<p>one</p><p>two</p>" stays two lines.
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote|pre)\s*>", re.IGNORECASE)
_MAX_PASSES = 5


def strip_html(value: str) -> str:
    """Plain text with HTML elements, comments, scripts and styles removed.

    Entities are decoded. Repeated until nothing changes, so markup hidden inside
    markup ("<<b>script>") does not come back out of the first pass.
    """
    text = _BREAK.sub("\n", value)
    for _ in range(_MAX_PASSES):
        cleaned = html.unescape(nh3.clean(_NOT_MARKUP.sub("&lt;", text), tags=set()))
        if cleaned == text:
            break
        text = cleaned
    return text.strip()
