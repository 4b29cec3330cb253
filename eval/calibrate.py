"""Fits the offline CV answer's confidence on the corpus's calibration split.

    .venv/bin/python eval/calibrate.py [--dry-run] [--l2 1.0] [--split calibration]

Every CV of the calibration split (eval/cvgen: seeds 7101-7116, which no rule
was tuned on or written from) is
uploaded and processed as an upload is; each of its questions goes through
cv_answer with no model configured. Every answer that passed the answerer's
checks gives one sample: the named features
(cv_app/calibration.py) of its least confident part, labelled 1 when the whole
answer was right (every part's facts and page) and 0 when it was wrong or
answered a question that should have been refused. Answers refused by a check
have no confidence to calibrate: they are shown as refusals whatever it is.

A logistic model with an L2 penalty on the weights (not the bias) is fitted by
Newton's method, numpy only, and written to cv_app/calibration.json with the
figures it was fitted on. The test split is never read here.

Why not the tuning split: the rules were tuned until its answers were right, so a
model fitted there learns that answers are almost always right and gives confident
wrong answers on CVs nobody tuned for. `--split tuning` is kept for comparison.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ["OPENAI_API_KEY"] = ""  # the offline answerer is what is calibrated


def samples(split: str = "calibration") -> list[dict]:
    """Every answer the answerer would offer on the split: its features, whether it
    was right, the rule that chose it, the question and the answer."""
    from cv_setup import ingest, setup_django

    setup_django()
    from cv_app.index import cv_index
    from cv_app.models import CVDocument
    from cv_app.services import cv_answer, format_quotes
    from eval.cvgen.corpus import load_split
    from eval.cvgen.scoring import part_ok

    found = []
    for cv in load_split(split):
        ingest(cv.data(), cv.filename)
        cv_index.clear()
        for question in cv.questions:
            result = cv_answer(question=question.text)
            offered = [p for p in result.parts if p.answered]
            if not offered:
                continue
            weakest = min(offered, key=lambda p: p.confidence)
            if question.refusable:
                right = 0
            else:
                text = format_quotes([q for p in offered for q in p.quotes], result.language)
                right = int(all(part_ok(text, part) for part in question.parts))
            found.append(
                {
                    "features": weakest.features,
                    "right": right,
                    "rule": weakest.rule,
                    "question": question.text,
                    "answer": result.answer,
                }
            )
        CVDocument.objects.all().delete()
    return found


def fit(features: np.ndarray, y: np.ndarray, *, l2: float) -> np.ndarray:
    """Bias and weights of the logistic model, by Newton's method."""
    design = np.hstack([np.ones((len(features), 1)), features])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0
    w = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(w)), gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def reliability(p: np.ndarray, y: np.ndarray) -> list[str]:
    rows = []
    for low in np.arange(0.0, 1.0, 0.1):
        inside = (p >= low) & (p < low + 0.1 + (1e-9 if low >= 0.9 else 0))
        if inside.any():
            rows.append(
                f"  {low:.1f}-{low + 0.1:.1f}: {int(inside.sum()):4d} answers, "
                f"{100 * y[inside].mean():5.1f}% right"
            )
    return rows


def main(dry_run=False, l2=1.0, split="calibration", samples_path=None) -> int:
    from cv_app.calibration import COEFFICIENTS, FEATURES

    names = list(FEATURES)
    cached = Path(samples_path) if samples_path else None
    if cached and cached.exists():
        data = json.loads(cached.read_text())
    else:
        data = samples(split)
        if cached:
            cached.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    features = np.array([[float(d["features"].get(name, 0.0)) for name in names] for d in data])
    y = np.array([d["right"] for d in data], dtype=float)
    w = fit(features, y, l2=l2)
    p = 1.0 / (1.0 + np.exp(-(w[0] + features @ w[1:])))
    print(f"{len(y)} answers offered on the {split} split, {int(y.sum())} right")
    for name, weight in zip(names, w[1:], strict=True):
        print(f"  {name:14s} {weight:+.3f}")
    print(f"  {'bias':14s} {w[0]:+.3f}")
    print(f"reliability on the {split} split (confidence -> share right):")
    print("\n".join(reliability(p, y)))
    for threshold in (0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95):
        shown = p >= threshold
        print(
            f"  threshold {threshold:.2f}: {int(shown.sum())} shown, "
            f"{int((shown & (y == 0)).sum())} of them wrong, "
            f"{int((~shown & (y == 1)).sum())} right ones refused"
        )
    if dry_run:
        return 0
    COEFFICIENTS.write_text(
        json.dumps(
            {
                "note": f"Fitted by eval/calibrate.py on the corpus's {split} split.",
                "split": split,
                "samples": len(y),
                "right": int(y.sum()),
                "l2": l2,
                "bias": round(float(w[0]), 4),
                "weights": {
                    name: round(float(weight), 4) for name, weight in zip(names, w[1:], strict=True)
                },
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written to {COEFFICIENTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--l2", type=float, default=1.0)
    # Never the test split: its figures are reported, not fitted on.
    parser.add_argument("--split", choices=("calibration", "tuning"), default="calibration")
    parser.add_argument(
        "--samples",
        dest="samples_path",
        help="a JSON file of the samples: read when it exists (to try another --l2 at once), "
        "else written",
    )
    sys.exit(main(**vars(parser.parse_args())))
