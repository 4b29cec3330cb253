"""The home assistant's evaluation: owner questions against the seed content.

Runs the real `POST /api/v1/chat/send` (offline responder, no model) on a
throwaway SQLite database seeded like `manage.py seed`, one session per
conversation, and prints what share of the answers was right:

- owner questions answered from the content (the expected facts are in the answer),
- follow-ups resolved from the session's history ("the second one", "there"),
- before / after / first / current ordering of the jobs,
- location, contact and availability from the profile,
- Spanish (by the question's own language, `?lang=es` and Accept-Language),
- off-topic requests declined, questions the content cannot answer honestly unknown,
- invented facts: years, links, addresses and names in an answer that the content lacks.

Usage: `.venv/bin/python eval/home_eval.py [-v]` (exits 1 when a target is missed).
"""

import logging
import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DECLINE = ("I can't help with that", "no puedo ayudarte con eso")
UNKNOWN = ("I don't have information about that", "No tengo información sobre eso")


def _years_since(start: date) -> int:
    """Whole years of work from the seed's first job (January 2021, jobs back to back) to
    today, worked out here independently of the responder."""
    today = date.today()
    months = (today.year - start.year) * 12 + today.month - start.month - (today.day < 28)
    return months // 12


_YEARS = _years_since(date(2021, 1, 1))
YEARS_EN = {"has": [f"{_YEARS} years", "January 2021", "Software Engineer at Digital Agency"]}
YEARS_ES = {"has": [f"{_YEARS} años", "enero de 2021", "Agencia digital"]}

