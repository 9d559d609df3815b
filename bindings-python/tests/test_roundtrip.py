"""Round trips: dict → typed object → dict is lossless, through the core
too (documents read, validated and written back by the Rust library)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import sobriete
from sobriete import _documents

from conftest import EXAMPLES, ROOT, load, vector_paths

ASSESSMENTS = sorted(EXAMPLES.glob("*.json"))


def assert_no_loss(original: Any, written: Any, path: str = "") -> None:
    """Every value of `original` is in `written` unchanged; the core may only
    add fields holding their documented defaults (e.g. `yes_points: 1`)."""
    if isinstance(original, dict):
        assert isinstance(written, dict), path
        for k, v in original.items():
            assert k in written, f"{path}/{k} lost"
            assert_no_loss(v, written[k], f"{path}/{k}")
    elif isinstance(original, list):
        assert isinstance(written, list) and len(written) == len(original), path
        for i, (a, b) in enumerate(zip(original, written, strict=True)):
            assert_no_loss(a, b, f"{path}/{i}")
    else:
        assert original == written, f"{path}: {original!r} became {written!r}"


def vector_assessments() -> list[dict[str, Any]]:
    """(referential, assessment) pairs of the valid score vectors."""
    out = []
    for p in vector_paths():
        case = load(p)
        if case.get("operation", "score") == "score" and "report" in case["expected"]:
            out.append(case)
    return out


@pytest.mark.parametrize("path", ASSESSMENTS, ids=lambda p: p.stem)
def test_assessment_through_the_core(ref: Any, path: Any) -> None:
    original = load(path)
    loaded = ref.load_assessment(original)
    assert isinstance(loaded, sobriete.Assessment)
    assert loaded.to_dict() == original
    # And again from the object itself.
    assert ref.load_assessment(loaded) == loaded


@pytest.mark.parametrize("case", vector_assessments(), ids=lambda c: c["name"])
def test_vector_documents_through_the_core(case: dict[str, Any]) -> None:
    r = sobriete.Referential.load(case["referential"]) if "referential" in case else sobriete.default_referential()
    if "referential" in case:
        written = r.to_dict()
        assert_no_loss(case["referential"], written)
        assert sobriete.Referential.load(written).to_dict() == written  # a fixed point
    assert r.load_assessment(case["assessment"]).to_dict() == case["assessment"]


def test_default_referential_round_trip(ref: Any) -> None:
    d = ref.to_dict()
    assert json.loads(ref.to_json()) == d
    again = sobriete.Referential.load(d)
    assert again.to_dict() == d
    assert sobriete.Referential.load(ref.document).to_dict() == d


def test_numbers_read_as_python_reads_them() -> None:
    # A weight of 23 digits: the core reads it correctly rounded, as
    # Python's `float` does, and the referential reads back into itself.
    text = (ROOT / "fuzz" / "regressions" / "referential" / "float-round-trip.json").read_text(encoding="utf-8")
    r = sobriete.Referential.load(text)
    assert r.to_dict()["questions"][0]["weight"] == float("17836096332352847805246e-23")
    assert sobriete.Referential.load(r.to_json()).to_dict() == r.to_dict()


def test_plan_round_trip(ref: Any) -> None:
    plan = ref.plan_from_proposal(EXAMPLES / "commune-rurale-niveau1.json", {"target": {"index": 50}}, "2026-04-01")
    d = plan.to_dict()
    assert ref.load_plan(d).to_dict() == d
    assert ref.load_plan(json.dumps(d)) == plan


def test_results_round_trip(ref: Any) -> None:
    path = EXAMPLES / "agglomeration-niveau2.json"
    for result in [
        ref.score(path),
        ref.candidates(path),
        ref.propose(path, {"target": {"index": 90}}),
        ref.compare(path, EXAMPLES / "peers" / "communes-creuse.json", 3),
        ref.validate(path),
    ]:
        d = result.to_dict()
        again = type(result)(d)
        assert again.to_dict() == d and again == result
        assert type(result)(json.loads(result.to_json())) == result
        # to_dict is a copy: changing it does not change the object.
        d["__changed__"] = True
        assert "__changed__" not in result.to_dict()


def test_every_generated_class_wraps_and_unwraps() -> None:
    classes = [getattr(_documents, n) for n in _documents.__all__]
    classes = [c for c in classes if isinstance(c, type) and issubclass(c, _documents.Document)]
    assert len(classes) > 60
    for cls in classes:
        d = {"x": [1, {"y": None}]}
        assert cls(d).to_dict() == d
    with pytest.raises(TypeError):
        sobriete.ScoreReport([1, 2])  # type: ignore[arg-type]
