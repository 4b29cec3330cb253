"""Three CVs written for the evaluation, with their ground truth and questions.

Different people and layouts: a single-column PDF with headings in capitals and
dates on their own line; a two-column PDF (a sidebar beside the main column)
whose entries put the dates in a table cell; a DOCX with heading styles, a table
for education and hard page breaks. Each question names the words a correct
answer must quote and the page(s) it must cite.
"""

# ruff: noqa: RUF001 - CVs write date ranges with en dashes, and so does this data.

import io

# --- 1. Single-column PDF -------------------------------------------------------

ELENA = [
    [
        ("name", "Elena Petrova"),
        ("text", "Site Reliability Engineer | Rotterdam, Netherlands | elena.petrova@example.net"),
        ("heading", "SUMMARY"),
        (
            "text",
            "Reliability engineer with nine years of experience running payment and "
            "logistics platforms on Kubernetes, with a focus on observability.",
        ),
        ("heading", "EXPERIENCE"),
        ("title", "Staff Site Reliability Engineer — Haven Payments, Amsterdam"),
        ("text", "March 2021 – Present"),
        ("bullet", "Led the migration of 140 services from virtual machines to Kubernetes."),
        ("bullet", "Reduced paging incidents by 60 percent with SLO-based alerting."),
        ("title", "Senior DevOps Engineer — Portline Logistics, Rotterdam"),
        ("text", "June 2018 – February 2021"),
        ("bullet", "Built the Terraform modules used by twelve product teams."),
        ("bullet", "Cut cloud spend by 1.4 million euros a year through rightsizing."),
    ],
    [
        ("title", "Systems Administrator — Delta Hosting, Utrecht"),
        ("text", "September 2015 – May 2018"),
        ("bullet", "Ran a fleet of 800 Linux servers and automated patching with Ansible."),
        ("title", "IT Support Intern — Radboud University, Nijmegen"),
        ("text", "January 2014 – August 2015"),
        ("bullet", "Supported 300 staff laptops and wrote the first onboarding guide."),
        ("heading", "EDUCATION"),
        ("title", "MSc in Computer Science — Delft University of Technology"),
        ("text", "2012 – 2014"),
        ("bullet", "Thesis on failure detection in distributed storage systems."),
        ("title", "BSc in Informatics — University of Groningen"),
        ("text", "2009 – 2012"),
    ],
    [
        ("heading", "SKILLS"),
        ("text", "Kubernetes, Terraform, Prometheus, Grafana, Go, Python, PostgreSQL, Kafka"),
        ("heading", "CERTIFICATIONS"),
        ("bullet", "Certified Kubernetes Administrator (CKA), 2020"),
        ("bullet", "HashiCorp Certified: Terraform Associate, 2019"),
        ("heading", "LANGUAGES"),
        ("text", "Russian (native), English (fluent), Dutch (professional)"),
        ("heading", "PROJECTS"),
        ("title", "kube-budget — open-source cost reports for Kubernetes namespaces"),
        ("bullet", "Used by 40 companies; written in Go."),
    ],
]

