#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into fuzz/corpus/<target>/.

Seeds come from the repository's own documents: examples/, tests/vectors/
and tests/import-fixtures/. Targets that take several documents read them
split on NUL bytes (see fuzz/src/lib.rs), in the order each target documents;
a blank document means "absent" (the default referential, no baseline).
Seeds larger than MAX_SEED bytes are left out: libFuzzer mutates small
inputs much faster, and the small referentials of the vectors cover the
same code.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
MAX_SEED = 64 * 1024


def dump(value):
    return json.dumps(value, ensure_ascii=False, indent=1)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def main():
    seeds = {}

    def add(target, *docs):
        data = b"\0".join(d.encode("utf-8") if isinstance(d, str) else d for d in docs)
        if len(data) <= MAX_SEED:
            seeds.setdefault(target, []).append(data)

    examples = sorted((ROOT / "examples").glob("*.json"))
    example_assessments = [p.read_text(encoding="utf-8") for p in examples]
    peers_examples = sorted((ROOT / "examples" / "peers").glob("*.json"))
    default = load(ROOT / "core" / "referential" / "default.json")

    for text in example_assessments:
        add("assessment", text)
        add("referential", text)
        add("score_custom", "", text)
        add("propose", text, dump({"target": {"index": 60}}))
        add("propose", text, dump({"target": {"grade": "B", "themes": {}}, "max_effort": 6}))
    add("history", "", *example_assessments)
    for p in peers_examples:
        add("referential", p.read_text(encoding="utf-8"))
        for text in example_assessments:
            add("peers", p.read_text(encoding="utf-8"), text)
    for p in sorted((ROOT / "examples" / "migration").glob("crosswalk*.json")):
        add("referential", p.read_text(encoding="utf-8"))
        add("crosswalk", p.read_text(encoding="utf-8"))

    # A plan of the default referential, from the first example and the
    # first actions, in every status.
    if example_assessments:
        baseline = json.loads(example_assessments[0])
        statuses = ["done", "in_progress", "planned", "to_plan", "abandoned", "to_define"]
        actions = []
        for i, action in enumerate(default.get("actions", [])[:6]):
            status = statuses[i % len(statuses)]
            planned = {"id": f"p{i}", "action": action["id"], "status": status,
                       "progress": 100 if status == "done" else 30, "due": "2026-12-31"}
            if status == "done":
                planned["completed"] = "2026-04-01"
            if i > 0:
                planned["depends_on"] = [f"p{i - 1}"]
            actions.append(planned)
        plan = {"referential": baseline["referential"], "created": "2026-01-01",
                "target": {"index": 60}, "actions": actions}
        add("plan", dump(plan), dump(baseline))
        plan["baseline"] = baseline
        add("plan", dump(plan))

    for path in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        v = load(path)
        ref = dump(v["referential"]) if "referential" in v else ""
        op = v.get("operation")
        if ref:
            add("referential", ref)
        if "to_referential" in v:
            add("referential", dump(v["to_referential"]))
        if "assessment" in v:
            a = dump(v["assessment"])
            add("score_custom", ref, a)
            add("assessment", a)
        if op == "propose":
            add("propose", dump(v["assessment"]), dump(v["request"]), ref)
        elif op == "plan_status":
            add("plan", dump(v["plan"]), "", ref)
        elif op == "history":
            add("history", ref, *(dump(a) for a in v["assessments"]))
        elif op == "summaries":
            for a in v["assessments"]:
                add("score_custom", ref, dump(a))
                add("assessment", dump(a))
        elif op in ("compare", "rollup"):
            add("peers", dump(v["peers"]), dump(v.get("assessment", {})))
        elif op == "migrate":
            add("crosswalk", dump(v["crosswalk"]), dump(v["to_referential"]),
                dump(v["assessment"]), ref)

    fixtures = ROOT / "tests" / "import-fixtures"
    selector = {"rgesn": b"\x00", "minumeco": b"\x01", "wsg": b"\x02"}
    for path in sorted(fixtures.rglob("*.json")):
        for name, byte in selector.items():
            if path.name.startswith(name):
                add("import", byte + path.read_bytes())

    # Éco-clic: the dumps (even selector) and the CSV exports (odd
    # selector, tables in the target's order, split on NUL bytes).
    ecoclic = fixtures / "ecoclic"
    for path in sorted(ecoclic.glob("*.sql")):
        add("ecoclic", b"\x00" + path.read_bytes())
    tables = ["category", "question", "answer", "theme", "collectivite", "collectivite_answer"]
    csv = [(ecoclic / "mini-csv" / f"{t}.csv").read_bytes() for t in tables]
    add("ecoclic", b"\x01" + b"\0".join(csv))
    add("ecoclic", b"\x01" + b"\0".join(csv[:3]))

    count = 0
    for target, items in seeds.items():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for i, data in enumerate(items):
            (folder / f"seed-{i:03}").write_bytes(data)
            count += 1
    # The structured target reads raw bytes through `arbitrary`: an empty
    # corpus folder is enough.
    (CORPUS / "structured").mkdir(parents=True, exist_ok=True)
    print(f"{count} seeds written to {CORPUS}", file=sys.stderr)


if __name__ == "__main__":
    main()
