"""CV questions before any CV is uploaded: answered from the owner's content, never a dead end.

The content is the same the generated resume PDF holds (profile, experience,
projects, skills), and the answer says first that no CV file has been uploaded yet.
"""

from django.utils import translation

from chat_app.knowledge import knowledge_load
from chat_app.offline import Answer, offline_answer
from cv_app.index import active_documents
from portfolio.api.language import default_language, normalize_language

NO_CV_FILE = {
    "en": "No CV file has been uploaded yet, so this answer comes from the site's own content.",
    "es": (
        "Todavía no se ha subido ningún archivo de CV, así que esta respuesta sale del "
        "contenido del propio sitio."
    ),
}


def cv_content_answer(*, question, language=None) -> Answer | None:
    """The answer from the content while no CV is active; None once one is (the
    caller then answers from the CV as usual). `language` defaults to the active one."""
    if active_documents().exists():
        return None
    language = (
        normalize_language(language or translation.get_language() or "") or default_language()
    )
    answer = offline_answer(question, knowledge_load(language=language), ())
    return Answer(f"{NO_CV_FILE.get(language, NO_CV_FILE['en'])}\n\n{answer.text}", answer.sources)