ELENA_QUESTIONS = {
    "answerable": [
        ("When did Elena start at Haven Payments?", ["March 2021"], [1]),
        ("What did she do at Portline Logistics?", ["Terraform modules", "1.4 million"], [1]),
        ("What was her first job title?", ["IT Support Intern"], [2]),
        ("What is her current job?", ["Staff Site Reliability Engineer", "Haven Payments"], [1]),
        ("Who was her employer between 2016 and 2017?", ["Delta Hosting"], [2]),
        ("Where did she do her master's?", ["Delft University of Technology"], [2]),
        ("What are her skills?", ["Terraform", "Prometheus", "Kafka"], [3]),
        (
            "Which certifications does she hold?",
            ["Certified Kubernetes Administrator", "Terraform Associate"],
            [3],
        ),
        ("What languages does she speak?", ["Russian", "Dutch"], [3]),
        ("How many servers did she run?", ["800"], [2]),
        ("How much did she cut cloud spend?", ["1.4 million euros"], [1]),
        ("Where is she based?", ["Rotterdam"], [1]),
        ("What open-source project has she built?", ["kube-budget"], [3]),
        ("What was her thesis about?", ["failure detection"], [2]),
    ],
    "unanswerable": [
        "What is her salary expectation?",
        "Is she married?",
        "What is her date of birth?",
        "Does she have a driving licence?",
        "What is the capital of France?",
    ],
    "false_premise": [
        "Where did she do her PhD?",
        "What was her GPA?",
        "When did she work at Google?",
        "What did she do at Booking.com?",
        "Does she know Rust?",
    ],
    "two_part": [
        (
            "Where did she do her master's and which certifications does she hold?",
            ["Delft University of Technology", "Certified Kubernetes Administrator"],
            [2, 3],
        ),
        (
            "When did she start at Haven Payments and what languages does she speak?",
            ["March 2021", "Russian"],
            [1, 3],
        ),
    ],
    "spanish": [
        ("¿Cuándo empezó a trabajar en Haven Payments?", ["March 2021"], [1]),
        ("¿Qué idiomas habla?", ["Russian", "Dutch"], [3]),
        ("¿Dónde estudió el máster?", ["Delft University of Technology"], [2]),
        ("¿Qué certificaciones tiene?", ["Certified Kubernetes Administrator"], [3]),
    ],
}


def single_column_pdf(pages) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    base = getSampleStyleSheet()
    styles = {
        "name": ParagraphStyle("name", parent=base["Title"], fontSize=20, alignment=0),
        "heading": ParagraphStyle("heading", parent=base["Heading2"], fontSize=13),
        "title": ParagraphStyle("title", parent=base["BodyText"], fontName="Helvetica-Bold"),
        "text": base["BodyText"],
        "bullet": ParagraphStyle("bullet", parent=base["BodyText"], leftIndent=12),
    }
    story = []
    for number, page in enumerate(pages):
        if number:
            story.append(PageBreak())
        for kind, text in page:
            shown = f"• {text}" if kind == "bullet" else text
            story.append(Paragraph(shown, styles[kind]))
            if kind in ("heading",):
                story.append(Spacer(1, 2))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


# --- 2. Two-column PDF ------------------------------------------------------------

PRIYA_SIDEBAR = [
    [
        ("heading", "Contact"),
        ("text", "priya.raman@example.com"),
        ("text", "Bangalore, India"),
        ("heading", "Skills"),
        ("bullet", "Product analytics"),
        ("bullet", "SQL and dbt"),
        ("bullet", "Figma"),
        ("bullet", "A/B testing"),
        ("bullet", "Python"),
        ("heading", "Languages"),
        ("bullet", "Tamil (native)"),
        ("bullet", "English (fluent)"),
        ("bullet", "Hindi (conversational)"),
    ],
    [
        ("heading", "Certifications"),
        ("bullet", "Pragmatic Institute PMC-III, 2019"),
        ("bullet", "Google Cloud Digital Leader, 2022"),
        ("heading", "Interests"),
        ("text", "Carnatic music, trekking, chess"),
    ],
]
PRIYA_MAIN = [
    [
        ("name", "Priya Raman"),
        ("text", "Product Manager"),
        ("heading", "Profile"),
        (
            "text",
            "Product manager with seven years in fintech and marketplaces, moving "
            "metrics through experiments rather than opinions.",
        ),
        ("heading", "Experience"),
        ("row", "2020 – now", "Senior Product Manager, Kirana Pay, Bangalore"),
        ("bullet", "Owns the merchant lending product used by 90,000 shops."),
        ("bullet", "Raised loan approval rates by 22 percent with a new onboarding flow."),
        ("row", "2017 – 2020", "Product Manager, ShopLane, Chennai"),
        ("bullet", "Launched same-day delivery in four cities."),
    ],
    [
        ("row", "2015 – 2017", "Business Analyst, Infosys, Mysore"),
        ("bullet", "Built weekly SQL reports for a retail banking client."),
        ("heading", "Education"),
        ("row", "2013 – 2015", "MBA, Indian Institute of Management Bangalore"),
        ("row", "2009 – 2013", "Bachelor of Technology in Electronics, Anna University"),
    ],
]

