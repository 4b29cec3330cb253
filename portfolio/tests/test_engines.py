"""The hooks through which a lower app reaches a higher one (portfolio/engines.py)."""

import pytest

from chat_app.selectors import chat_answer_get, chat_content_answer
from cv_app.selectors import cv_answer_get
from faq_app.grounding import faq_answer
from faq_app.services import inbox_question_record
from portfolio import engines


def test_each_hook_is_provided_by_the_app_that_owns_it_once_django_is_ready():
    provided = {name: engines._provider(name) for name in engines.PROVIDED}

    assert provided == {
        "content_answer": chat_content_answer,
        "owner_answer": faq_answer,
        "inbox_question_record": inbox_question_record,
    }


def test_an_answer_is_looked_up_in_the_assistants_records_then_the_cvs():
    assert engines._answer_lookups == [chat_answer_get, cv_answer_get]


def test_providing_a_name_nothing_calls_is_refused():
    with pytest.raises(TypeError, match="owner_anwser"):
        engines.engines_provide(owner_anwser=faq_answer)
