"""Independent cross-check of the core's arithmetic.

``benchmarks/pure_python.py`` implements the documented scoring rules in
plain Python without the library; it must give exactly the library's index
and theme scores (after the 2-decimal rounding both publish) on the
examples, on the golden vectors that score, and on 2,000 generated level-2
assessments. The last tests make sure the comparison has teeth: deliberately
wrong variants of the Python implementation must be caught by the
generated assessments.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import sobriete

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "benchmarks"))

import generate  # noqa: E402
import pure_python  # noqa: E402

N_GENERATED = 2_000
SEED = 20_260_312

Scores = tuple[float | None, dict[str, float | None]]


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def library_scores(report: Any) -> Scores:
    return report.index, {t.id: t.score for t in report.themes}


def mismatches(
    referential: dict[str, Any], assessments: list[dict[str, Any]], expected: list[Scores]
) -> list[str]:
    scorer = pure_python.Scorer(referential)
    out = []
    for i, (a, want) in enumerate(zip(assessments, expected, strict=True)):
        got = scorer.score(a)
        if got != want:
            diff = {k: (got[1].get(k), v) for k, v in want[1].items() if got[1].get(k) != v}
            out.append(
                f"#{i} ({a['profile']['kind']}, {a['profile']['population']}): "
                f"index python {got[0]} library {want[0]}; themes (python, library) {diff}"
            )
    return out


@pytest.fixture(scope="module")
def ref() -> Any:
    return sobriete.default_referential()


@pytest.fixture(scope="module")
def ref_dict(ref: Any) -> dict[str, Any]:
    return ref.to_dict()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def generated(ref_dict: dict[str, Any]) -> list[dict[str, Any]]:
    return generate.generate(ref_dict, N_GENERATED, seed=SEED)


@pytest.fixture(scope="module")
def reports(ref: Any, generated: list[dict[str, Any]]) -> list[Any]:
    """The library's reports of the generated assessments, in one batch call
    (``score_many`` scores each with the same core as ``score``); an invalid
    assessment's exception takes its place."""
    return ref.score_many(generated, errors="return")  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def library(reports: list[Any]) -> list[Scores]:
    errors = [f"#{i}: {r}" for i, r in enumerate(reports) if isinstance(r, Exception)]
    assert not errors, "invalid generated assessments:\n" + "\n".join(errors[:5])
    return [library_scores(r) for r in reports]


# -- rounding -----------------------------------------------------------------


@pytest.mark.parametrize(
    "x, want",
    [
        (25.625, 25.63),  # binary 25.62499…: the decimal value is what is rounded
        (77.77777777777777, 77.78),
        (63.194444444444443, 63.19),
        (0.005, 0.01),
        (1.0049999, 1.0),
        (0.0, 0.0),
        (100.0, 100.0),
        (-25.625, -25.63),  # half away from zero
        (2.675, 2.68),  # Python's round(2.675, 2) gives 2.67
    ],
)
def test_round2(x: float, want: float) -> None:
    assert pure_python.round2(x) == want


# -- agreement with the library -------------------------------------------------


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.json")), ids=lambda p: p.name)
def test_examples(ref: Any, ref_dict: dict[str, Any], path: Path) -> None:
    a = load(path)
    assert pure_python.score(ref_dict, a) == library_scores(ref.score(a))


def score_vectors() -> list[Path]:
    return [
        p
        for p in sorted((ROOT / "tests" / "vectors").glob("*.json"))
        if load(p).get("operation", "score") == "score" and "report" in load(p)["expected"]
    ]


@pytest.mark.parametrize("path", score_vectors(), ids=lambda p: p.name)
def test_golden_vectors(ref_dict: dict[str, Any], path: Path) -> None:
    """The vectors' own referentials exercise what the default one does not
    (yes/no points, caps, bands, unicode ids, defaults left out)."""
    case = load(path)
    if "referential" in case:
        referential = case["referential"]
        library_ref = sobriete.Referential.load(referential)
    else:
        referential, library_ref = ref_dict, sobriete.default_referential()
    got = pure_python.score(referential, case["assessment"])
    assert got == library_scores(library_ref.score(case["assessment"]))
    report = case["expected"]["report"]
    assert got == (report["index"], {t["id"]: t["score"] for t in report["themes"]})


def test_generated_assessments(
    ref_dict: dict[str, Any], generated: list[dict[str, Any]], library: list[Scores]
) -> None:
    bad = mismatches(ref_dict, generated, library)
    assert not bad, f"{len(bad)} of {len(generated)} differ:\n" + "\n".join(bad[:10])


