"""Every golden vector of tests/vectors reproduced exactly from Python.

The computation follows core/tests/vectors.rs: the case's referential (else
the default one), then its operation; errors become
{"error": {"code", "document", "issues": [{code, path, severity}]}}.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

import sobriete

from conftest import load, vector_paths


def error_value(e: sobriete.Error) -> Dict[str, Any]:
    if isinstance(e, sobriete.ValidationError):
        document = e.document
        issues = [{"code": i.code, "path": i.path, "severity": i.severity} for i in e.issues]
    else:
        document, issues = "argument", []
    return {"error": {"code": e.code, "document": document, "issues": issues}}


def compute(case: Dict[str, Any]) -> Dict[str, Any]:
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
    assert ops == {"score", "propose", "plan_status", "history", "compare", "rollup", "migrate"}


def test_vectors_as_json_text_give_the_same_results() -> None:
    # Documents given as JSON text go through the same validation as dicts.
    import json

    for path in vector_paths():
        case = load(path)
        if case.get("operation", "score") != "score":
            continue
        text_case = dict(case)
        text_case["assessment"] = json.dumps(case["assessment"])
        if "referential" in case:
            text_case["referential"] = json.dumps(case["referential"])
        assert compute(text_case) == case["expected"], path.name
