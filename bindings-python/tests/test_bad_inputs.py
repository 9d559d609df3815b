"""The hostile-input corpus (tests/bad-inputs/manifest.json) through the
Python API: every case raises a typed error (``ValidationError`` or
``ArgumentError``) carrying its expected code, or gives an invalid
validation report — never another exception, never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import sobriete

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "bad-inputs"
MANIFEST: dict[str, Any] = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = MANIFEST["cases"]


def fill(spec: dict[str, Any]) -> str:
    kind = spec["kind"]
    if kind == "deep_array":
        return "[" * spec["depth"] + "]" * spec["depth"]
    if kind == "deep_object":
        return '{"a":' * spec["depth"] + "null" + "}" * spec["depth"]
    if kind == "string":
        return '"' + spec.get("char", "x") * spec["length"] + '"'
    if kind == "padding":
        return " " * spec["length"]
    if kind == "repeat":
        return ",".join(spec["item"].replace("{i}", str(i)) for i in range(spec["count"]))
    raise AssertionError(f"unknown generator {kind}")


def data(case: dict[str, Any]) -> bytes:
    if "file" in case:
        return (CORPUS / case["file"]).read_bytes()
    g = case["generate"]
    filled = fill(g["fill"])
    if "template" in g:
        filled = (CORPUS / g["template"]).read_text(encoding="utf-8").replace("@@", filled, 1)
    return filled.encode("utf-8")


def as_input(raw: bytes) -> str | bytes:
    """JSON text as ``str`` when it is UTF-8, else the bytes themselves."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def base(name: str) -> str:
    return (CORPUS / MANIFEST["base"][name]).read_text(encoding="utf-8")


def run(case: dict[str, Any]) -> list[str]:
    """The codes of the typed error the case raises (or of its invalid report)."""
    role, op = case["role"], case["operation"]
    doc = as_input(data(case))

    def get(name: str, base_name: str) -> Any:
        return doc if role == name else base(base_name)

    try:
        if op == "validate":
            report = sobriete.load_referential(base("referential")).validate(doc)
            return [] if report.valid else [i.code for i in report.issues]
        if op == "import":
            sobriete.import_referential(case["format"], doc)
            return []
        if op == "rollup":
            sobriete.rollup(get("peers", "peers"))
            return []
        if op == "migrate":
            origin = sobriete.load_referential(get("referential", "migrate_from"))
            target = sobriete.load_referential(get("to_referential", "to_referential"))
            origin.migrate(get("assessment", "migrate_assessment"), get("crosswalk", "crosswalk"), target)
            return []
        r = sobriete.load_referential(get("referential", "referential"))
        a = get("assessment", "assessment")
        if op == "load_referential":
            pass
        elif op == "score":
            r.score(a)
        elif op == "report":
            if case["format"] == "csv":
                r.answers_csv(a)
            else:
                r.full_report(a, case["format"], "en")
        elif op == "propose":
            r.propose(a, get("request", "request"))
        elif op == "compare":
            r.compare(a, get("peers", "peers"))
        elif op == "plan_status":
            r.plan_status(get("plan", "plan"), "2026-09-01")
        else:
            raise AssertionError(f"unknown operation {op}")
        return []
    except sobriete.ValidationError as e:
        return [i.code for i in e.issues]
    except sobriete.ArgumentError:
        return ["invalid_argument"]


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 110


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_input_gives_its_typed_error(case: dict[str, Any]) -> None:
    if "pending" in case:
        pytest.skip(f"known library bug: {case['pending']}")
    codes = run(case)
    assert codes, f"{case['id']}: accepted (expected {case['expect']})"
    assert case["expect"] in codes, f"{case['id']}: expected {case['expect']}, got {sorted(set(codes))}"


def test_the_library_still_works_after_the_corpus() -> None:
    r = sobriete.load_referential(base("referential"))
    assert r.score(base("assessment")).index is not None
