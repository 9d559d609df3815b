"""Invalid documents raise ValidationError with every problem; hostile
inputs give typed errors, never a crash or a PanicException."""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import pytest

import sobriete

from conftest import EXAMPLES


def broken_assessment(commune: dict[str, Any]) -> dict[str, Any]:
    a = copy.deepcopy(commune)
    a["date"] = "2026-13-45"
    a["level"] = 3
    a["answers"]["gov-01"] = {"kind": "choice", "options": ["not-an-option"]}
    a["answers"]["gov-03"] = {"kind": "number", "value": 4}
    a["answers"]["no-such-question"] = {"kind": "yes"}
    return a


def test_broken_assessment_lists_every_problem(ref: Any, commune: dict[str, Any]) -> None:
    with pytest.raises(sobriete.ValidationError) as info:
        ref.score(broken_assessment(commune))
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, sobriete.Error)
    assert e.code == "invalid_document" and e.document == "assessment"
    found = {(i.code, i.path) for i in e.errors}
    assert found == {
        ("invalid_date", "/date"),
        ("invalid_level", "/level"),
        ("unknown_option", "/answers/gov-01/options/0"),
        ("answer_mismatch", "/answers/gov-03/kind"),
        ("unknown_question", "/answers/no-such-question"),
    }
    assert all(i.message for i in e.issues)
    # The message names the first problem and how many more there are.
    assert "(and 4 more)" in str(e)


def test_structural_errors_all_at_once(ref: Any, commune: dict[str, Any]) -> None:
    a = copy.deepcopy(commune)
    a["level"] = "two"
    a["profile"]["population"] = -5
    a["answers"]["gov-01"] = {"kind": "maybe"}
    a["colour"] = "blue"
    with pytest.raises(sobriete.ValidationError) as info:
        ref.score(a)
    codes = {(i.code, i.path) for i in info.value.issues}
    assert ("unknown_field", "/colour") in codes
    assert ("invalid_type", "/level") in codes
    assert ("unknown_variant", "/answers/gov-01/kind") in codes
    assert any(p.startswith("/profile/population") for _, p in codes)


def test_invalid_referential(ref: Any) -> None:
    doc = ref.to_dict()
    doc["questions"][0]["theme"] = "nowhere"
    doc["version"] = "one"
    with pytest.raises(sobriete.ValidationError) as info:
        sobriete.Referential.load(doc)
    assert info.value.document == "referential"
    codes = {i.code for i in info.value.errors}
    assert {"unknown_theme", "invalid_version"} <= codes


def test_argument_errors(ref: Any, commune: dict[str, Any]) -> None:
    with pytest.raises(sobriete.ArgumentError) as info:
        ref.template(level=3)
    assert info.value.argument == "level" and info.value.code == "invalid_argument"
    assert info.value.name == "level"  # the older spelling still works
    assert info.value.to_dict()["argument"] == "level" and info.value.document == "argument"
    with pytest.raises(sobriete.ArgumentError):
        ref.full_report(commune, format="pdf")  # type: ignore[arg-type]
    with pytest.raises(sobriete.ArgumentError):
        ref.answers_csv(commune, lang="de")  # type: ignore[arg-type]
    plan = ref.plan_from_proposal(commune, {"target": {"index": 50}}, "2026-04-01")
    with pytest.raises(sobriete.ArgumentError) as info:
        ref.plan_status(plan, as_of="tomorrow")
    assert info.value.argument == "as_of"


def test_validate_never_raises_for_documents(ref: Any, commune: dict[str, Any]) -> None:
    report = ref.validate(broken_assessment(commune))
    assert not report.valid and report.document == "assessment"
    assert len([i for i in report.issues if i.severity == "error"]) == 5
    assert ref.validate(commune).valid
    assert sobriete.validate("not json at all").issues[0].code == "invalid_json"


