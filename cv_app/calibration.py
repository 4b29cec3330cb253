"""The probability that an offline CV answer is right, from named features.

A logistic model: p = 1 / (1 + exp(-(bias + sum(weight * feature)))). The weights
are fitted by eval/calibrate.py on the calibration split of the generated corpus
(numpy only; CVs no rule was tuned on) and committed in cv_app/calibration.json,
so what a visitor is shown as confidence is the share of answers with those
features that were right there.
Every feature is in [0, 1]; see `FEATURES` for what each one measures.
"""

import json
import math
from functools import cache
from pathlib import Path

COEFFICIENTS = Path(__file__).with_name("calibration.json")

FEATURES = {
    "cosine": "best cosine between the question and the chosen units' chunks",
    "coverage": "share of the question's content words found in the quoted lines",
    "unit_coverage": "share of the question's content words found in the chosen units",
    "rule": "1 when a structural rule (named entry, period, order, list...) chose the unit",
    "type_match": "1 when the quote holds the kind of answer asked for (a date, a number...)",
    "section_match": "1 when the chosen unit is in the section the question names",
    "top_agrees": "1 when the chosen unit is also the best-scored unit of the whole CV",
    "lexical_agrees": "1 when no unit holds more of the question's words than the chosen one",
    "entity_match": "1 when a name the question presumes is in the chosen unit",
    "margin": "score lead of the chosen line over the best line of any other unit",
    "bridged": "1 when question and CV are in different languages",
    # Risks, each read from the answer itself: what made answers wrong on CVs the
    # rules were not tuned on.
    "glossed": "1 when a question word met the quote only through a Spanish gloss or cognate",
    "loose_match": "share of the question words met in the quote by a shared stem, not whole",
    "type_unchecked": "1 when the kind of answer asked for cannot be checked on the quote",
    "rivals": "lines of other units scored within a small margin of the chosen one (0-1)",
    "entity_unseen": "1 when a name the question presumes is not written in the chosen unit",
    "section_conflict": "1 when the question names a section and the answer is from another",
    "uncounted": "1 when a how-many answer's numbers count nothing the question names",
}


@cache
def coefficients() -> dict:
    return json.loads(COEFFICIENTS.read_text())


def probability(features: dict) -> float:
    fitted = coefficients()
    z = fitted["bias"] + sum(
        weight * float(features.get(name, 0.0)) for name, weight in fitted["weights"].items()
    )
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))
