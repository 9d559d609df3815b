"""Generates `python/sobriete/_documents.py` from the JSON Schemas in `schema/`.

The schemas are generated from the Rust types (schemars), so the Python
classes follow the core's documents field for field. Run from the repository
root:

    python bindings-python/tools/gen_documents.py          # write
    python bindings-python/tools/gen_documents.py --check  # fail on drift
"""

from __future__ import annotations

import json
import keyword
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schema"
OUT = ROOT / "bindings-python" / "python" / "sobriete" / "_documents.py"
# The generated code passes the repository's lint (ruff, line-length in
# bindings-python/pyproject.toml): longer lines are wrapped.
LINE_LENGTH = 120

# Root class name of each schema file.
ROOTS = {
    "assessment": "Assessment",
    "assessment-diff": "AssessmentDiff",
    "candidates": "Candidates",
    "crosswalk": "Crosswalk",
    "migration": "Migration",
    "migration-simulation": "MigrationSimulation",
    "history": "History",
    "import-report": "ImportReport",
    "imported": "Imported",
    "imported-answers": "ImportedAnswers",
    "peer-comparison": "PeerComparison",
    "peers": "PeerSet",
    "plan": "Plan",
    "plan-status": "PlanStatus",
    "proposal": "Proposal",
    "proposal-request": "ProposalRequest",
    "referential": "ReferentialDocument",
    "rollup": "Rollup",
    "score-report": "ScoreReport",
    "score-summary": "ScoreSummary",
    "target-gap": "TargetGap",
    "validation-report": "ValidationReport",
}


class Gen:
    def __init__(self) -> None:
        self.classes: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self.aliases: dict[str, str] = {}
        self.order: list[str] = []
        self.schemas: dict[str, dict[str, Any]] = {}
        self.resolved: dict[Any, str] = {}
        self.prefix = ""

    def add(self, name: str, schema: dict[str, Any], defs: dict[str, Any]) -> str:
        """Registers a type; returns its Python name (a name already taken
        by a different type gets the root document's name as a prefix)."""
        key = (id(defs), name)
        if key in self.resolved:
            return self.resolved[key]
        name = RENAMED.get((self.prefix, name), RENAMED.get(("*", name), name))
        if name in self.schemas and self.schemas[name] != schema:
            name = self.prefix + name
        self.resolved[key] = name
        if name in self.classes or name in self.aliases:
            return name
        self.schemas[name] = schema
        if _is_enum(schema):
            values = _enum_values(schema)
            # A union of one-value Literals (not Literal[a, b]): stubtest
            # checks aliases against the runtime object, which must be a Union.
            self.aliases[name] = "str" if values is None else " | ".join(f"Literal[{json.dumps(v)}]" for v in values)
            return name
        if _object_like(schema) is None:
            self.aliases[name] = "Any"
            return name
        self.classes[name] = (schema, defs)
        self.order.append(name)
        return name

    def type_of(self, s: dict[str, Any], defs: dict[str, Any]) -> tuple[str, str]:
        """(annotation, converter spec expression)."""
        if "$ref" in s:
            ref = s["$ref"].split("/")[-1]
            name = self.add(ref, defs[ref], defs)
            if name in self.aliases:
                return name, "None"
            return name, f"('c', {name})"
        if "anyOf" in s:
            options = [o for o in s["anyOf"] if o.get("type") != "null"]
            nullable = len(options) < len(s["anyOf"])
            if len(options) == 1:
                ann, spec = self.type_of(options[0], defs)
                return (f"{ann} | None", spec) if nullable else (ann, spec)
            return "Any", "None"
        t = s.get("type")
        if isinstance(t, list):
            rest = [x for x in t if x != "null"]
            if len(rest) == 1:
                ann, spec = self.type_of({**s, "type": rest[0]}, defs)
                return f"{ann} | None", spec
            return "Any", "None"
        if "const" in s:
            return "str", "None"
        if t == "string":
            return "str", "None"
        if t == "integer":
            return "int", "None"
        if t == "number":
            return "float", "None"
        if t == "boolean":
            return "bool", "None"
        if t == "array":
            ann, spec = self.type_of(s.get("items", {}), defs)
            return f"list[{ann}]", "None" if spec == "None" else f"('l', {spec})"
        if t == "object" and isinstance(s.get("additionalProperties"), dict) and "properties" not in s:
            ann, spec = self.type_of(s["additionalProperties"], defs)
            return f"dict[str, {ann}]", "None" if spec == "None" else f"('d', {spec})"
        return "Any", "None"

    def render(self) -> str:
        classes = []
        i = 0
        while i < len(self.order):  # classes found while rendering are appended
            name = self.order[i]
            i += 1
            schema, defs = self.classes[name]
            classes.append(self.render_class(name, schema, defs))
        out = [HEADER, "\n\n"]
        for name, alias in sorted(self.aliases.items()):
            out.append(_alias(name, alias))
        out.extend(classes)
        exported = sorted(self.classes) + sorted(self.aliases)
        out.append("\n__all__ = [\n" + "".join(f"    {json.dumps(n)},\n" for n in exported) + "]\n")
        return "".join(out)

    def render_class(self, name: str, schema: dict[str, Any], defs: dict[str, Any]) -> str:
        props, required = _object_like(schema) or ({}, set())
        doc = _doc(schema.get("description") or name, "    ")
        lines = [f"\n\nclass {name}(Document):\n", doc, "\n    __slots__ = ()\n"]
        lines.append(EXTRAS.get(name, ""))
        for field, fs in props.items():
            ann, spec = self.type_of(fs, defs)
            default = fs.get("default")
            if field not in required and not ann.endswith(" | None") and default is None and ann != "Any":
                ann = f"{ann} | None"
            if ann == "Any | None":
                ann = "Any"
            ignore = "" if ann == "Any" else "  # type: ignore[no-any-return]"
            attr = field + "_" if keyword.iskeyword(field) or field in RESERVED else field
            fdoc = _doc(fs.get("description") or field.replace("_", " "), "        ")
            lines.append("\n    @property\n")
            lines.append(f"    def {attr}(self) -> {ann}:\n")
            lines.append(fdoc)
            lines.append(f"        return _get(self._data, {json.dumps(field)}, {default!r}, {spec}){ignore}\n")
        return "".join(lines)