PRIYA_QUESTIONS = {
    "answerable": [
        ("When did Priya start at ShopLane?", ["2017"], [1]),
        ("What did she do at Kirana Pay?", ["merchant lending", "22 percent"], [1]),
        ("What is her current role?", ["Senior Product Manager", "Kirana Pay"], [1]),
        ("What was her first job?", ["Business Analyst", "Infosys"], [2]),
        ("Which company did she work for between 2015 and 2016?", ["Infosys"], [2]),
        ("Where did she do her MBA?", ["Indian Institute of Management Bangalore"], [2]),
        ("Where did she do her bachelor's?", ["Anna University"], [2]),
        ("What skills does she have?", ["Product analytics", "A/B testing"], [1]),
        ("Which languages does she speak?", ["Tamil", "Hindi"], [1]),
        ("What certifications does she have?", ["PMC-III", "Google Cloud Digital Leader"], [2]),
        ("How many shops use the lending product?", ["90,000"], [1]),
        ("What are her hobbies?", ["Carnatic music"], [2]),
        ("What is her email address?", ["priya.raman@example.com"], [1]),
    ],
    "unanswerable": [
        "How old is she?",
        "What is her notice period?",
        "Does she have children?",
        "Who won the 2018 FIFA World Cup?",
    ],
    "false_premise": [
        "When did she work at Google?",
        "Where did she do her PhD?",
        "What was her GPA at Anna University?",
        "What did she do at Flipkart?",
        "Does she know Kotlin?",
    ],
    "two_part": [
        (
            "Where did she do her MBA and what certifications does she have?",
            ["Indian Institute of Management Bangalore", "Google Cloud Digital Leader"],
            [2],
        ),
        (
            "What is her current role and which languages does she speak?",
            ["Senior Product Manager", "Tamil"],
            [1],
        ),
    ],
    "spanish": [
        ("¿Cuál es su trabajo actual?", ["Senior Product Manager"], [1]),
        ("¿Qué habilidades tiene?", ["Product analytics"], [1]),
        ("¿Dónde hizo el MBA?", ["Indian Institute of Management Bangalore"], [2]),
        ("¿Cuáles son sus aficiones?", ["Carnatic music"], [2]),
    ],
}


def two_column_pdf(sidebar, main) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        FrameBreak,
        PageTemplate,
        Paragraph,
        Table,
    )

    base = getSampleStyleSheet()
    styles = {
        "name": ParagraphStyle("name", parent=base["Title"], fontSize=22, alignment=0),
        "heading": ParagraphStyle("heading", parent=base["Heading3"], fontSize=12),
        "text": ParagraphStyle("text", parent=base["BodyText"], fontSize=9.5),
        "bullet": ParagraphStyle("bullet", parent=base["BodyText"], fontSize=9.5),
    }
    width, height = A4
    left = Frame(30, 40, 160, height - 80, id="side")
    right = Frame(205, 40, width - 235, height - 80, id="main")
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4)
    document.addPageTemplates([PageTemplate(id="two", frames=[left, right])])
    story = []
    for number, (side, body) in enumerate(zip(sidebar, main, strict=True)):
        if number:
            story.append(FrameBreak())
        for kind, text in side:
            story.append(Paragraph(f"• {text}" if kind == "bullet" else text, styles[kind]))
        story.append(FrameBreak())
        for item in body:
            if item[0] == "row":
                cell = ParagraphStyle("cell", parent=styles["text"], fontName="Helvetica-Bold")
                story.append(
                    Table(
                        [[Paragraph(item[1], styles["text"]), Paragraph(item[2], cell)]],
                        colWidths=[75, width - 320],
                        style=[
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ],
                    )
                )
            else:
                kind, text = item
                story.append(Paragraph(f"• {text}" if kind == "bullet" else text, styles[kind]))
    document.build(story)
    return buffer.getvalue()


# --- 3. DOCX --------------------------------------------------------------------

