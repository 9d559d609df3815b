"""Every golden vector of tests/vectors reproduced exactly from Python.

The computation follows core/tests/vectors.rs: the case's referential (else
the default one), then its operation; errors become
{"error": {"code", "document", "issues": [{code, path, severity}]}}.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import sobriete

from conftest import load, vector_paths


def error_value(e: sobriete.Error) -> dict[str, Any]:
    if isinstance(e, sobriete.ValidationError):
        document = e.document
        issues = [{"code": i.code, "path": i.path, "severity": i.severity} for i in e.issues]
    else:
        document, issues = "argument", []
    return {"error": {"code": e.code, "document": document, "issues": issues}}


def headline(report: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of a score report, in the shape of a summary
    (`ScoreSummary`, schema/score-summary.schema.json)."""
    return {
        "referential": report["referential"],
        "profile": report["profile"],
        "date": report["date"],
        "level": report["level"],
        "index": report["index"],
        "grade": report["grade"]["grade"] if report["grade"] is not None else None,
        "complete": report["complete"],
        "completeness": report["completeness"],
        "dont_know_share": report["dont_know_share"],
        "themes": [{"id": t["id"], "score": t["score"]} for t in report["themes"]],
        "eco_clic": report["eco_clic"]["index"],
        "conformity": report["conformity"]["rate"],
    }


def summary_item(item: Any) -> dict[str, Any]:
    """One item of a batch in the vectors' shape: `{"summary": …}` or the
    error; a full report becomes its headline figures."""
    if isinstance(item, sobriete.Error):
        return error_value(item)
    if isinstance(item, sobriete.ScoreReport):
        return {"summary": headline(item.to_dict())}
    assert isinstance(item, sobriete.ScoreSummary)
    return {"summary": item.to_dict()}


def compute(case: dict[str, Any]) -> dict[str, Any]:
    try:
        ref = (
            sobriete.Referential.load(case["referential"])
            if "referential" in case
            else sobriete.default_referential()
        )
        op = case.get("operation", "score")
        if op == "score":
            return {"report": ref.score(case["assessment"]).to_dict()}
        if op == "propose":
            return {"proposal": ref.propose(case["assessment"], case["request"]).to_dict()}
        if op == "plan_status":
            return {"status": ref.plan_status(case["plan"], case.get("as_of", "")).to_dict()}
        if op == "history":
            return {"history": ref.history(case["assessments"]).to_dict()}
        if op == "compare":
            c = ref.compare(case["assessment"], case["peers"], case.get("min_group_size"))
            return {"comparison": c.to_dict()}
        if op == "rollup":
            return {"rollup": sobriete.rollup(case["peers"], case.get("expected_members")).to_dict()}
        if op == "migrate":
            to = sobriete.Referential.load(case["to_referential"])
            if case.get("simulate"):
                return {"simulation": ref.simulate_migration(case["assessment"], case["crosswalk"], to).to_dict()}
            return {"migration": ref.migrate(case["assessment"], case["crosswalk"], to).to_dict()}
        if op == "summaries":
            # The batch call, each failure in its slot (`score_table` is
            # checked below, full reports' headlines too).
            items = ref.score_summaries(case["assessments"], errors="return")
            return {"summaries": [summary_item(x) for x in items]}
        if op == "import_ecoclic":
            return {"imported": sobriete.import_ecoclic(case["source"]).to_dict()}
        if op == "import_ecoclic_answers":
            given = ref if "referential" in case else None
            return {"answers": sobriete.import_ecoclic_answers(case["source"], given).to_dict()}
        raise AssertionError(f"unknown operation {op}")
    except sobriete.Error as e:
        return error_value(e)


@pytest.mark.parametrize("path", vector_paths(), ids=lambda p: p.stem)
def test_vector(path: Path) -> None:
    case = load(path)
    assert compute(case) == case["expected"]


def test_every_vector_is_run() -> None:
    # The vectors of every operation are present (a renamed folder would
    # otherwise make this file pass on nothing).
    ops = {load(p).get("operation", "score") for p in vector_paths()}
    assert len(vector_paths()) >= 32
    assert ops == {
        "score",
        "propose",
        "plan_status",
        "history",
        "compare",
        "rollup",
        "migrate",
        "summaries",
        "import_ecoclic",
        "import_ecoclic_answers",
    }


