"""A CV read as a CV: sections, and inside experience and education the entries.

The input is the parsed lines (cv_app/parsing.py) with what the layout says about
them: font size and weight for PDFs, the paragraph style for DOCX. Headings are
recognised by their words (a vocabulary of the headings CVs use, in English and
Spanish), by a DOCX heading style, by a font clearly larger than the body, or by
being a short line in capitals. Any other heading still opens a section, of kind
"other", so nothing the author headed is lost.

Inside experience, education, projects and volunteering, an entry is a title
block (title, organisation, place, dates, in whatever order and on one or more
lines) followed by its bullets or sentences. A new entry starts at a dated line
once the current entry has its dates, or at a title-like line after content.

The result is plain JSON (stored on the document, shown in the admin):
{"name": str, "sections": [{"kind", "heading", "page", "lines": [{"text", "page"}],
"entries": [{"title", "organisation", "place", "dates", "start", "end", "current",
"header", "bullets", "page", "lines"}]}]}
"""

import re
from collections import Counter
from dataclasses import replace

SECTION_VOCABULARY = {
    "summary": "summary|profile|professional summary|professional profile|about|about me|"
    "objective|career objective|personal statement|overview|introduction|perfil|"
    "perfil profesional|resumen|resumen profesional|sobre mí|acerca de mí|objetivo",
    "experience": "experience|work experience|professional experience|employment|"
    "employment history|work history|career|career history|relevant experience|"
    "professional background|positions|experiencia|experiencia laboral|"
    "experiencia profesional|trayectoria|trayectoria profesional|historial laboral",
    "education": "education|academic background|academic history|training|qualifications|"
    "academic qualifications|studies|education and training|formación|"
    "formación académica|educación|estudios|titulación",
    "skills": "skills|software|technical skills|core skills|key skills|skill set|skillset|"
    "competencies|core competencies|expertise|toolbox|tech stack|technologies|tools|"
    "programming languages|frameworks|technical expertise|habilidades|competencias|"
    "conocimientos|aptitudes|herramientas|tecnologías",
    "certifications": "certifications|certificates|certification|licenses|licences|"
    "licenses and certifications|accreditations|courses|certificaciones|certificados|cursos",
    "languages": "languages|spoken languages|language skills|idiomas|lenguas",
    "projects": "projects|side projects|personal projects|selected projects|key projects|"
    "open source|open-source|portfolio|proyectos|proyectos personales",
    "interests": "interests|hobbies|hobbies and interests|personal interests|"
    "outside work|pastimes|intereses|aficiones|pasatiempos",
    "awards": "awards|honours|honors|awards and honours|awards and honors|achievements|"
    "distinctions|premios|logros|reconocimientos",
    "publications": "publications|papers|talks|publications and talks|publicaciones",
    "volunteering": "volunteering|volunteer|volunteer experience|volunteer work|community|"
    "voluntariado",
    "contact": "contact|contact details|contact information|personal details|"
    "personal information|contacto|datos personales",
    "references": "references|referees|referencias",
}
HEADING_KINDS = {
    phrase: kind for kind, phrases in SECTION_VOCABULARY.items() for phrase in phrases.split("|")
}
ENTRY_KINDS = frozenset({"experience", "education", "projects", "volunteering"})
LIST_KINDS = frozenset({"skills", "certifications", "languages", "interests", "awards"})

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|ene(?:ro)?|febrero|marzo|"
    r"abr(?:il)?|mayo|junio|julio|ago(?:sto)?|septiembre|octubre|noviembre|dic(?:iembre)?)"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH_ABBREVIATION = re.compile(_MONTH, re.IGNORECASE)
