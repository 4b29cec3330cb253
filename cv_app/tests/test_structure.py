"""A CV is read as sections and entries, from PDFs and DOCX as people lay them out."""

# ruff: noqa: RUF001 - CVs write date ranges with en dashes, and so does this data.

import pytest

from cv_app.chunking import split_structure
from cv_app.parsing import Line, parse_document
from cv_app.structure import build_structure, date_span, find_dates, heading_kind, split_sentences
from eval.cv_cases import (
    ELENA,
    PRIYA_MAIN,
    PRIYA_SIDEBAR,
    james_docx,
    single_column_pdf,
    two_column_pdf,
)


def section(structure, kind):
    return next(s for s in structure["sections"] if s["kind"] == kind)


def lines(*texts, page=1, **attrs):
    return [Line(text, page, **attrs) for text in texts]


@pytest.fixture(scope="module")
def elena():
    return build_structure(parse_document(single_column_pdf(ELENA)).lines)


@pytest.fixture(scope="module")
def priya():
    return build_structure(parse_document(two_column_pdf(PRIYA_SIDEBAR, PRIYA_MAIN)).lines)


@pytest.fixture(scope="module")
def james():
    return build_structure(parse_document(james_docx()).lines)


def test_headings_in_capitals_open_the_sections_a_cv_has(elena):
    kinds = [s["kind"] for s in elena["sections"]]
    assert kinds == [
        "header", "summary", "experience", "education", "skills", "certifications",
        "languages", "projects",
    ]  # fmt: skip
    assert elena["name"] == "Elena Petrova"


def test_an_entry_keeps_its_title_organisation_place_dates_and_bullets(elena):
    first = section(elena, "experience")["entries"][0]
    assert first["title"] == "Staff Site Reliability Engineer"
    assert first["organisation"] == "Haven Payments"
    assert first["place"] == "Amsterdam"
    assert first["dates"] == "March 2021 – Present"
    assert first["start"] == [2021, 3] and first["current"] is True
    assert first["bullets"][0].startswith("Led the migration of 140 services")
    assert len(section(elena, "experience")["entries"]) == 4


def test_entries_keep_the_page_they_are_on(elena):
    pages = [e["page"] for e in section(elena, "experience")["entries"]]
    assert pages == [1, 1, 2, 2]


def test_a_two_column_pdf_reads_the_sidebar_and_the_main_column_apart(priya):
    assert priya["name"] == "Priya Raman"
    skills = [line["text"] for line in section(priya, "skills")["lines"]]
    assert "A/B testing" in skills and not any("Product Manager" in s for s in skills)
    entries = section(priya, "experience")["entries"]
    # The main column carries its section over the page, past the sidebar read first.
    assert [e["organisation"] for e in entries] == ["Kirana Pay", "ShopLane", "Infosys"]
    assert entries[2]["page"] == 2 and entries[2]["dates"] == "2015 – 2017"


def test_a_line_wrapped_by_a_narrow_column_is_joined_again(priya):
    certificates = [line["text"] for line in section(priya, "certifications")["lines"]]
    assert "Google Cloud Digital Leader, 2022" in certificates


def test_a_docx_is_read_by_heading_styles_tables_and_page_breaks(james):
    assert james["name"] == "James O'Connor"
    entries = section(james, "experience")["entries"]
    assert [(e["title"], e["organisation"], e["place"]) for e in entries] == [
        ("Senior Structural Engineer", "Brightwater Energy", "Bristol"),
        ("Civil Engineer", "Northgate Council", "Cardiff"),
        ("Graduate Civil Engineer", "Keller & Moss", "London"),
    ]
    assert [e["page"] for e in entries] == [1, 1, 2]
    education = section(james, "education")["entries"]
    assert education[0]["organisation"] == "Imperial College London"
    assert education[0]["dates"] == "2012 – 2013"
    assert section(james, "skills")["heading"] == "Software"
    assert section(james, "languages")["page"] == 3


def test_an_unknown_heading_still_opens_a_section_of_its_own():
    structure = build_structure(
        lines(
            "Ana Ruiz",
            "Backend developer.",
            "EXPERIENCE",
            "Dev, Acme",
            "2019 - 2021",
            "MOUNTAINEERING",
            "Climbed Aconcagua in 2018.",
        )
    )
    other = section(structure, "other")
    assert other["heading"] == "MOUNTAINEERING"
    assert other["lines"][0]["text"] == "Climbed Aconcagua in 2018."


def test_an_inline_label_is_a_section_but_not_inside_skills():
    structure = build_structure(
        lines("Ana Ruiz", "Hobbies: chess and running.", "SKILLS", "Languages: Python, Go")
    )
    assert section(structure, "interests")["lines"][0]["text"] == "Hobbies: chess and running."
    assert section(structure, "skills")["lines"][0]["text"] == "Languages: Python, Go"
    assert not [s for s in structure["sections"] if s["kind"] == "languages"]


def test_a_title_line_after_bullets_starts_the_next_entry_before_its_dates():
    structure = build_structure(
        lines(
            "Ana Ruiz",
            "Experience",
            "Engineer, Acme",
            "2019 - 2021",
            "• Built a thing.",
            "Developer, Beta Ltd",
            "2017 - 2019",
            "• Fixed things.",
        )
    )
    entries = section(structure, "experience")["entries"]
    assert [e["organisation"] for e in entries] == ["Acme", "Beta Ltd"]
    assert entries[1]["bullets"] == ["Fixed things."]