# (category, [(question, expectations)]), one session per conversation.
# expectations: "has" facts that must all be in the answer, "not" texts that must not,
# "decline" for a polite refusal, "unknown" for an honest "I don't know",
# "lang"/"accept" to ask with ?lang= or Accept-Language.
CONVERSATIONS = [
    ("owner", [("What is his tech stack?", {"has": ["Python", "FastAPI", "Next.js", "Docker"]})]),
    (
        "owner",
        [
            (
                "What projects has he built?",
                {"has": ["Interactive Chatbot", "Tool Explorer", "RAG CV Chat", "Mini Game"]},
            )
        ],
    ),
    ("owner", [("Where has he worked?", {"has": ["Tech Company", "Startup", "Digital Agency"]})]),
    ("owner", [("Who is Daniyal?", {"has": ["Daniyal", "Software Engineer"]})]),
    ("owner", [("Does he know Docker?", {"has": ["Docker", "Digital Agency"]})]),
    ("owner", [("What is the RAG CV Chat?", {"has": ["Chroma"]})]),
    ("owner", [("What did he do at the Digital Agency?", {"has": ["e-commerce"]})]),
    ("owner", [("Which project uses FastAPI?", {"has": ["Interactive Chatbot"]})]),
    ("owner", [("Tell me about the Tool Explorer project", {"has": ["SWR", "scrapers"]})]),
    (
        "owner",
        [
            (
                "What has he written about healthcare?",
                {
                    "has": [
                        "AI in Healthcare",
                        "/blog/ai-in-healthcare-revolutionizing-patient-care",
                    ],
                    "not": ["Machine Learning in Finance"],
                },
            )
        ],
    ),
    ("owner", [("What is his latest blog post?", {"has": ["Natural Language Processing"]})]),
    (
        "followup",
        [
            ("What projects has he built?", {"has": ["Tool Explorer"]}),
            (
                "Tell me more about the second one",
                {"has": ["Tool Explorer", "scrapers"], "not": ["Interactive Chatbot"]},
            ),
            ("What technologies does it use?", {"has": ["Scraping", "SWR"]}),
        ],
    ),
    (
        "followup",
        [
            ("What projects has he built?", {"has": ["Mini Game"]}),
            ("And the last one?", {"has": ["Mini Game", "p5.js"], "not": ["Tool Explorer"]}),
        ],
    ),
    (
        "followup",
        [
            ("What did he do at Startup?", {"has": ["Full Stack Developer"]}),
            ("Which technologies did he use there?", {"has": ["Django", "AWS"]}),
            (
                "Where did he work before that company?",
                {"has": ["Digital Agency"], "not": ["Scalable web applications"]},
            ),
        ],
    ),
    (
        "followup",
        [
            ("Tell me about the Interactive Chatbot", {"has": ["avatar"]}),
            ("Is it on GitHub?", {"has": ["github.com/daniyal/interactive-chatbot"]}),
        ],
    ),
    (
        "order",
        [
            (
                "Where did he work before Tech Company?",
                {"has": ["Startup", "Full Stack Developer"], "not": ["Leading development"]},
            )
        ],
    ),
    (
        "order",
        [("What did he do after Digital Agency?", {"has": ["Startup"], "not": ["e-commerce"]})],
    ),
    ("order", [("What was his first job?", {"has": ["Digital Agency", "2021"]})]),
    ("order", [("Where does he work now?", {"has": ["Tech Company", "Senior Software Engineer"]})]),
    ("order", [("What is his latest role?", {"has": ["Tech Company"]})]),
    (
        "order",
        [
            (
                "Where did he work before Digital Agency?",
                {"has": ["Digital Agency", "earliest"], "not": ["Startup"]},
            )
        ],
    ),
    ("owner", [("Has he worked with Django?", {"has": ["Django", "Startup"]})]),
    ("owner", [("Which of his projects uses p5.js?", {"has": ["Mini Game"]})]),
    ("owner", [("What does he do?", {"has": ["Software Engineer"]})]),
    ("owner", [("Hi!", {"has": ["Hello"]})]),
    ("order", [("What was his job in 2022?", {"has": ["Startup"], "not": ["Tech Company"]})]),
    ("order", [("Who does he work for?", {"has": ["Tech Company"], "not": ["Startup"]})]),
    ("order", [("Is he currently employed?", {"has": ["Tech Company"]})]),
    ("spanish", [("¿Cuál fue su primer trabajo?", {"has": ["Agencia digital"]})]),
    ("spanish", [("¿Qué hizo después de Agencia digital?", {"has": ["Startup"]})]),
    ("spanish", [("¿Conoce Docker?", {"has": ["Sí: Docker"]})]),
    ("spanish", [("¿Qué ha escrito sobre marketing?", {"has": ["The Future of AI in Marketing"]})]),
    ("profile", [("Does he have a phone number?", {"has": ["no phone number"]})]),
    ("profile", [("Where is he located?", {"has": ["Remote"]})]),
    ("profile", [("Where is he based?", {"has": ["Remote"]})]),
    ("profile", [("How can I contact him?", {"has": ["contact form", "daniyal@example.com"]})]),
    ("profile", [("What's his email?", {"has": ["daniyal@example.com"]})]),
    (
        "profile",
        [("Is he available for new work?", {"has": ["Open to new opportunities", "contact form"]})],
    ),
    (
        "profile",
        [("Can I hire him for a freelance project?", {"has": ["Open to new opportunities"]})],
    ),
    (
        "spanish",
        [("¿Cómo puedo contactarle?", {"has": ["formulario de contacto", "daniyal@example.com"]})],
    ),
    ("spanish", [("¿Dónde vive?", {"has": ["En remoto"]})]),
    (
        "spanish",
        [("¿Dónde trabajó antes de Empresa tecnológica?", {"has": ["Startup", "Antes de"]})],
    ),
    ("spanish", [("¿Qué proyectos ha creado?", {"has": ["Chatbot interactivo", "Minijuego"]})]),
    (
        "spanish",
        [("¿Está disponible para nuevos proyectos?", {"has": ["Abierto a nuevas oportunidades"]})],
    ),
    (
        "spanish",
        [("What is his tech stack?", {"has": ["Tecnologías con las que trabaja"], "lang": "es"})],
    ),
    (
        "spanish",
        [
            (
                "¿Cuál es su experiencia?",
                {"has": ["Experiencia laboral de"], "accept": "es-ES,es;q=0.9"},
            )
        ],
    ),
    (
        "spanish",
        [
            ("¿Qué proyectos ha creado?", {"has": ["Explorador de herramientas"]}),
            ("Háblame más del segundo", {"has": ["Explorador de herramientas", "scrapers"]}),
        ],
    ),
    ("offtopic", [("Write me a Python function that reverses a string", {"decline": True})]),
    ("offtopic", [("Who won the World Cup?", {"decline": True})]),
    ("offtopic", [("What's the weather like today?", {"decline": True})]),
    ("offtopic", [("Tell me a joke", {"decline": True})]),
    ("offtopic", [("What is the capital of France?", {"decline": True})]),
    (
        "offtopic",
        [
            (
                "Escribe una función en JavaScript que ordene una lista",
                {"decline": True, "has": ["no puedo ayudarte"]},
            )
        ],
    ),
    ("offtopic", [("¿Quién ganó el Mundial?", {"decline": True, "has": ["no puedo ayudarte"]})]),
    ("offtopic", [("Cuéntame un chiste", {"decline": True})]),
    ("joined", [("How many years of experience does he have?", YEARS_EN)]),
    ("joined", [("How long has he been working as a developer?", YEARS_EN)]),
    (
        "joined",
        [
            (
                "What has he built with LLMs?",
                {"has": ["Interactive Chatbot", "grounded"], "not": ["Tool Explorer", "Mini Game"]},
            )
        ],
    ),
    ("joined", [("What has he built with FastAPI?", {"has": ["Interactive Chatbot"]})]),
    ("joined", [("Which projects use Chroma?", {"has": ["RAG CV Chat"], "not": ["Mini Game"]})]),
    ("joined", [("What has he built with p5.js?", {"has": ["Mini Game"]})]),
    (
        "joined",
        [("What has he built with Docker?", {"has": ["No project", "Digital Agency"]})],
    ),
    ("joined", [("¿Cuántos años de experiencia tiene?", YEARS_ES)]),
    ("joined", [("¿Cuánto tiempo lleva trabajando?", YEARS_ES)]),
    (
        "joined",
        [("¿Qué ha construido con LLMs?", {"has": ["Chatbot interactivo"], "not": ["Minijuego"]})],
    ),
    ("joined", [("¿Qué proyectos ha hecho con Docker?", {"has": ["Agencia digital"]})]),
    ("unknown", [("What is his favourite pizza topping?", {"unknown": True})]),
    ("unknown", [("Does he know Rust?", {"unknown": True})]),
    ("unknown", [("How old is he?", {"unknown": True})]),
    ("unknown", [("Where did he go to university?", {"unknown": True})]),
    ("unknown", [("¿Cuántos años tiene?", {"unknown": True})]),
]

