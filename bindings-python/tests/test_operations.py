"""The cross-language table (tests/bindings/operations.json) from Python.

Every operation of the table is a method of ``Referential`` (or a function
of the package) with the table's name and parameters, and every case gives
the outcome the table states: the kind of value, some of its values, or the
error's code, document, argument and issue paths. The JavaScript and Kotlin
tests read the same table.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import sobriete

from conftest import ROOT, load

TABLE = load(ROOT / "tests" / "bindings" / "operations.json")
OPERATIONS = {op["name"]: op for op in TABLE["operations"]}


def document(spec: Any) -> Any:
    """A table argument as Python data (documents as dicts)."""
    if isinstance(spec, list):
        return [document(s) for s in spec]
    if not isinstance(spec, dict):
        return spec
    if "$text" in spec:
        return spec["$text"]
    if "$files" in spec:
        return [load(ROOT / f) for f in spec["$files"]]
    if "$file" in spec:
        value = load(ROOT / spec["$file"])
        if "$field" in spec:
            value = value[spec["$field"]]
        if spec.get("$baseline"):
            value = value["baseline"]
        return value
    if "$referential" in spec:
        return handle(spec["$referential"], spec.get("$field", "referential"))
    return {k: document(v) for k, v in spec.items()}


def handle(on: str, field: str = "referential") -> sobriete.Referential:
    if on == "default":
        return sobriete.Referential.default()
    return sobriete.Referential.load(load(ROOT / on)[field])


def call(case: dict[str, Any]) -> Any:
    op = OPERATIONS[case["operation"]]
    args = {k: document(v) for k, v in case["args"].items()}
    # The full report's optional documents are keyword arguments in Python.
    args.update(args.pop("inputs", None) or {})
    if op.get("module"):
        return getattr(sobriete, op["name"])(**args)
    return getattr(handle(case["on"]), op["name"])(**args)


def plain(value: Any) -> Any:
    """A result as plain data: typed documents as dicts, reports as text."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (sobriete.Report, sobriete.Chart)):
        return str(value)
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value


def pointer(value: Any, path: str) -> Any:
    for part in path.split("/")[1:]:
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


@pytest.mark.parametrize("op", TABLE["operations"], ids=lambda op: op["name"])
def test_every_operation_has_the_tables_name_and_parameters(op: dict[str, Any]) -> None:
    owner = sobriete if op.get("module") else sobriete.Referential
    fn = getattr(owner, op["name"], None)
    assert callable(fn), f"sobriete has no {op['name']}"
    signature = inspect.signature(fn).parameters
    params = [p for p in signature if p != "self"]
    expected = []
    for name, *_rest in op["params"]:
        if name == "inputs":
            expected += ["target", "plan", "as_of", "history", "peers", "min_group_size"]
        else:
            expected.append(name)
    # Python may add keyword arguments of its own after the table's.
    assert params[: len(expected)] == expected, op["name"]
    extra = [signature[p] for p in params[len(expected) :]]
    assert all(p.default is not inspect.Parameter.empty for p in extra), op["name"]
    for name, _kind, *default in op["params"]:
        if default and name != "inputs":
            assert signature[name].default == default[0], (op["name"], name)


@pytest.mark.parametrize("case", TABLE["cases"], ids=lambda c: f"{c['operation']}: {c['description']}")
def test_every_case_of_the_table(case: dict[str, Any]) -> None:
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(sobriete.Error) as caught:
            call(case)
        e, want = caught.value, expect["error"]
        assert e.code == want["code"]
        assert e.document == want["document"]
        assert e.argument == want["argument"]
        if "paths" in want:
            assert [i.path for i in e.issues] == want["paths"]
        if "codes" in want:
            assert [i.code for i in e.issues] == want["codes"]
        return
    result = plain(call(case))
    kind = {"data": dict, "list": list, "text": str}[expect["returns"]]
    assert isinstance(result, kind), type(result)
    if "length" in expect:
        assert len(result) == expect["length"]
    if "starts_with" in expect:
        assert result.startswith(expect["starts_with"]), result[:80]
    for path, value in expect.get("values", {}).items():
        assert pointer(result, path) == value, path
    for path in expect.get("present", []):
        assert pointer(result, path) is not None, path
