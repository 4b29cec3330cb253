"""Find what a page would load from another host: the src/href of the HTML's
assets, and the url()/@import of the CSS and the fetches of the scripts it loads
from our static files. Used by the admin, docs and home page tests."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# Attributes that make a browser fetch something (an <a href> is a link, not an asset).
ASSET_IN_HTML = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed)\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)"
    r"|<link\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)",
    re.IGNORECASE,
)
ASSET_IN_CSS = re.compile(r"url\(\s*[\"']?([^\"')]+)|@import\s+[\"']([^\"']+)", re.IGNORECASE)
# What a script would fetch by itself: a module import, a loaded script or font,
# a stylesheet it adds.
EXTERNAL_IN_JS = re.compile(
    r"(?:import\s*\(?|importScripts\(|\.src\s*=|fetch\()\s*[\"'`]((?:https?:)?//[^\"'`]+)",
    re.IGNORECASE,
)
OWN_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}


def _external(url):
    if url.startswith(("data:", "blob:", "#", "about:")):
        return False
    return urlsplit(url).netloc.split(":")[0] not in OWN_HOSTS


def _static_file(url):
    path = urlsplit(url).path
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix):
        return None
    return finders.find(path[len(prefix) :])


def external_assets(html):
    found, seen = [], set()
    for match in ASSET_IN_HTML.finditer(html):
        url = match.group(1) or match.group(2)
        if _external(url):
            found.append(url)
        elif (local := _static_file(url)) and local not in seen:
            seen.add(local)
            found += [f"{url}: {hit}" for hit in _external_in_static(local)]
    return found


def _external_in_static(path):
    if path.endswith(".css"):
        with open(path, encoding="utf-8", errors="replace") as handle:
            urls = [a or b for a, b in ASSET_IN_CSS.findall(handle.read())]
        return [url for url in urls if _external(url)]
    if path.endswith(".js"):
        with open(path, encoding="utf-8", errors="replace") as handle:
            return EXTERNAL_IN_JS.findall(handle.read())
    return []