# Schema names that would shadow the module's own imports.
RENAMED = {
    ("*", "Mapping"): "CrosswalkMapping",
    ("Migration", "Outcome"): "MigrationOutcome",
    ("MigrationSimulation", "Outcome"): "MigrationOutcome",
}

RESERVED = {"to_dict", "to_json", "render"}

# Hand-written members added to generated classes.
EXTRAS = {
    "ScoreReport": '''
    def render(self, format: str = "text", lang: str = "fr") -> str:
        """The report as text, JSON, Markdown or a self-contained HTML page
        (``format``: text, json, markdown, html; ``lang``: fr, en), exactly
        as the CLI and the other languages render it."""
        from . import _native

        return _native.render_document("score_report", self._data, format, lang)

    def _repr_html_(self) -> str:
        return _iframe(self.render("html"))
''',
}
for _kind, _class in [
    ("proposal", "Proposal"),
    ("plan_status", "PlanStatus"),
    ("history", "History"),
    ("peer_comparison", "PeerComparison"),
]:
    EXTRAS[_class] = f'''
    def render(self, format: str = "text", lang: str = "fr") -> str:
        """As text or Markdown (``format``: text, markdown; ``lang``: fr,
        en), exactly as the CLI renders it."""
        from . import _native

        return _native.render_document("{_kind}", self._data, format, lang)

    def _repr_markdown_(self) -> str:
        return self.render("markdown")
'''


def _is_enum(s: dict[str, Any]) -> bool:
    if "enum" in s:
        return True
    variants = s.get("oneOf") or s.get("anyOf")
    return bool(variants) and all("const" in v or "enum" in v for v in variants)


def _enum_values(s: dict[str, Any]) -> list[str] | None:
    if "enum" in s:
        return list(s["enum"])
    values: list[str] = []
    for v in s.get("oneOf") or s.get("anyOf") or []:
        values.extend([v["const"]] if "const" in v else v["enum"])
    return values