def test_dates_are_read_in_the_ways_cvs_write_them():
    assert date_span(find_dates("Jan 2019 – Present")) == ([2019, 1], [9999, 0], True)
    assert date_span(find_dates("2016 to 2020")) == ([2016, 0], [2020, 0], False)
    assert date_span(find_dates("since 2019")) == ([2019, 0], [9999, 0], True)
    assert date_span(find_dates("03/2018 - 11/2020")) == ([2018, 3], [2020, 11], False)
    assert date_span(find_dates("septiembre 2015 - actualidad"))[2] is True
    assert find_dates("processed 2,000,000 events") is None


def test_headings_are_recognised_in_english_and_spanish():
    assert heading_kind("Work Experience:") == "experience"
    assert heading_kind("Experiencia profesional") == "experience"
    assert heading_kind("Education & Certifications") == "education"
    assert heading_kind("Idiomas") == "languages"
    assert heading_kind("Led a team of five") is None


def test_sentences_are_not_split_after_abbreviations():
    assert split_sentences("B.Sc. Computer Science, Acme Inc. Madrid. Next one.") == [
        "B.Sc. Computer Science, Acme Inc. Madrid.",
        "Next one.",
    ]


def test_chunks_follow_entries_and_know_their_section_entry_and_page(elena):
    chunks = split_structure(elena)
    experience = [c for c in chunks if c.section == "experience"]
    assert [c.entry for c in experience] == [0, 1, 2, 3]
    assert [c.page for c in experience] == [1, 1, 2, 2]
    haven = experience[0].text
    # The title, its dates and its bullets are one chunk.
    assert "Haven Payments" in haven and "March 2021" in haven and "140 services" in haven
    assert haven.startswith("EXPERIENCE\n")
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    skills = next(c for c in chunks if c.section == "skills")
    assert skills.entry is None and skills.page == 3


def _bullets(*texts):
    head = ("Ana Ruiz", "EXPERIENCIA", "Dev, Acme", "2019 - 2021")
    structure = build_structure(lines(*head, *texts))
    return section(structure, "experience")["entries"][0]["bullets"]


def test_a_bullet_wrapped_before_its_number_keeps_its_end():
    assert _bullets("• Aumentó la conversión un", "12 % en seis meses.") == [
        "Aumentó la conversión un 12 % en seis meses."
    ]


def test_a_word_hyphenated_across_lines_is_one_word_again():
    assert _bullets("• Rediseñó la arquitec-", "tura de pagos.") == [
        "Rediseñó la arquitectura de pagos."
    ]


def test_a_sentence_wrapped_after_a_word_no_sentence_ends_on_is_joined():
    assert _bullets("• Migrated 40 services to", "Kubernetes in six months.") == [
        "Migrated 40 services to Kubernetes in six months."
    ]


def test_bullets_stay_apart_from_their_neighbours():
    assert _bullets("• Led the platform team", "• Built the billing service") == [
        "Led the platform team",
        "Built the billing service",
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021-03 – 2023-05", [2021, 3], [2023, 5]),
        ("mar. 2021 – actualidad", [2021, 3], [9999, 0]),
        ("03/2021 – hoy", [2021, 3], [9999, 0]),
        ("enero de 2020 – presente", [2020, 1], [9999, 0]),
        ("2019-2021", [2019, 0], [2021, 0]),
    ],
)
def test_dates_are_read_in_the_formats_cvs_use(text, start, end):
    assert date_span(find_dates(text))[:2] == (start, end)


def test_a_page_without_the_sidebar_carries_on_the_main_column():
    page_one = [
        Line("SKILLS", 1, column=0),
        Line("Python, Go", 1, column=0),
        Line("Ana Ruiz", 1, column=1),
        Line("EXPERIENCE", 1, column=1),
        Line("Engineer, Acme Robotics and Automation Systems", 1, column=1),
        Line("2021 - Present", 1, column=1),
        Line("• Led the migration of the fleet software to a new platform.", 1, column=1),
    ]
    page_two = [Line("Intern, Brightlabs", 2), Line("2016 - 2017", 2)]
    structure = build_structure(page_one + page_two)
    entries = section(structure, "experience")["entries"]
    assert [e["dates"] for e in entries] == ["2021 - Present", "2016 - 2017"]
    assert section(structure, "skills")["lines"] == [{"text": "Python, Go", "page": 1}]


def test_a_dated_item_wrapped_in_a_narrow_sidebar_is_one_item_again():
    structure = build_structure(
        lines(
            "Ana Ruiz",
            "CERTIFICATIONS",
            "AWS Certified Solutions Architect –",
            "Associate, 2018",
            "Google Cloud Professional Data",
            "Engineer, 2019",
            "Professional Scrum Master I (PSM",
            "I), 2017",
        )
    )
    assert [line["text"] for line in section(structure, "certifications")["lines"]] == [
        "AWS Certified Solutions Architect – Associate, 2018",
        "Google Cloud Professional Data Engineer, 2019",
        "Professional Scrum Master I (PSM I), 2017",
    ]


def test_an_item_in_capitals_inside_a_list_is_not_a_heading_when_the_font_says_otherwise():
    structure = build_structure(
        [
            Line("Ana Ruiz", 1, size=20.0),
            Line("SKILLS", 1, size=13.0, bold=True),
            Line("Python", 1, size=10.0),
            Line("SAP HANA", 1, size=10.0),
            Line("Elasticsearch", 1, size=10.0),
        ]
    )
    assert [s["kind"] for s in structure["sections"]] == ["header", "skills"]
