"""What an answer engine needs from an app it may not import.

The apps import one way (docs/architecture.md, "Between apps: one direction"): cv_app,
then faq_app, then chat_app, each importing only those before it;
portfolio/tests/test_app_imports.py fails on any two apps that import each other. When a
lower app needs something a higher one owns, the higher one provides it here from its
AppConfig.ready() and the lower one calls the function here of the same name, the way
the embedded runner takes its jobs (cv_app.runner.register). Nothing is provided before
the app registry is ready: call these while answering, never at import.
"""

from django.core.exceptions import ImproperlyConfigured

# What one app provides, by the name of the function below that calls it.
PROVIDED = ("content_answer", "owner_answer", "inbox_question_record")

_provided: dict = {}
_answer_lookups: list = []


def engines_provide(**functions):
    """From an AppConfig.ready(): engines_provide(content_answer=chat_content_answer)."""
    unknown = sorted(set(functions) - set(PROVIDED))
    if unknown:
        raise TypeError(f"Nothing here calls {', '.join(unknown)}; known: {', '.join(PROVIDED)}.")
    _provided.update(functions)


def answer_lookup_register(lookup):
    """Each engine that records answers registers its `lookup(answer_id=...)`, in
    INSTALLED_APPS order; the first that knows the id answers."""
    if lookup not in _answer_lookups:
        _answer_lookups.append(lookup)


def content_answer(*, question, language):
    """The home assistant's answer from the site's content alone (chat_app), which the
    CV endpoint gives before any CV is uploaded."""
    return _provider("content_answer")(question=question, language=language)


def owner_answer(*, question, language):
    """The owner's own published answer (faq_app), or None."""
    return _provider("owner_answer")(question=question, language=language)


def inbox_question_record(**fields):
    """A question an engine refused or answered with low confidence, for the owner's
    inbox (faq_app)."""
    return _provider("inbox_question_record")(**fields)


def answer_get(*, answer_id) -> dict | None:
    """{kind, question, answer, language, session_id} of any engine's answer, None when
    none of them gave it."""
    for lookup in _answer_lookups:
        answer = lookup(answer_id=answer_id)
        if answer is not None:
            return answer
    return None


def _provider(name):
    try:
        return _provided[name]
    except KeyError:
        # Only when the providing app is not installed or its ready() did not run.
        raise ImproperlyConfigured(f"No installed app provides {name}.") from None