def _object_like(s: dict[str, Any]) -> tuple[dict[str, Any], set] | None:
    if "properties" in s:
        return s["properties"], set(s.get("required", []))
    variants = s.get("oneOf") or s.get("anyOf")
    if variants and all("properties" in v for v in variants):
        # A tagged union: the union of the variants' fields; a field is
        # required only when every variant requires it.
        props: dict[str, Any] = {}
        required = set(variants[0].get("required", []))
        for v in variants:
            for k, fs in v["properties"].items():
                if k in props and props[k] != fs:
                    props[k] = {"description": fs.get("description") or k}
                else:
                    props.setdefault(k, fs)
            required &= set(v.get("required", []))
        return props, required
    return None


def _doc(text: str, indent: str) -> str:
    """The first paragraph of `text` as a docstring at `indent`, wrapped
    within the line length."""
    first = text.strip().split("\n\n")[0].replace("\n", " ")
    first = first.replace("\\", "\\\\").replace('"""', "'''")
    lines = textwrap.wrap(
        first,
        # Room for the closing quotes on the last line.
        width=LINE_LENGTH - 3,
        initial_indent=indent + '"""',
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(lines) + '"""\n'


def _alias(name: str, alias: str) -> str:
    """`name = alias`, a long union one member a line."""
    line = f"{name} = {alias}\n"
    if len(line) <= LINE_LENGTH + 1:
        return line
    members = alias.split(" | ")
    return f"{name} = (\n    " + "\n    | ".join(members) + "\n)\n"


HEADER = '''"""Typed views of the library's documents (generated, do not edit).

Generated by `bindings-python/tools/gen_documents.py` from the JSON Schemas
in `schema/`, which are themselves generated from the Rust types: every
attribute here is a field of the core's document. Each class wraps the
document's dict; `to_dict()` gives it back unchanged.
"""

from __future__ import annotations

import copy
import html
import json
from collections.abc import Mapping
from typing import Any, Literal


def _convert(value: Any, spec: Any) -> Any:
    if spec is None or value is None:
        return value
    tag, inner = spec
    if tag == "c":
        return inner(value)
    if tag == "l":
        return [_convert(v, inner) for v in value]
    return {k: _convert(v, inner) for k, v in value.items()}


def _get(data: Mapping[str, Any], field: str, default: Any, spec: Any) -> Any:
    value = data.get(field)
    if value is None:
        return copy.deepcopy(default)
    return _convert(value, spec)


def _iframe(page: str) -> str:
    """A full HTML page shown in a notebook without its styles leaking."""
    return (
        '<iframe style="width:100%;height:42em;border:1px solid #ccc" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
    )


class Document:
    """A document of the library: typed attributes over its dict."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise TypeError(f"{type(self).__name__} wraps a dict, got {type(data).__name__}")
        self._data: dict[str, Any] = dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The document as a dict (a deep copy)."""
        return copy.deepcopy(self._data)

    def to_json(self, indent: int | None = 2) -> str:
        """The document as JSON text."""
        return json.dumps(self._data, ensure_ascii=False, indent=indent)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Document) and type(other) is type(self) and other._data == self._data

    def __hash__(self) -> int:
        return hash(self.to_json(indent=None))

    def __repr__(self) -> str:
        keys = ", ".join(
            f"{k}={self._data[k]!r}" for k in list(self._data)[:3] if not isinstance(self._data[k], (dict, list))
        )
        return f"{type(self).__name__}({keys})"
'''


def generate() -> str:
    g = Gen()
    for stem, name in sorted(ROOTS.items()):
        schema = json.loads((SCHEMAS / f"{stem}.schema.json").read_text(encoding="utf-8"))
        defs = schema.get("$defs", {})
        g.prefix = name
        g.add(name, schema, defs)
        # Name every type of this file now, while the prefix is this root's.
        for def_name, def_schema in defs.items():
            g.add(def_name, def_schema, defs)
    return g.render()


def main() -> int:
    text = generate()
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python bindings-python/tools/gen_documents.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