def test_score_table_agrees(
    ref: Any, ref_dict: dict[str, Any], generated: list[dict[str, Any]], library: list[Scores]
) -> None:
    sample = generated[:200]
    table = ref.score_table(sample)
    assert table["error"] == [None] * len(sample)
    for i, (index, themes) in enumerate(library[: len(sample)]):
        assert table["index"][i] == index
        for tid, score in themes.items():
            assert table[f"theme:{tid}"][i] == score


# -- the generated assessments are valid and varied ------------------------------


def test_generated_are_deterministic(ref_dict: dict[str, Any], generated: list[dict[str, Any]]) -> None:
    assert generate.generate(ref_dict, 50, seed=SEED) == generated[:50]
    assert generate.generate(ref_dict, 50, seed=SEED + 1) != generated[:50]


def test_generated_are_valid_and_varied(
    generated: list[dict[str, Any]], reports: list[Any], library: list[Scores]
) -> None:
    assert not [r for r in reports if isinstance(r, Exception)]
    warnings = {i.code for r in reports for i in (r.warnings or [])}
    assert {"answer_to_hidden_question", "answer_out_of_profile"} <= warnings
    assert all(a["level"] == 2 for a in generated)
    kinds = {a["profile"]["kind"] for a in generated}
    assert {"commune", "communaute_de_communes", "communaute_d_agglomeration", "metropole", "departement"} <= kinds
    populations = {a["profile"]["population"] for a in generated if a["profile"]["kind"] == "commune"}
    assert {50_000, 50_001} <= populations  # both sides of the default referential's threshold
    answer_kinds = {x["kind"] for a in generated for x in a["answers"].values()}
    assert answer_kinds == {"yes", "no", "choice", "number", "dont_know", "not_applicable", "unanswered"}
    indexes = {index for index, _ in library}
    assert len(indexes) > N_GENERATED // 2  # varied results


# -- the cross-check can fail -------------------------------------------------------


def _without(
    assessments: list[dict[str, Any]], kinds: tuple[str, ...], absent_too: bool, ref_dict: dict[str, Any]
) -> list[dict[str, Any]]:
    """The assessments with answers of these kinds turned into "not
    applicable" (not counted): a variant of the rules."""
    out = []
    for a in assessments:
        a = copy.deepcopy(a)
        answers = a["answers"]
        for q in ref_dict["questions"]:
            x = answers.get(q["id"])
            if (x is None and absent_too) or (x is not None and x["kind"] in kinds):
                answers[q["id"]] = {"kind": "not_applicable"}
        out.append(a)
    return out


MUTANTS = [
    "unanswered not counted",
    "don't know not counted",
    "conditions ignored",
    "profile scope ignored",
    "multiple-choice cap ignored",
    "numeric band bound exclusive",
    "theme weights ignored",
    "question weights ignored",
    "Python's round()",
]


@pytest.mark.parametrize("mutant", MUTANTS)
def test_a_wrong_implementation_is_caught(
    monkeypatch: pytest.MonkeyPatch,
    ref_dict: dict[str, Any],
    generated: list[dict[str, Any]],
    library: list[Scores],
    mutant: str,
) -> None:
    referential = copy.deepcopy(ref_dict)
    assessments = generated
    if mutant == "unanswered not counted":
        assessments = _without(generated, ("unanswered",), True, ref_dict)
    elif mutant == "don't know not counted":
        assessments = _without(generated, ("dont_know",), False, ref_dict)
    elif mutant == "conditions ignored":
        monkeypatch.setattr(pure_python, "_condition_holds", lambda c, a: True)
    elif mutant == "profile scope ignored":
        monkeypatch.setattr(pure_python, "_applies", lambda q, p: True)
    elif mutant == "multiple-choice cap ignored":
        for q in referential["questions"]:
            q["response"].pop("cap", None)
    elif mutant == "numeric band bound exclusive":
        for q in referential["questions"]:
            for band in q["response"].get("bands", []):
                band["from"] += 1e-9
    elif mutant == "theme weights ignored":
        for t in referential["themes"]:
            t["weight"] = 1.0
    elif mutant == "Python's round()":
        monkeypatch.setattr(pure_python, "round2", lambda x: round(x, 2))
    elif mutant == "question weights ignored":
        for q in referential["questions"]:
            q["weight"] = 1.0
    bad = mismatches(referential, assessments, library)
    assert bad, f"the variant {mutant!r} was not told apart from the library"