# "March 2021", "mar. 2021", "03/2021", "2021-03", "2021".
_POINT = (
    rf"(?:{_MONTH}\.?\s+(?:de\s+)?{_YEAR}|\d{{1,2}}[/.]{_YEAR}|{_YEAR}[-/.](?:0[1-9]|1[0-2])(?!\d)|"
    rf"{_YEAR})"
)
_PRESENT = r"(?:present|now|current(?:ly)?|today|date|ongoing|actualidad|presente|hoy|la fecha)"
_RANGE_SEP = r"\s*(?:[-\u2010-\u2015]|to|until|till|through|a|al|hasta)\s*"
DATE_RANGE = re.compile(
    rf"(?<![\w/.])(?P<start>{_POINT}){_RANGE_SEP}(?P<end>{_POINT}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
DATE_SINCE = re.compile(
    rf"(?<!\w)(?:since|from|desde)\s+(?P<start>{_POINT})(?![\w/])", re.IGNORECASE
)
DATE_SINGLE = re.compile(rf"(?<![\w/.,])(?P<start>{_POINT})(?![\w/]|,\d)", re.IGNORECASE)
_YEAR_IN = re.compile(_YEAR)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan ene",
            "feb",
            "mar",
            "apr abr",
            "may",
            "jun",
            "jul",
            "aug ago",
            "sep",
            "oct",
            "nov",
            "dec dic",
        ],
        start=1,
    )
    for name in names.split()
}
PRESENT_YEAR = 9999

_BULLET = re.compile(r"^\s*[•▪◦●■\-*\u2013\u2014·►▸‣\u2043✓✔➢>]+\s*")
_TERMINAL = (".", "!", "?", ";")
# A date this far into a sentence belongs to its title block ("Engineer at X, 2019-2021."),
# not to a sentence that happens to mention a year.
DATE_IN_TITLE_CHARS = 90
TITLE_MAX_WORDS = 14
HEADING_MAX_WORDS = 5
LARGER_FONT = 1.18

ROLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|analyst|scientist|lead|head|director|"
    r"intern|internship|consultant|designer|architect|specialist|researcher|assistant|"
    r"associate|officer|coordinator|administrator|technician|teacher|lecturer|professor|"
    r"founder|co-founder|cto|ceo|vp|president|owner|editor|writer|nurse|accountant|"
    r"advisor|adviser|strategist|marketer|executive|representative|trainee|apprentice|"
    r"fellow|tutor|mentor|volunteer|ingeniero|ingeniera|desarrollador|desarrolladora|"
    r"jefe|jefa|analista|gerente|director|directora|becario|becaria|consultor|consultora)\b",
    re.IGNORECASE,
)
DEGREE_WORDS = re.compile(
    r"\b(bachelor'?s?|master'?s?|b\.?sc|m\.?sc|b\.?a|m\.?a|b\.?eng|m\.?eng|b\.?s|m\.?s|"
    r"mba|ph\.?d|doctorate|doctor|diploma|degree|certificate|associate|licentiate|"
    r"a-levels?|baccalaureate|high school|gcse|hnd|grado|licenciatura|máster|master|"
    r"doctorado|bachillerato|ingeniería|ingenieria)\b",
    re.IGNORECASE,
)
ORG_WORDS = re.compile(
    r"\b(university|universidad|universitat|college|school|institute|instituto|academy|"
    r"polytechnic|politécnica|inc|ltd|llc|gmbh|plc|corp|corporation|company|group|"
    r"labs?|technologies|solutions|systems|bank|agency|studio|foundation|ag|sa|sl|s\.l\.)\b",
    re.IGNORECASE,
)


def normalise_heading(text: str) -> str:
    text = _BULLET.sub("", text or "").strip().rstrip(":").strip()
    return re.sub(r"\s+", " ", text).lower()


def heading_kind(text: str) -> str | None:
    """The section kind a heading names, None when it is not one CVs use."""
    key = normalise_heading(text)
    if not key or len(key.split()) > HEADING_MAX_WORDS + 1:
        return None
    if key in HEADING_KINDS:
        return HEADING_KINDS[key]
    parts = [p.strip() for p in re.split(r"\s*(?:&|\band\b|\by\b|/|,|\+)\s*", key) if p.strip()]
    kinds = [HEADING_KINDS.get(part) for part in parts]
    if parts and all(kinds):
        return kinds[0]
    return None


def find_dates(text: str):
    """The first date range ("Jan 2019 - Present", "2016 to now", "since 2019") or
    single date in the text, as a match, else None."""
    for pattern in (DATE_RANGE, DATE_SINCE, DATE_SINGLE):
        match = pattern.search(text or "")
        if match:
            return match
    return None


