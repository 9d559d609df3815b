#!/usr/bin/env python3
"""Checks the library's Éco-clic figure against Éco-clic's own formula on a
database dump (Éco-clic's published `ecoclic.sql`, or any dump in its table
shapes).

    python3 scripts/check-ecoclic.py DUMP.sql [--n 500] [--seed 0] [--bin PATH]

Independently of the library, the dump's tables are read with `sqlglot`
(installed from PyPI when missing, in a virtual environment of the caller's
choosing) and Éco-clic's rule is applied to them:

- denominator: Σ ponderation of every answer row of every question of the
  level (a level-1 collectivité: questions with level_two = 0), whether the
  question is shown or not;
- numerator: Σ ponderation of the chosen rows;
- figure: floor(100 × numerator ÷ denominator), for a complete questionnaire.

Random complete answer sets are drawn at both levels, the way Éco-clic's
pages let a collectivité answer: every shown question (a root, or a child
whose parent answer row is chosen) gets one row if it is a radio question,
a non-empty set of rows if it is a checkbox question ("don't know" and "not
concerned" alone), a text in a free-text row. They are appended to a copy of
the dump as `collectivite` and `collectivite_answer` rows, imported with
`sobriete import ecoclic` and `sobriete import ecoclic-answers`, scored with
`sobriete batch`, and every collectivité's `eco_clic` is compared with the
formula's. Prints a table; exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

try:
    import sqlglot
    from sqlglot import exp
except ImportError:  # pragma: no cover - depends on the caller's environment
    sys.exit("this check reads the dump with sqlglot: pip install sqlglot")


def literal(v: Any) -> str | None:
    if isinstance(v, exp.Null):
        return None
    if isinstance(v, exp.Literal):
        return str(v.this)
    if isinstance(v, exp.Neg):
        return "-" + str(v.this.this)
    if isinstance(v, exp.Boolean):
        return "1" if v.this else "0"
    raise ValueError(f"not a literal: {v.sql()}")


def read_tables(text: str, wanted: list[str]) -> dict[str, list[dict[str, str | None]]]:
    """The rows of the wanted tables, as dicts by column name."""
    columns: dict[str, list[str]] = {}
    tables: dict[str, list[dict[str, str | None]]] = {t: [] for t in wanted}
    for s in sqlglot.parse(text, read="mysql"):
        if isinstance(s, exp.Create) and isinstance(s.this, exp.Schema):
            name = s.this.this.name.lower()
            columns[name] = [c.name.lower() for c in s.this.expressions if isinstance(c, exp.ColumnDef)]
        elif isinstance(s, exp.Insert):
            target = s.this
            if isinstance(target, exp.Schema):
                name = target.this.name.lower()
                cols = [c.name.lower() for c in target.expressions]
            else:
                name = target.name.lower()
                cols = columns.get(name, [])
            if name not in tables:
                continue
            for row in s.expression.expressions:
                values = [literal(v) for v in row.expressions]
                tables[name].append(dict(zip(cols, values, strict=True)))
    return tables


def flag(v: str | None) -> bool:
    return (v or "").strip().lower() in ("1", "true")


def points(v: str | None) -> int:
    return int(v) if v not in (None, "") else 0


def words(body: str | None) -> str:
    return (body or "").strip().lower().replace("’", "'")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--n", type=int, default=500, help="answer sets per level (default 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bin", default=os.environ.get("SOBRIETE_BIN", str(ROOT / "target" / "debug" / "sobriete")))
    args = parser.parse_args()
    text = args.dump.read_text(encoding="utf-8")
    t = read_tables(text, ["question", "answer"])
    questions = {q["id"]: q for q in t["question"] if q.get("id")}
    rows: dict[str, list[dict[str, str | None]]] = {qid: [] for qid in questions}
    for a in t["answer"]:
        if a.get("question_id") in rows:  # Éco-clic joins rows to their question
            rows[a["question_id"]].append(a)

    def in_level(q: dict[str, str | None], level: int) -> bool:
        return level == 2 or not flag(q.get("level_two"))

    def denominator(level: int) -> int:
        return sum(
            points(a.get("ponderation")) for qid, q in questions.items() if in_level(q, level) for a in rows[qid]
        )

    rng = random.Random(args.seed)
    # Parents before children: a question is shown when it is a root or its
    # parent answer row is chosen (its parent then shown).
    order: list[str] = []
    placed: set = set()
    pending = list(questions)
    while pending:
        progress = False
        for qid in list(pending):
            parent = questions[qid].get("parent_id")
            if not parent or parent not in questions or parent in placed:
                order.append(qid)
                placed.add(qid)
                pending.remove(qid)
                progress = True
        if not progress:  # a cycle: never shown
            break

    cases = []
    for level in (1, 2):
        den = denominator(level)
        for i in range(args.n):
            chosen: list[dict[str, str | None]] = []
            texts: dict[str, str] = {}
            picked = set()
            for qid in order:
                q = questions[qid]
                if not in_level(q, level):
                    continue
                parent_answer = q.get("parent_answer_id")
                if q.get("parent_id") and not parent_answer:
                    continue  # Éco-clic never counts such a child
                if parent_answer and parent_answer not in picked:
                    continue
                options = rows[qid]
                if not options:
                    continue
                if flag(q.get("multiple")):
                    special = [
                        a
                        for a in options
                        if "je ne sais pas" in words(a.get("body")) or "concern" in words(a.get("body"))
                    ]
                    plain = [a for a in options if a not in special]
                    if special and (not plain or rng.random() < 0.15):
                        take = [rng.choice(special)]
                    else:
                        take = rng.sample(plain, rng.randint(1, len(plain)))
                else:
                    take = [rng.choice(options)]
                for a in take:
                    chosen.append(a)
                    picked.add(a["id"])
                    if (a.get("type") or "").lower() == "input":
                        texts[a["id"]] = f"texte libre {level}-{i}"
            num = sum(points(a.get("ponderation")) for a in chosen)
            expected = (100 * num) // den if den > 0 else None
            cases.append((level, i, chosen, texts, num, den, expected))

    def q(s: str) -> str:
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"

    extra = ["", "-- Answer sets drawn by scripts/check-ecoclic.py"]
    for level, i, chosen, texts, *_ in cases:
        cid = f"check-{level}-{i}"
        extra.append(
            "INSERT INTO `collectivite` (`id`, `name`, `population`, `level_two`, `last_answered_at`) VALUES "
            f"({q(cid)}, {q('Essai ' + cid)}, 1000, {1 if level == 2 else 0}, '2025-01-01 00:00:00');"
        )
        if chosen:
            values = ",\n".join(
                f"({q(cid + '-' + str(k))}, {q(a['id'])}, {q(cid)}, "
                f"{q(texts[a['id']]) if a['id'] in texts else 'NULL'}, '2025-01-01 00:00:00')"
                for k, a in enumerate(chosen)
            )
            extra.append(
                "INSERT INTO `collectivite_answer` "
                "(`id`, `answer_id`, `collectivite_id`, `body`, `answered_at`) VALUES\n" + values + ";"
            )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dump = work / "with-answers.sql"
        dump.write_text(text + "\n" + "\n".join(extra) + "\n", encoding="utf-8")
        ref = work / "referential.json"
        jsonl = work / "assessments.jsonl"

        def run(*a: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([args.bin, *a], check=True, capture_output=True, text=True)

        run("import", "ecoclic", str(args.dump), "-q", "-o", str(ref))
        report_path = work / "answers-report.json"
        run(
            "import", "ecoclic-answers", str(dump), "--referential", str(ref),
            "-q", "-o", str(jsonl), "--report", str(report_path),
        )
        report = json.loads(report_path.read_text(encoding="utf-8"))
        scored = run("batch", str(jsonl), "--referential", str(ref), "--format", "jsonl").stdout
    # Nothing of the drawn answers may be lost: no row of theirs reported.
    lost = [c for c in report["collectivites"] if c["collectivite"].startswith("check-") and c["not_carried"]]
    figures: dict[str, Any] = {}
    for line in scored.splitlines():
        item = json.loads(line)
        summary = item.get("summary")
        if summary and summary["profile"]["name"].startswith("Essai check-"):
            figures[summary["profile"]["name"][len("Essai "):]] = summary["eco_clic"]
    differ = []
    for level, i, _chosen, _texts, num, den, expected in cases:
        got = figures.get(f"check-{level}-{i}", "missing")
        if got != expected:
            differ.append((level, i, num, den, expected, got))
    print("| level | answer sets | denominator | equal to Éco-clic's formula |")
    print("|---|---|---|---|")
    for level in (1, 2):
        n = sum(1 for c in cases if c[0] == level)
        bad = sum(1 for d in differ if d[0] == level)
        print(f"| {level} | {n} | {denominator(level)} | {n - bad} |")
    rows = sum(len(c[2]) for c in cases)
    print(f"\n{rows} answer rows drawn, {len(lost)} collectivités with rows not carried")
    for level, i, num, den, expected, got in differ[:20]:
        print(f"differs: level {level} set {i}: {num}/{den} → {expected}, library {got}")
    for c in lost[:5]:
        print(f"not carried: {c['collectivite']}: {c['not_carried']}")
    return 1 if differ or lost else 0


if __name__ == "__main__":
    sys.exit(main())
