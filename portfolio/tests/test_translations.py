"""The Spanish catalog (locale/es): committed compiled, in step with its source, and
complete for the page at `/`, whose every string, its script's included, reads in
the visitor's language."""

import html
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
HOME_SOURCES = ("templates/home/", "portfolio/home.py")


def messages(catalog):
    return {
        (e.msgctxt, e.msgid): (e.msgstr, dict(sorted(e.msgstr_plural.items())))
        for e in catalog
        if not e.obsolete and e.msgid
    }


def test_the_committed_mo_is_the_compiled_po():
    source = polib.pofile(str(CATALOG))
    compiled = polib.mofile(str(CATALOG.with_suffix(".mo")))
    assert messages(compiled) == messages(source)
    assert compiled.metadata["Plural-Forms"] == source.metadata["Plural-Forms"]


def test_every_message_of_the_catalog_is_translated():
    catalog = polib.pofile(str(CATALOG))
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []


def test_compiling_the_catalog_needs_only_python(tmp_path, settings):
    locale = tmp_path / "es" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "django.po").write_bytes(CATALOG.read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    call_command("compile_catalog", stdout=None)
    assert (locale / "django.mo").read_bytes() == CATALOG.with_suffix(".mo").read_bytes()


def test_pending_spanish_is_folded_into_the_catalog(tmp_path, settings):
    locale = tmp_path / "locale" / "es" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "django.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n')
    (tmp_path / "locale_pending").mkdir()
    (tmp_path / "locale_pending" / "dev.po").write_text('msgid "Hello"\nmsgstr "Hola"\n')
    settings.BASE_DIR, settings.LOCALE_PATHS = tmp_path, [tmp_path / "locale"]
    call_command("compile_catalog", stdout=None)
    assert polib.mofile(str(locale / "django.mo")).find("Hello").msgstr == "Hola"


def home_entries():
    """The catalog's entries that the page at `/` (or its script) shows."""
    return [
        e
        for e in polib.pofile(str(CATALOG))
        if any(place.startswith(HOME_SOURCES) for place, _line in e.occurrences)
    ]


def script_values(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from script_values(item)
    else:
        yield value


@pytest.mark.django_db
def test_the_home_page_in_spanish_shows_no_english_ui_string(client, seeded):
    page = client.get("/?lang=es").content.decode()
    script = json.loads(re.search(r'id="home-ui"[^>]*>(.*?)</script>', page, re.S).group(1))
    visible = html.unescape(re.sub(r'<script id="home-ui".*?</script>', "", page, flags=re.S))
    texts = set(script_values(script))
    shown = [e for e in home_entries() if e.msgid != e.msgstr]
    assert len(shown) > 40
    for entry in shown:
        english = entry.msgid
        assert f">{english}<" not in visible and f'"{english}"' not in visible, english
        assert english not in texts, english
    for spanish in ("Pregunta al asistente", "Últimos artículos", "Pregunta a mi CV",
                    "¿Dónde trabajó antes?", "Preguntar", "Herramientas de IA"):  # fmt: skip
        assert spanish in visible, spanish
    assert script["unreachable"] == "No se puede contactar con el asistente."
    assert script["source_types"]["project"] == "proyecto"


@pytest.mark.django_db
def test_the_home_page_in_english_is_unchanged(client, seeded):
    page = client.get("/?lang=en").content.decode()
    for english in ("Ask the assistant", "Latest posts", "Ask my CV", "Where did he work before?"):
        assert english in page