def _point(text: str) -> tuple[int, int]:
    year = int(_YEAR_IN.search(text).group(0))
    month_word = re.match(r"[a-zá-ú]+", text.lower())
    month = _MONTHS.get(month_word.group(0)[:3], 0) if month_word else 0
    numeric = re.match(r"(\d{1,2})[/.]", text) or re.search(r"\d{4}[-/.](\d{2})$", text)
    if numeric:
        month = int(numeric.group(1))
    return year, month


def date_span(match) -> tuple[list[int], list[int], bool]:
    """([year, month] start, [year, month] end, current) of a find_dates match."""
    start = list(_point(match.group("start")))
    groups = match.groupdict()
    end_text = groups.get("end")
    if end_text is None:
        current = match.re is DATE_SINCE
        end = [PRESENT_YEAR, 0] if current else start
        return start, end, current
    if _YEAR_IN.search(end_text):
        return start, list(_point(end_text)), False
    return start, [PRESENT_YEAR, 0], True


def is_date_text(text: str) -> bool:
    """A line that is (nearly) only a date: a dates column, a dates line."""
    match = find_dates(text)
    if match is None:
        return False
    rest = re.sub(r"[\W_]+", " ", (text[: match.start()] + text[match.end() :])).split()
    return len(rest) <= 1


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text)) and not is_date_text(text)


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip() if is_bullet(text) else text.strip()