def test_vectors_as_json_text_give_the_same_results() -> None:
    # Documents given as JSON text go through the same validation as dicts.
    for path in vector_paths():
        case = load(path)
        if case.get("operation", "score") != "score":
            continue
        text_case = dict(case)
        text_case["assessment"] = json.dumps(case["assessment"])
        if "referential" in case:
            text_case["referential"] = json.dumps(case["referential"])
        assert compute(text_case) == case["expected"], path.name


def summary_vectors() -> list[Path]:
    return [p for p in vector_paths() if load(p).get("operation") == "summaries"]


def test_summary_vectors_exist() -> None:
    assert len(summary_vectors()) >= 2


@pytest.mark.parametrize("path", summary_vectors(), ids=lambda p: p.stem)
@pytest.mark.parametrize("as_text", [False, True], ids=["dicts", "json-text"])
def test_summary_vectors_batch(path: Path, as_text: bool) -> None:
    """`score_summaries` and `score_many` (full reports' headlines), with
    `errors="return"`, from dicts and from JSON text: one item per input,
    the summary's figures or the typed error, as the vector says; with
    `errors="raise"` the first error is raised."""
    case = load(path)
    ref = sobriete.Referential.load(case["referential"]) if "referential" in case else sobriete.default_referential()
    inputs = [json.dumps(a) if as_text else a for a in case["assessments"]]
    for batch in (ref.score_summaries, ref.score_many):
        items = batch(inputs, errors="return")
        assert [summary_item(x) for x in items] == case["expected"]["summaries"], batch.__name__
    first_error = next((i for i, x in enumerate(case["expected"]["summaries"]) if "error" in x), None)
    if first_error is None:
        assert len(ref.score_summaries(inputs)) == len(inputs)
    else:
        with pytest.raises(sobriete.ValidationError) as info:
            ref.score_summaries(inputs)
        assert error_value(info.value) == case["expected"]["summaries"][first_error]


@pytest.mark.parametrize("path", summary_vectors(), ids=lambda p: p.stem)
@pytest.mark.parametrize("as_text", [False, True], ids=["dicts", "json-text"])
def test_summary_vectors_score_table(path: Path, as_text: bool) -> None:
    """`score_table`, Python's batch of summaries (the core's
    `score_summaries`), from dicts and from JSON text: every column equals
    the vector's summary; an error row has empty figures and the message of
    the error's first issue. The table has no `referential` column and only
    the profile's name, kind, population and INSEE code."""
    case = load(path)
    ref = sobriete.Referential.load(case["referential"]) if "referential" in case else sobriete.default_referential()
    inputs = [json.dumps(a) if as_text else a for a in case["assessments"]]
    table = ref.score_table(inputs)
    expected = case["expected"]["summaries"]
    theme_ids = [t.id for t in ref.themes]
    assert set(table) == {
        "name", "kind", "population", "insee", "date", "level", "index", "grade", "complete",
        "completeness", "dont_know_share", "eco_clic", "conformity", "error",
    } | {f"theme:{t}" for t in theme_ids}
    for column in table.values():
        assert len(column) == len(expected)
    for i, item in enumerate(expected):
        row = {k: v[i] for k, v in table.items()}
        if "summary" in item:
            s = item["summary"]
            p = s["profile"]
            want = {
                "name": p["name"], "kind": p["kind"], "population": p["population"],
                "insee": p.get("insee"), "error": None,
                **{k: s[k] for k in ("date", "level", "index", "grade", "complete", "completeness",
                                     "dont_know_share", "eco_clic", "conformity")},
                **{f"theme:{t['id']}": t["score"] for t in s["themes"]},
            }
            assert row == want, (path.name, i)
        else:
            e = item["error"]
            first = next(x for x in e["issues"] if x["severity"] == "error")
            assert isinstance(row["error"], str)
            assert row["error"].startswith(
                f"invalid {e['document']}: error[{first['code']}] at {first['path']}:"
            ), (path.name, i, row["error"])
            assert all(v is None for k, v in row.items() if k != "error"), (path.name, i)