JAMES_QUESTIONS = {
    "answerable": [
        ("When did James join Brightwater Energy?", ["2019"], [1]),
        ("What did he do at Northgate Council?", ["flood-risk", "GIS"], [1]),
        ("What was his first job title?", ["Graduate Civil Engineer"], [2]),
        (
            "What is his current position?",
            ["Senior Structural Engineer", "Brightwater Energy"],
            [1],
        ),
        ("Who did he work for between 2014 and 2015?", ["Keller & Moss"], [2]),
        ("Where did he do his master's?", ["Imperial College London"], [2]),
        ("Which software does he use?", ["AutoCAD", "Revit"], [2]),
        ("Which certifications does he hold?", ["Chartered Engineer", "NEBOSH"], [2]),
        ("What languages does he speak?", ["Irish", "French"], [3]),
        ("How many wind turbine foundations did he design?", ["35"], [1]),
        ("What are his interests?", ["sailing"], [3]),
        ("Where does he live?", ["Bristol"], [1]),
    ],
    "unanswerable": [
        "What is his marital status?",
        "What salary does he expect?",
        "What is his nationality?",
        "How do I bake sourdough bread?",
    ],
    "false_premise": [
        "Where did he do his PhD?",
        "What was his GPA?",
        "When did he work at Arup?",
        "Does he know Python?",
        "What did he do at Siemens?",
    ],
    "two_part": [
        (
            "When did he join Brightwater Energy and what languages does he speak?",
            ["2019", "Irish"],
            [1, 3],
        ),
        (
            "Where did he do his master's and which certifications does he hold?",
            ["Imperial College London", "Chartered Engineer"],
            [2],
        ),
    ],
    "spanish": [
        ("¿Cuándo empezó en Brightwater Energy?", ["2019"], [1]),
        ("¿Qué idiomas habla James?", ["Irish"], [3]),
        ("¿Dónde hizo su máster?", ["Imperial College London"], [2]),
        ("¿Cuál fue su primer trabajo?", ["Graduate Civil Engineer"], [2]),
    ],
}


def james_docx() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.sections[0].header.paragraphs[
        0
    ].text = "James O'Connor · Bristol, UK · james@oconnor.example"
    document.add_heading("James O'Connor", level=0)
    document.add_paragraph(
        "Chartered structural engineer living in Bristol, designing "
        "foundations for renewable energy."
    )
    document.add_heading("Professional Experience", level=1)
    document.add_heading("Senior Structural Engineer, Brightwater Energy", level=2)
    document.add_paragraph("Bristol | April 2019 – Present")
    document.add_paragraph("Designed 35 offshore wind turbine foundations.", style="List Bullet")
    document.add_paragraph("Manages a team of four engineers.", style="List Bullet")
    document.add_heading("Civil Engineer, Northgate Council", level=2)
    document.add_paragraph("Cardiff | 2016 – 2019")
    document.add_paragraph(
        "Led flood-risk assessments for 12 river schemes using GIS.", style="List Bullet"
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Graduate Civil Engineer, Keller & Moss", level=2)
    document.add_paragraph("London | 2013 – 2016")
    document.add_paragraph("Prepared site drawings for residential projects.", style="List Bullet")
    document.add_heading("Education", level=1)
    table = document.add_table(rows=2, cols=2)
    rows = [
        ("2012 – 2013", "MSc Structural Engineering, Imperial College London"),
        ("2009 – 2012", "BEng Civil Engineering, University of Bath"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("Software", level=1)
    document.add_paragraph("AutoCAD, Revit, ETABS, Tekla Structures")
    document.add_heading("Certifications", level=1)
    document.add_paragraph(
        "Chartered Engineer (CEng), Institution of Structural Engineers, 2018", style="List Bullet"
    )
    document.add_paragraph("NEBOSH General Certificate, 2015", style="List Bullet")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Languages", level=1)
    document.add_paragraph("English (native), Irish (fluent), French (intermediate)")
    document.add_heading("Interests", level=1)
    document.add_paragraph("Dinghy sailing, woodworking and coaching under-12 rugby.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cases():
    """[(label, filename, bytes, questions)]"""
    return [
        ("single-column PDF", "elena_petrova.pdf", single_column_pdf(ELENA), ELENA_QUESTIONS),
        (
            "two-column PDF",
            "priya_raman.pdf",
            two_column_pdf(PRIYA_SIDEBAR, PRIYA_MAIN),
            PRIYA_QUESTIONS,
        ),
        ("DOCX", "james_oconnor.docx", james_docx(), JAMES_QUESTIONS),
    ]