def _is_title_like(text: str) -> bool:
    return (
        not is_bullet(text)
        and not text.rstrip().endswith(_TERMINAL)
        and len(text.split()) <= TITLE_MAX_WORDS
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9•])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a line, not split after an abbreviation or initial ("B.Sc.",
    "Inc.", "St.") so a degree or a company name stays whole."""
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        word = before[-1] if before else ""
        core = word.rstrip(".!?")
        if word.endswith(".") and (("." in core) or (len(core) <= 3 and not core.isdigit())):
            continue
        if word.endswith(".") and _MONTH_ABBREVIATION.fullmatch(core):
            continue  # "sept. 2023 - actualidad": a date, not a sentence's end
        pieces.append(text[start : match.start()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


# Words a sentence does not end on: a line ending with one was wrapped by the layout
# ("... increased conversion by" / "12 %").
_DANGLING = frozenset(
    """a an the of to in on at by for from with and or than as into over per via its their
    his her our that which who whose de del la el los las un una y o en con por para a al
    que su sus sobre entre hasta desde como e u""".split()
)
_DASHES = ("\u2013", "\u2014", " -")
_HYPHEN_END = re.compile(r"[^\W\d_][-\u2010]$")


def _ends_sentence(text: str) -> bool:
    return text.endswith((*_TERMINAL, ":"))


def _stands_alone(text: str) -> bool:
    """A line that opens something of its own: a bullet, or a dates line."""
    return is_bullet(text) or is_date_text(text)


def _dangles(before: str) -> bool:
    """The line stops where no sentence or item ends: on a function word, a
    hyphenated word, a dash, or inside parentheses ("Scrum Master I (PSM" / "I), 2017")."""
    last = before.split()[-1].lower() if before.split() else ""
    return (
        last in _DANGLING
        or bool(_HYPHEN_END.search(before))
        or before.endswith((*_DASHES, "&", "/"))
        or before.count("(") > before.count(")")
    )


def _open_parenthesis(text: str) -> bool:
    return text.count("(") > text.count(")")


def _runs_full_width(previous: dict, text: str) -> bool:
    # The last line as laid out, not what was joined to it so far.
    before = previous.get("tail", previous["text"])
    return (
        len(before) >= 0.9 * previous.get("widest", 0)
        and len(before) > 40
        and (not find_dates(text) or bool(_ITEM_YEAR.match(text)))
        and not _ENDS_WITH_YEAR.search(before)
    )


# The end of a listed item that wrapped, its year last ("Summit, 2016"): words, then
# the year, no other date.
_ITEM_YEAR = re.compile(r"^[^\W\d][^\d]*,\s*(?:19|20)\d\d\.?$")


def _continues(previous: dict, text: str) -> bool:
    """Whether `text` carries on the sentence of the line before it."""
    before = previous["text"]
    if _ends_sentence(before) or is_bullet(text):
        return False
    if before.endswith(",") or _dangles(before):
        return (
            not is_date_text(text) or before.endswith((",", *_DASHES)) or _open_parenthesis(before)
        )
    if _wraps_in_a_narrow_column(previous, text):
        return True
    if is_date_text(text):
        # "Summit, 2016" under a line that ran the full width ends that item.
        return bool(_ITEM_YEAR.match(text)) and _runs_full_width(previous, text)
    return text[:1].islower() or _runs_full_width(previous, text)


NARROW_COLUMN_CHARS = 48
_ENDS_WITH_YEAR = re.compile(r"\b(?:19|20)\d\d\W*$")


def _wraps_in_a_narrow_column(previous: dict, text: str) -> bool:
    """In a sidebar a long dated item wraps early ("Google Cloud Professional Data" /
    "Engineer, 2019"): the line nearly fills the column, and the item's year is on
    the next line, which ends it."""
    before = previous.get("tail", previous["text"])
    widest = previous.get("widest", 0)
    starts_with_date = (match := find_dates(text)) is not None and match.start() == 0
    return (
        0 < widest <= NARROW_COLUMN_CHARS
        and len(before) >= 0.7 * widest
        and not _ENDS_WITH_YEAR.search(before)
        and bool(_ENDS_WITH_YEAR.search(text))
        and not find_dates(before)
        and not starts_with_date
        and not _CONTACT_LIKE.search(text + before)
    )


_CONTACT_LIKE = re.compile(r"@|https?://|www\.|\.(?:com|dev|net|org|io)\b|\+?\d[\d ]{6,}")


def _joined(before: str, text: str) -> str:
    # A word hyphenated at the end of a line ("desarro-" / "llo") is one word again.
    if _HYPHEN_END.search(before) and text[:1].islower():
        return f"{before[:-1]}{text}"
    return f"{before} {text}"


def _reflow(lines: list[dict]) -> list[dict]:
    """Lines re-joined where the layout wrapped them: the line does not end a
    sentence and the next one continues it (in lower case, after a comma or a word
    no sentence ends on, or after a line that runs the full width of its block),
    and is not a bullet or a dates line of its own. Hyphenation is undone."""
    joined: list[dict] = []
    for line in lines:
        text = line["text"]
        previous = joined[-1] if joined else None
        if previous is not None and line.get("wrap", True) and _continues(previous, text):
            previous["text"] = _joined(previous["text"], text)
            previous["tail"] = text
            continue
        joined.append(dict(line))
    for line in joined:
        line.pop("widest", None)
        line.pop("tail", None)
    return joined


def _body_size(lines) -> float:
    sizes = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


_INLINE_LABEL = re.compile(
    r"^(?P<label>[A-Za-zÁÉÍÓÚáéíóúñÑ][\w &/'-]{1,40}?)\s*:\s+(?P<rest>\S.*)$"
)


def _name_position(lines, body_size) -> int:
    """Where the person's name is: the largest short line of page 1 when its font is
    clearly larger than the body (a sidebar may come first), else the first line."""
    candidates = [
        (line.size, -position)
        for position, line in enumerate(lines)
        if line.page == 1
        and 1 < len(line.text.split()) <= 5
        and not re.search(r"\d|@", line.text)
        and not heading_kind(line.text)
    ]
    if body_size and candidates:
        size, position = max(candidates)
        if size >= body_size * 1.3:
            return -position
    return 0


def _heading_of(line, *, body_size, section_level, first) -> str | None:
    """The kind of section a line opens ("other" for an unknown heading), else None."""
    text = line.text.strip()
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS + 1 or find_dates(text):
        return None
    kind = heading_kind(text)
    if kind:
        return kind
    if first or text.endswith((*_TERMINAL, ",")) or is_bullet(text) or "@" in text:
        return None
    if len(words) > HEADING_MAX_WORDS:
        return None
    letters = [c for c in text if c.isalpha()]
    if line.heading_level:
        return "other" if line.heading_level <= section_level else None
    larger = body_size and line.size >= body_size * LARGER_FONT and len(words) <= 4
    # Capitals alone ("SAP HANA" in a skills list) are not a heading where the layout
    # could have said so (a PDF with sizes): there it takes bold or a larger font too.
    capitals = (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and len(words) <= 4
        and (line.bold or larger or not line.size)
    )
    if (capitals or larger) and not re.search(r"\d|\|", text):
        return "other"
    return None


def _main_columns(lines):
    """A function that files a line of a one-column page under the main column of
    the last page that had two: a sidebar only on page 1 must not take in the
    entries that carry on over page 2."""
    chars: dict[int, Counter] = {}
    for line in lines:
        chars.setdefault(line.page, Counter())[line.column] += len(line.text)
    main: dict[int, int] = {}
    last_main = 0
    for page in sorted(chars):
        if len(chars[page]) > 1:
            last_main = chars[page].most_common(1)[0][0]
            main[page] = -1
        else:
            main[page] = last_main

    def refile(line):
        column = main.get(line.page, -1)
        if column < 0 or column == line.column:
            return line
        return replace(line, column=column)

    return refile


def build_structure(lines) -> dict:
    """The sections and entries of a CV from its parsed lines (cv_app.parsing.Line)."""
    lines = [line for line in lines if line.text.strip()]
    lines = list(map(_main_columns(lines), lines))
    body_size = _body_size(lines)
    vocab_levels = [
        line.heading_level for line in lines if line.heading_level and heading_kind(line.text)
    ]
    section_level = min(vocab_levels) if vocab_levels else 1
    name_at = _name_position(lines, body_size)
    name = ""
    sections: list[dict] = [{"kind": "header", "heading": "", "page": 1, "lines": []}]
    widest: dict[tuple, int] = {}
    for line in lines:
        key = (line.page, line.column)
        widest[key] = max(widest.get(key, 0), len(line.text))
    # Each column continues its own section: a sidebar read first must not swallow
    # the main column's entries that carry on from the previous page.
    current = {0: sections[0]}
    for position, line in enumerate(lines):
        first = position == name_at
        kind = _heading_of(line, body_size=body_size, section_level=section_level, first=first)
        if first and not kind and len(line.text.split()) <= 5 and not find_dates(line.text):
            # The name opens the CV's header even when a sidebar was read before it.
            name = line.text.strip()
            sections[0]["lines"].append({"text": name, "page": line.page, "widest": 0})
            continue
        if kind:
            heading = line.text.strip().rstrip(":")
            sections.append({"kind": kind, "heading": heading, "page": line.page, "lines": []})
            current[line.column] = sections[-1]
            continue
        # A column with no heading yet (the main column beside a sidebar) opens with
        # the header: the name and the title under it.
        target = current.get(line.column) or sections[0]
        target["lines"].append(
            {
                "text": line.text.strip(),
                "page": line.page,
                "widest": widest[(line.page, line.column)],
            }
        )
    for section in sections:
        section["lines"] = _reflow(section["lines"])
    sections = [part for section in sections for part in _split_inline_labels(section)]
    for section in sections:
        if section["lines"] and not section["heading"]:
            section["page"] = section["lines"][0]["page"]
        section["entries"] = _entries(section) if section["kind"] in ENTRY_KINDS else []
    sections = [s for s in sections if s["lines"] or s["entries"]]
    return {"name": name, "sections": sections}


def _split_inline_labels(section) -> list[dict]:
    """ "Hobbies: chess, running" inside another section is a section of its own;
    inside a skills section, "Frameworks: Django" stays a line of it."""
    if section["kind"] in ("skills", "certifications", "languages"):
        return [section]
    parts = [{**section, "lines": []}]
    for line in section["lines"]:
        match = _INLINE_LABEL.match(line["text"])
        kind = heading_kind(match.group("label")) if match else None
        if kind == "skills" and section["kind"] in ENTRY_KINDS:
            kind = None  # "Technologies: Django and React" under a project or a job is its own
        if kind and kind != section["kind"]:
            parts.append(
                {
                    "kind": kind,
                    "heading": match.group("label").strip(),
                    "page": line["page"],
                    "lines": [line],
                    "inline": True,
                }
            )
            # What follows the labelled line belongs to the enclosing section again.
            parts.append({**section, "lines": [], "continued": True})
        else:
            parts[-1]["lines"].append(line)
    return [p for p in parts if p["lines"]]


def _units(lines) -> list[dict]:
    """Bullets whole, other lines in sentences, each with its page."""
    units = []
    for line in lines:
        if is_bullet(line["text"]):
            units.append({"text": strip_bullet(line["text"]), "page": line["page"], "bullet": True})
            continue
        for sentence in split_sentences(line["text"]):
            units.append({"text": sentence, "page": line["page"], "bullet": False})
    return units


def _entries(section) -> list[dict]:
    entries: list[list[dict]] = []
    dated: list[bool] = []
    for unit in _units(section["lines"]):
        text = unit["text"]
        match = None if unit["bullet"] else find_dates(text)
        starts_title = match is not None and match.start() <= DATE_IN_TITLE_CHARS
        if starts_title:
            if not entries or dated[-1]:
                pulled = _trailing_titles(entries[-1]) if entries else []
                entries.append([*pulled, unit])
                dated.append(True)
            else:
                entries[-1].append(unit)
                dated[-1] = True
            continue
        after_content = entries and entries[-1] and _is_content(entries[-1][-1], entries[-1])
        if not entries or (after_content and _is_title_like(text) and not unit["bullet"]):
            entries.append([unit])
            dated.append(False)
        else:
            entries[-1].append(unit)
    return [_entry(units, section["kind"]) for units in entries if units]


def _is_content(unit, entry) -> bool:
    """A bullet or a full sentence after the title block: what ends an entry."""
    if unit is entry[0]:
        return False
    return unit["bullet"] or not _is_title_like(unit["text"])


def _trailing_titles(units) -> list[dict]:
    """Title-like lines at the end of the previous entry, after its content: they are
    the title block of the entry whose dates come next."""
    pulled = []
    while len(units) > 2 and len(pulled) < 2:
        last = units[-1]
        if last["bullet"] or not _is_title_like(last["text"]) or find_dates(last["text"]):
            break
        if not _is_content(units[-2], units) and not find_dates(units[-2]["text"]):
            break
        pulled.insert(0, units.pop())
    return pulled


_SEPARATORS = re.compile(r"\s+(?:at|en|@|[-\u2013\u2014|·•])\s+|\s*[|,;·]\s*|\s*[()]\s*")


def _entry(units, kind) -> dict:
    header_units = []
    for unit in units:
        if unit["bullet"] or (
            header_units and not _is_title_like(unit["text"]) and not find_dates(unit["text"])
        ):
            break
        header_units.append(unit)
        if len(header_units) >= 3:
            break
    if not header_units:
        header_units = units[:1]
    header = " | ".join(u["text"] for u in header_units)
    match = find_dates(header)
    dates, start, end, current = "", None, None, False
    rest = header
    if match:
        dates = match.group(0).strip()
        start, end, current = date_span(match)
        rest = header[: match.start()] + " | " + header[match.end() :]
    # A title block ends at a colon that introduces a description.
    rest = rest.split(": ")[0]
    parts = [p.strip(" .:-") for p in _SEPARATORS.split(rest) if p and p.strip(" .:-")]
    title, organisation, place = _roles(parts, kind, rest)
    body = [u for u in units if u not in header_units]
    return {
        "title": title,
        "organisation": organisation,
        "place": place,
        "dates": dates,
        "start": start,
        "end": end,
        "current": current,
        "header": header,
        "bullets": [u["text"] for u in body],
        "page": units[0]["page"],
        "lines": [{"text": u["text"], "page": u["page"]} for u in units],
    }


def _roles(parts, kind, text) -> tuple[str, str, str]:
    """(title, organisation, place) from the pieces of a title block."""
    if not parts:
        return "", "", ""
    at = re.search(r"^(?P<title>.+?)\s+(?:at|en|@)\s+(?P<org>[^,|(]+)", text)
    if at:
        title, organisation = at.group("title").strip(" ,"), at.group("org").strip(" .,")
        others = [p for p in parts if p not in (title, organisation) and p not in title]
        return title, organisation, others[0] if others else ""
    marker = DEGREE_WORDS if kind == "education" else ROLE_WORDS
    title = next((p for p in parts if marker.search(p)), "")
    organisation = next((p for p in parts if p != title and ORG_WORDS.search(p)), "")
    # Names are capitalised; "earned in", "graduated with distinction" are not parts of one.
    remaining = [p for p in parts if p not in (title, organisation) and p[:1].isupper()]
    if not title and parts[0] != organisation:
        title = parts[0]
        remaining = [p for p in remaining if p != title]
    if not organisation and remaining:
        organisation = remaining.pop(0)
    return title, organisation, ", ".join(remaining[:2])