HOSTILE = [
    "",
    "{",
    "[1, 2",
    "null",
    "42",
    '"a string"',
    "[]",
    "{}",
    '{"referential": ' * 5000 + "{}" + "}" * 5000,
    "[" * 100_000 + "]" * 100_000,
    '{"answers": {"\\ud800": {"kind": "yes"}}}',
    '{"level": 1e999}',
    '{"level": NaN}',
    "\x00\x01\x02",
    "x" * 1_000_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_gives_a_validation_error(ref: Any, text: str) -> None:
    with pytest.raises(sobriete.ValidationError) as info:
        ref.score(text)
    assert info.value.issues, "at least one issue"
    with pytest.raises(sobriete.ValidationError):
        sobriete.Referential.load(text)
    # The library still works afterwards.
    assert ref.score(EXAMPLES / "commune-rurale-niveau1.json").index == 28.82


HOSTILE_VALUES: list[Any] = [
    None,
    3,
    [1, 2],
    {1: "int key"},
    {"level": math.nan},
    {"level": float("inf")},
    {"answers": {"gov-01": {"kind": "number", "value": math.nan}}},
    {"answers": object()},
    {"date": b"bytes"},
    set(),
]


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
def test_hostile_python_values_give_typed_errors(ref: Any, value: Any) -> None:
    with pytest.raises(sobriete.Error):
        ref.score(value)


def test_deeply_nested_python_value(ref: Any) -> None:
    deep: Any = {}
    for _ in range(100_000):
        deep = {"x": deep}
    with pytest.raises(sobriete.ValidationError):
        ref.score(deep)
    shallow_enough: Any = []
    for _ in range(500):
        shallow_enough = [shallow_enough]
    with pytest.raises(sobriete.ValidationError) as info:
        ref.score({"answers": shallow_enough})
    assert info.value.issues[0].code == "too_deep"  # the core's nesting limit, checked before parsing
    assert ref.score(EXAMPLES / "commune-rurale-niveau1.json").index == 28.82


def test_batch_keeps_each_error_with_its_item(ref: Any, commune: dict[str, Any]) -> None:
    items = [commune, broken_assessment(commune), "{", commune]
    results = ref.score_many(items, errors="return")
    assert isinstance(results[0], sobriete.ScoreReport)
    assert isinstance(results[1], sobriete.ValidationError)
    assert len(results[1].errors) == 5
    assert isinstance(results[2], sobriete.ValidationError)
    assert results[2].issues[0].code == "invalid_json"
    assert isinstance(results[3], sobriete.ScoreReport)
    with pytest.raises(sobriete.ValidationError):
        ref.score_many(items)
    table = ref.score_table(items)
    assert table["index"] == [28.82, None, None, 28.82]
    assert table["error"][0] is None and "invalid_date" in table["error"][1]


def test_missing_file_is_an_os_error(ref: Any) -> None:
    with pytest.raises(FileNotFoundError):
        ref.score("does-not-exist.json")


def test_errors_pickle() -> None:
    import pickle

    e = sobriete.ValidationError("m", "plan", [{"code": "x", "path": "/a", "severity": "error", "message": "y"}])
    back = pickle.loads(pickle.dumps(e))
    assert back.to_dict() == e.to_dict()


def test_json_text_and_dict_agree(ref: Any, commune: dict[str, Any]) -> None:
    assert ref.score(json.dumps(commune)) == ref.score(commune)


def test_batch_reads_dicts_exactly_as_json(ref: Any, commune: dict[str, Any]) -> None:
    # Dicts in a batch are read straight into the core's type when they are
    # well formed, else as JSON text: both ways must give the same results,
    # errors included.
    variants: list[Any] = [commune]
    for change in [
        lambda a: a.update(level=True),
        lambda a: a.update(level=1.0),
        lambda a: a["profile"].update(population=806.0),
        lambda a: a["profile"].update(kind="village"),
        lambda a: a["profile"].update(siren=None),
        lambda a: a.update(extra=1),
        lambda a: a["answers"].update({"gov-01": {"kind": "choice", "options": None}}),
        lambda a: a["answers"].update({"gov-03": {"kind": "yes", "evidence": None}}),
        lambda a: a["answers"].update({"gov-03": {"kind": "yes", "comment": None}}),
        lambda a: a["answers"].update({"gov-03": {"kind": "yes", "value": 1}}),
        lambda a: a["answers"].update({"gov-03": {"kind": "not_applicable", "justification": "x"}}),
        lambda a: a["answers"].update({"gov-03": {"kind": "maybe"}}),
        lambda a: a["answers"].update({"awa-21": {"kind": "number", "value": 2**60}}),
        lambda a: a["answers"].update({"awa-21": {"kind": "number", "value": 40}}),
        lambda a: a.update(from_plan={"gov-03": "act-gov-03"}),
        lambda a: a.update(answers=[]),
    ]:
        a = copy.deepcopy(commune)
        change(a)
        variants.append(a)
    as_dicts = ref.score_table(variants)
    as_text = ref.score_table([json.dumps(v) for v in variants])
    assert as_dicts == as_text
    assert as_dicts["index"][0] == 28.82
    assert sum(e is not None for e in as_dicts["error"]) >= 8
