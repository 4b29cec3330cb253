"""The evaluation corpus: which seeds, layouts and languages make each split.

- `tuning`: 24 CVs (seeds 101-124). Change the answerer while looking at these.
- `tuning2`: 16 CVs (seeds 6001-6016) that, like the calibration and test
  splits, carry the held-out bullets and paraphrases: rules are tuned on these
  too, so the tuning side sees wordings the `tuning` split never holds.
- `tuning3`: 24 CVs (seeds 6101-6124), held-out bullets and paraphrases like
  `tuning2`: fresh CVs for round four, because the first two tuning splits had
  no failures left to learn from.
- `calibration`: 16 CVs (seeds 7101-7116), used only to fit the confidence
  (eval/calibrate.py) and choose its threshold. No rule was ever tuned while
  looking at them, so the calibrator learns how often answers are right on CVs
  nobody tuned for (fitted on the tuning split it learned "almost always").
  Like the test split they carry the held-out bullets and paraphrases. (The
  first calibration split, seeds 5001-5016, was dropped: rules were tuned on
  what it showed.)
- `test`: 16 CVs (seeds 9001-9016), frozen: report it, never tune on it.
- `hidden`: 4 CVs carrying text a reader cannot see (white on white, a 1-point
  font, outside the page box, a hidden DOCX run), reported apart.

Within a split the i-th CV gets layout i mod 6, a language alternating so every
layout comes in English and in Spanish, and every third one is long (5-7 jobs,
two or three pages, the first job on a later page than the current one).

Files are written once under var/eval/corpus/<hash of the generator's code>/
and read back on later runs; changing the generator writes a new folder.
Every expected fact is checked against the text the real parser extracts from
the page the renderer put it on (`unverified` lists what failed the check).
"""

import hashlib
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.cvgen import facts as facts_module
from eval.cvgen.layouts import HIDDEN_FACT, LAYOUTS, render
from eval.cvgen.questions import (
    Fact,
    Part,
    Question,
    build_questions,
    hidden_questions,
    judgement_questions,
)
from eval.cvgen.scoring import has_fact

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "var" / "eval" / "corpus"
TUNING_SEEDS = tuple(range(101, 125))
TUNING2_SEEDS = tuple(range(6001, 6017))
TUNING3_SEEDS = tuple(range(6101, 6125))
# Not 7001-7004: those are the hidden split's.
CALIBRATION_SEEDS = tuple(range(7101, 7117))
TEST_SEEDS = tuple(range(9001, 9017))
HIDDEN = (
    (7001, "pdf_single", "white"),
    (7002, "pdf_europass", "tiny"),
    (7003, "pdf_sidebar", "offpage"),
    (7004, "docx_headings", "docx"),
)
SPLITS = ("tuning", "tuning2", "tuning3", "calibration", "test", "hidden")
SEEDS = {
    "tuning": TUNING_SEEDS,
    "tuning2": TUNING2_SEEDS,
    "tuning3": TUNING3_SEEDS,
    "calibration": CALIBRATION_SEEDS,
    "test": TEST_SEEDS,
}


@dataclass
class GeneratedCV:
    split: str
    seed: int
    layout: str
    lang: str
    long: bool
    hidden: str
    filename: str
    path: str
    name: str
    # Text of every page as the real parser extracts it.
    page_texts: list[str]
    pages: dict[str, int]
    questions: list[Question]
    unverified: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        extra = f", hidden: {self.hidden}" if self.hidden else ""
        size = ", long" if self.long else ""
        return f"{self.filename} ({self.layout}, {self.lang}{size}{extra})"

    def data(self) -> bytes:
        return Path(self.path).read_bytes()


def plan(split: str) -> list[tuple[int, str, str, bool, str]]:
    """[(seed, layout, document language, long, hidden technique)] of a split."""
    if split == "hidden":
        return [(seed, layout, ("en", "es")[i % 2], False, how)
                for i, (seed, layout, how) in enumerate(HIDDEN)]  # fmt: skip
    seeds = SEEDS[split]
    return [
        (seed, LAYOUTS[i % 6], ("en", "es")[(i + i // 6) % 2], (i + i // 6) % 3 == 0, "")
        for i, seed in enumerate(seeds)
    ]


def _page_text_check(text: str) -> str:
    """A page's extracted text with line-end hyphens undone and lines joined."""
    import re

    return re.sub(r"(\w)-\n(\w)", r"\1\2", text).replace("\n", " ")


def generate_cv(split, seed, layout, lang, long, hidden, folder: Path) -> GeneratedCV:
    from cv_app.parsing import parse_document

    heldout = split != "tuning"
    cv = facts_module.generate(seed, lang=lang, long=long, heldout=heldout)
    data, pages, extension = render(cv, layout, long=long, hidden=hidden or None)
    slug = cv.name.split()[0].lower().translate(str.maketrans("áéíóúñ", "aeioun"))
    filename = f"{seed}_{slug}_{layout}_{lang}.{extension}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_bytes(data)
    page_texts = parse_document(data).pages
    rng = random.Random(seed * 7919)
    questions = build_questions(cv, rng, heldout=heldout)
    if hidden:
        questions += hidden_questions(cv, rng)
    # Their own stream, appended last: adding them changed no earlier question.
    questions += judgement_questions(cv, random.Random(f"judgement-{seed}"), heldout=heldout)
    unverified = []
    checked = [_page_text_check(text) for text in page_texts]
    for question in questions:
        for part in question.parts:
            part.page = pages.get(part.key, 0)
            if part.anywhere:
                part.accepted = [
                    n for n, text in enumerate(checked, 1)
                    if all(has_fact(text, fact) for fact in part.facts)
                ]  # fmt: skip
            text = checked[part.page - 1] if part.page else ""
            for fact in part.facts:
                if not has_fact(text, fact):
                    unverified.append(f"{question.text} -> {fact.describe()} on page {part.page}")
    if hidden and HIDDEN_FACT not in raw_text(data):
        unverified.append("the hidden text is not in the file")
    return GeneratedCV(
        split, seed, layout, lang, long, hidden, filename, str(path), cv.name, page_texts,
        pages, questions, unverified,
    )  # fmt: skip


def raw_text(data: bytes) -> str:
    """Every string the file holds, seen or not (pypdf's plain extraction, every DOCX
    run): what a reader of the page may not see is still here."""
    import io

    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _version() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def _fact(item) -> Fact:
    value = item["value"]
    return Fact(
        item["kind"], tuple(value) if isinstance(value, list) else value, tuple(item["forms"])
    )


def _from_json(item) -> GeneratedCV:
    questions = [
        Question(
            q["text"], q["lang"], q["group"], q["template"],
            [Part([_fact(f) for f in p["facts"]], p["key"], p["page"], p["anywhere"], p["accepted"])
             for p in q["parts"]],
        )
        for q in item.pop("questions")
    ]  # fmt: skip
    return GeneratedCV(**item, questions=questions)


def load_split(split: str, *, cache: Path = CACHE) -> list[GeneratedCV]:
    """The split's CVs, generated into the cache folder when missing."""
    folder = cache / _version() / split
    manifest = folder / "manifest.json"
    if manifest.exists():
        items = json.loads(manifest.read_text())
        if all(Path(item["path"]).exists() for item in items):
            return [_from_json(item) for item in items]
    folder.mkdir(parents=True, exist_ok=True)
    cvs = [generate_cv(split, *row, folder) for row in plan(split)]
    manifest.write_text(json.dumps([asdict(cv) for cv in cvs], ensure_ascii=False, indent=1))
    return cvs
