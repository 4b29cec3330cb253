import pytest
from django.utils import translation

from cv_app import parsing
from cv_app.chunking import CHUNK_SIZE, split_pages
from cv_app.parsing import (
    UnreadableDocumentError,
    UnsupportedDocumentError,
    clean_text,
    detect_kind,
    parse_document,
)
from cv_app.tests.documents import (
    corrupt_pdf_bytes,
    docx_bytes,
    docx_zip_bomb_bytes,
    encrypted_pdf_bytes,
    image_only_pdf_bytes,
    pdf_bytes,
    plain_zip_bytes,
)


def test_a_pdf_is_read_page_by_page_with_each_pages_own_facts(cv_pdf):
    parsed = parse_document(cv_pdf)
    assert parsed.kind == "pdf"
    assert parsed.page_count == 3
    assert "Daniyal Khan" in parsed.pages[0]
    assert "Nimbus Health" in parsed.pages[1]
    assert "Nimbus Health" not in parsed.pages[2]
    assert "Lahore University of Management" in parsed.pages[2]


def test_a_docx_is_split_into_pages_at_hard_page_breaks(cv_docx):
    parsed = parse_document(cv_docx)
    assert parsed.kind == "docx"
    assert parsed.page_count == 3
    assert "Programming languages" in parsed.pages[0]
    assert "Apache Airflow" in parsed.pages[1]
    assert "chess" in parsed.pages[2]


def test_a_docx_without_page_breaks_is_one_page():
    parsed = parse_document(docx_bytes(page_breaks=False))
    assert parsed.page_count == 1
    assert "Daniyal Khan" in parsed.pages[0] and "chess" in parsed.pages[0]


def test_docx_tables_are_read_row_by_row():
    data = docx_bytes(
        page_breaks=False,
        table=[["Skill", "Years"], ["Django", "6"], ["Kubernetes", "3"]],
    )
    text = parse_document(data).pages[0]
    assert "Skill | Years" in text
    assert "Kubernetes | 3" in text


def test_docx_page_break_before_starts_a_new_page():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("First page: Python developer with Django experience.")
    second = document.add_paragraph("Second page: studied mathematics in Valencia.")
    second.paragraph_format.page_break_before = True
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_document(buffer.getvalue())
    assert parsed.page_count == 2
    assert parsed.pages[1].startswith("Second page")


def test_type_is_decided_by_content_not_by_name(cv_pdf, cv_docx):
    assert detect_kind(cv_pdf) == "pdf"
    assert detect_kind(cv_docx) == "docx"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"Just some plain text pretending to be a CV.", UnsupportedDocumentError),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, UnsupportedDocumentError),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, UnsupportedDocumentError),
        (plain_zip_bytes(), UnsupportedDocumentError),
        (b"PK\x03\x04 but not really a zip archive", UnreadableDocumentError),
    ],
    ids=["text", "png", "legacy-doc", "zip-without-word", "broken-zip"],
)
def test_other_types_are_refused(data, error):
    with pytest.raises(error):
        parse_document(data)


def test_legacy_doc_refusal_says_what_to_do():
    # In English whatever an earlier request on this thread activated.
    refusal = pytest.raises(UnsupportedDocumentError, match="save it as DOCX or PDF")
    with translation.override("en"), refusal:
        detect_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)


def test_a_refused_document_is_told_in_the_active_language():
    with translation.override("es"), pytest.raises(UnreadableDocumentError) as refused:
        detect_kind(b"PK\x03\x04 but not really a zip archive")
    assert refused.value.message == (
        "El archivo parece un DOCX, pero su archivo comprimido está dañado."
    )
    with translation.override("en"), pytest.raises(UnreadableDocumentError) as refused:
        detect_kind(b"PK\x03\x04 but not really a zip archive")
    assert refused.value.message == "The file looks like a DOCX but its archive is damaged."


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(UnreadableDocumentError, match="encrypted"):
        parse_document(encrypted_pdf_bytes())


def test_a_damaged_pdf_is_refused():
    with pytest.raises(UnreadableDocumentError, match="damaged"):
        parse_document(corrupt_pdf_bytes())


def test_an_image_only_pdf_is_refused_as_having_no_text():
    with pytest.raises(UnreadableDocumentError, match="no extractable text"):
        parse_document(image_only_pdf_bytes())


def test_a_docx_zip_bomb_is_refused_before_anything_is_inflated(monkeypatch):
    import docx

    opened = []
    monkeypatch.setattr(docx, "Document", lambda *a, **k: opened.append(a))
    with pytest.raises(UnreadableDocumentError, match="inflate"):
        parse_document(docx_zip_bomb_bytes())
    assert opened == []


def test_a_docx_member_with_an_absurd_compression_ratio_is_refused(monkeypatch):
    # Below the total limit, but 1000:1 is not what a Word document looks like.
    monkeypatch.setattr(parsing, "DOCX_MAX_UNCOMPRESSED_BYTES", 10**12)
    with pytest.raises(UnreadableDocumentError, match="inflate"):
        parse_document(docx_zip_bomb_bytes(inflated_bytes=8 * 1024 * 1024))


def test_too_many_pages_are_refused(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_PAGES", 2)
    with pytest.raises(UnreadableDocumentError, match="at most 2"):
        parse_document(pdf_bytes())


def test_clean_text_joins_hyphenated_words_and_drops_control_characters():
    raw = "Built a recom-\nmendation engine\x00 with\u00ad  ﬁne   tuning\r\n\n\n\nNext\tline"
    assert clean_text(raw) == "Built a recommendation engine with fine tuning\n\nNext line"


def test_clean_text_keeps_hyphens_that_are_not_line_breaks():
    assert clean_text("Full-stack engineer, long-\nDistance") == (
        "Full-stack engineer, long-\nDistance"
    )


def test_chunks_keep_their_page_and_stay_near_800_characters():
    long_page = " ".join(f"Sentence number {n} about distributed systems." for n in range(120))
    chunks = split_pages(["Short first page about Python.", long_page, "", "Last page."])
    assert [c.page for c in chunks][:2] == [1, 2]
    assert {c.page for c in chunks} == {1, 2, 4}
    assert all(len(c.text) <= CHUNK_SIZE for c in chunks)
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    page_two = [c.text for c in chunks if c.page == 2]
    assert len(page_two) > 5
    # Consecutive chunks overlap, so a fact on a boundary is whole in one of them.
    assert page_two[0][-60:].split()[-1] in page_two[1]