LABELS = {
    "owner": "owner questions answered from the content",
    "followup": "follow-ups resolved from the session",
    "order": "before / after / first / current",
    "profile": "location, contact, availability",
    "spanish": "Spanish",
    "offtopic": "off-topic requests declined",
    "joined": "joined facts (years of work, built with X)",
    "unknown": "honest 'I don't know'",
}
TARGETS = {category: 1.0 for category in LABELS}


def _setup():
    handle, path = tempfile.mkstemp(prefix="home_eval_", suffix=".sqlite3")
    os.close(handle)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.pop("REDIS_URL", None)
    # The offline responder is what is measured: no model, whatever .env says.
    for name in ("OPENAI_API_KEY", "OPENROUTER_API_KEY"):
        os.environ[name] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from portfolio.api.throttles import ChatRateThrottle
    from portfolio.services import seed_load

    setup_test_environment()
    logging.getLogger("portfolio.access").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    seed_load()
    ChatRateThrottle.THROTTLE_RATES["chat"] = None
    return path


def _content_corpus() -> str:
    """Every text the seed content holds, both languages, plus the responder's own sentences."""
    import json

    from django.utils import translation
    from django.utils.dates import MONTHS

    from chat_app.offline import LINK_LABELS, TEXT
    from portfolio.api.language import supported_languages

    texts = []
    for fixture in (ROOT / "fixtures").glob("*.json"):
        texts.append(json.dumps(json.loads(fixture.read_text()), ensure_ascii=False))
    for language in supported_languages():
        with translation.override(language):
            texts += [str(text) for text in TEXT.values()]
            texts += [str(label) for _, label in LINK_LABELS]
            texts += [str(month) for month in MONTHS.values()]
    return " ".join(texts).lower()


FACT = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b(?:19|20)\d\d\b|\b[A-Z][\w.+#/-]+")


def invented(answer: str, corpus: str) -> list[str]:
    """Years, links, addresses and capitalised names in the answer that the content lacks."""
    found = []
    for token in FACT.findall(answer):
        token = token.rstrip(".,:;)?!")
        if token and token.lower() not in corpus:
            found.append(token)
    return found


def judge(answer: str, expect: dict) -> list[str]:
    problems = []
    if expect.get("decline") and not any(d in answer for d in DECLINE):
        problems.append("not declined")
    if not expect.get("decline") and any(d in answer for d in DECLINE):
        problems.append("declined")
    if expect.get("unknown") and not any(u in answer for u in UNKNOWN):
        problems.append("no honest 'I don't know'")
    problems += [f"missing {fact!r}" for fact in expect.get("has", []) if fact not in answer]
    problems += [f"has {text!r}" for text in expect.get("not", []) if text in answer]
    return problems


def ask(client, question, expect, session_id):
    path = "/api/v1/chat/send" + (f"?lang={expect['lang']}" if expect.get("lang") else "")
    body = {"message": question, **({"session_id": session_id} if session_id else {})}
    headers = {"HTTP_ACCEPT_LANGUAGE": expect["accept"]} if expect.get("accept") else {}
    response = client.post(path, body, content_type="application/json", **headers)
    data = response.json()["data"]
    return data["answer"], data["session_id"]


def main(verbose=False) -> int:
    path = _setup()
    try:
        from django.test import Client

        corpus = _content_corpus()
        totals = {category: [0, 0] for category in LABELS}
        made_up = []
        for category, turns in CONVERSATIONS:
            client, session_id = Client(), None
            for question, expect in turns:
                answer, session_id = ask(client, question, expect, session_id)
                problems = judge(answer, expect)
                extra = invented(answer, corpus)
                made_up += extra
                totals[category][0] += not problems
                totals[category][1] += 1
                if verbose or problems or extra:
                    mark = "ok  " if not problems else "FAIL"
                    print(f"{mark} [{category}] {question}\n     -> {answer!r}")
                    for problem in problems + [f"invented {t!r}" for t in extra]:
                        print(f"     ! {problem}")
        return _report(totals, made_up)
    finally:
        Path(path).unlink(missing_ok=True)


def _report(totals, made_up) -> int:
    print("\nHome assistant (offline, seed content)")
    missed = False
    for category, (right, total) in totals.items():
        share = right / total if total else 1.0
        missed |= share < TARGETS[category]
        print(f"  {LABELS[category]:<45} {right:>3}/{total:<3} {share:7.1%}")
    print(f"  {'invented facts':<45} {len(made_up):>3}")
    return 1 if missed or made_up else 0


if __name__ == "__main__":
    sys.exit(main(verbose="-v" in sys.argv))
