"""The maturity index in plain Python (standard library only).

An independent, readable implementation of the scoring rules documented in
docs/scoring.md ("The rules"), written from the documentation and the JSON
shapes of the referential and of assessments. It is the baseline of
``bench_batch.py`` and the cross-check of ``tests/test_pure_python.py``:
it deliberately does not import ``sobriete``.

    index, themes = score(referential_dict, assessment_dict)

``index`` is the maturity index (0–100, 2 decimals, ``None`` when no theme
has a score), ``themes`` maps every theme id, in referential order, to its
score (2 decimals, ``None`` when nothing is counted in it).

The rules, for an assessment of level L:

* a question is *shown* when its level ≤ L, it applies to the profile
  (``applies_to``: kinds, inclusive population range) and, if it has a
  condition, its parent question is itself shown and its answer satisfies
  the condition (``is_yes``, ``is_no``, ``any_of``, ``at_least``,
  ``less_than``);
* a shown question is *counted* unless it is answered "not applicable";
  "don't know" and unanswered (or absent) answers are counted and earn 0;
* its credit is ``weight × points ÷ max points``;
* a theme's score is ``100 × Σ credit ÷ Σ weight`` over its counted
  questions; the index is the mean of the theme scores weighted by the
  theme weights, over the themes that have a score;
* published figures are rounded to 2 decimals, half away from zero, on the
  decimal value (see ``round2``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["Scorer", "score", "round2", "max_points", "answer_points"]

Json = Mapping[str, Any]


# -- rounding -------------------------------------------------------------


def round2(x: float) -> float:
    """Rounds to 2 decimals, half away from zero, on the decimal value.

    ``25.625`` is stored as the double 25.62499999…; a nudge of 1e-9 of a
    hundredth (far below any real difference between two scores) brings
    such ties back to the decimal rule, as the library does.
    """
    y = x * 100.0
    y += math.copysign(1e-9, y)
    whole = math.floor(abs(y))
    if abs(y) - whole >= 0.5:  # exact: subtracting the integer part of a double
        whole += 1
    return math.copysign(whole, y) / 100.0


# -- points of a question ---------------------------------------------------


def max_points(response: Json) -> int:
    """The most points an answer to a question can earn."""
    kind = response["kind"]
    if kind == "yes_no":
        return max(response.get("yes_points", 1), response.get("no_points", 0), 0)
    if kind == "single_choice":
        return max([o["points"] for o in response["options"]] + [0])
    if kind == "multiple_choice":
        total = sum(max(o["points"], 0) for o in response["options"])
        cap = response.get("cap")
        return total if cap is None else min(total, max(cap, 0))
    if kind == "numeric":
        return max([b["points"] for b in response["bands"]] + [0])
    raise ValueError(f"unknown response kind {kind!r}")


def _option_points(response: Json, option_id: str) -> int | None:
    for o in response.get("options", ()):
        if o["id"] == option_id:
            return max(o["points"], 0)
    return None


def answer_points(response: Json, answer: Json) -> int:
    """Points an answer earns ("don't know", or an answer that does not fit
    the question, earns 0). Not called for N/A and unanswered."""
    kind, rkind = answer["kind"], response["kind"]
    if kind == "yes" and rkind == "yes_no":
        return max(response.get("yes_points", 1), 0)
    if kind == "no" and rkind == "yes_no":
        return max(response.get("no_points", 0), 0)
    if kind == "choice" and rkind == "single_choice":
        chosen = answer["options"]
        points = _option_points(response, chosen[0]) if chosen else None
        return points or 0
    if kind == "choice" and rkind == "multiple_choice":
        distinct = dict.fromkeys(answer["options"])  # keeps the first of duplicates
        total = sum(_option_points(response, o) or 0 for o in distinct)
        return min(total, max_points(response))
    if kind == "number" and rkind == "numeric":
        value = answer["value"]
        if not math.isfinite(value):
            return 0
        points = 0  # below the first band
        for band in response["bands"]:  # bands are sorted by increasing `from`
            if band["from"] <= value:
                points = max(band["points"], 0)
            else:
                break
        return points
    return 0  # "don't know" or a mismatched answer


# -- visibility -------------------------------------------------------------


def _applies(question: Json, profile: Json) -> bool:
    scope = question.get("applies_to")
    if not scope:
        return True
    kinds = scope.get("kinds") or []
    population = profile["population"]
    return (
        (not kinds or profile["kind"] in kinds)
        and (scope.get("min_population") is None or population >= scope["min_population"])
        and (scope.get("max_population") is None or population <= scope["max_population"])
    )


def _condition_holds(condition: Json, answer: Json | None) -> bool:
    if answer is None:
        return False
    kind, answered = condition["kind"], answer["kind"]
    if kind == "is_yes":
        return answered == "yes"
    if kind == "is_no":
        return answered == "no"
    if kind == "any_of":
        return answered == "choice" and any(o in condition["options"] for o in answer["options"])
    if kind == "at_least":
        return answered == "number" and answer["value"] >= condition["value"]
    if kind == "less_than":
        return answered == "number" and answer["value"] < condition["value"]
    raise ValueError(f"unknown condition kind {kind!r}")


# -- the computation ----------------------------------------------------------


class Scorer:
    """A referential prepared once (question lookups, max points) to score
    many assessments."""

    def __init__(self, referential: Json) -> None:
        self.themes: list[tuple[str, float]] = [
            (t["id"], float(t.get("weight", 1.0))) for t in referential["themes"]
        ]
        self.questions: list[Json] = list(referential["questions"])
        self.by_id: dict[str, Json] = {}
        for q in self.questions:
            self.by_id.setdefault(q["id"], q)
        self.max: dict[str, int] = {q["id"]: max_points(q["response"]) for q in self.questions}

    def _shown(self, qid: str, level: int, profile: Json, answers: Json, memo: dict[str, bool]) -> bool:
        if qid in memo:
            return memo[qid]
        memo[qid] = False  # a question on a cycle of conditions is hidden
        q = self.by_id.get(qid)
        if q is None:
            return False
        shown = q["level"] <= level and _applies(q, profile)
        condition = q.get("condition")
        if shown and condition is not None:
            parent = condition["question"]
            shown = self._shown(parent, level, profile, answers, memo) and _condition_holds(
                condition, answers.get(parent)
            )
        memo[qid] = shown
        return shown

    def score(self, assessment: Json) -> tuple[float | None, dict[str, float | None]]:
        """``(index, {theme id: score})``, rounded to 2 decimals."""
        level = assessment["level"]
        profile = assessment["profile"]
        answers = assessment.get("answers", {})
        memo: dict[str, bool] = {}
        credit = {tid: 0.0 for tid, _ in self.themes}
        weight = {tid: 0.0 for tid, _ in self.themes}

        for q in self.questions:
            qid = q["id"]
            if not self._shown(qid, level, profile, answers, memo):
                continue
            answer = answers.get(qid)
            kind = "unanswered" if answer is None else answer["kind"]
            if kind == "not_applicable":
                continue  # not counted
            max_pts = self.max[qid]
            w = q.get("weight", 1.0)
            if max_pts <= 0 or not w > 0 or q["theme"] not in credit:
                continue  # cannot be scored (rejected by validation anyway)
            points = 0 if kind == "unanswered" else min(answer_points(q["response"], answer), max_pts)
            credit[q["theme"]] += w * points / max_pts
            weight[q["theme"]] += w

        theme_scores: dict[str, float | None] = {}
        weighted_sum = 0.0
        weight_sum = 0.0
        for tid, tw in self.themes:
            if weight[tid] > 0:
                raw = 100.0 * credit[tid] / weight[tid]
                theme_scores[tid] = round2(raw)
                weighted_sum += tw * raw
                weight_sum += tw
            else:
                theme_scores[tid] = None
        index = round2(weighted_sum / weight_sum) if weight_sum > 0 else None
        return index, theme_scores


def score(referential: Json, assessment: Json) -> tuple[float | None, dict[str, float | None]]:
    """``(index, {theme id: score})`` of an assessment, rounded to 2 decimals."""
    return Scorer(referential).score(assessment)
