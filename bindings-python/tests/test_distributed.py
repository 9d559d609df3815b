"""The Dask example (examples/python/distributed_dask.py) runs on a local cluster
of two worker processes and its result equals a single-process
score_table of the same input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, ROOT, example_assessments, load

SCRIPT = EXAMPLES / "python" / "distributed_dask.py"


def run_example(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def summary_counts(stdout: str) -> list[int]:
    """The counts column of the printed summary per kind."""
    table = stdout.split("index per kind of collectivité:\n", 1)[1].split("\n\n", 1)[0]
    rows = table.splitlines()[2:]  # a header line, then the `kind` index name
    return [int(row.split()[1]) for row in rows]


def test_generated_2000_on_two_workers() -> None:
    done = run_example("--n", "2000")
    out = done.stdout
    assert re.search(r"^cluster: 2 worker process\(es\)", out, re.M), out
    assert re.search(r"^distributed score_table: 8 partitions, ", out, re.M), out
    assert re.search(
        r"^check: OK, the distributed result equals the single-process one \(2,000 rows, \d+ columns", out, re.M
    ), out
    assert "FAILED" not in out
    counts = summary_counts(out)
    assert sum(counts) == 2000 and len(counts) == 9, out  # every row, the 9 generated kinds


def test_given_input_with_an_invalid_line(tmp_path: Path) -> None:
    # The repository's examples and one invalid assessment, one per line:
    # the error row (no index) must come back in its place too.
    assessments = [load(p) for p in example_assessments()]
    broken = dict(assessments[0], level=3, date="2026-02-30")
    lines = [json.dumps(a, ensure_ascii=False) for a in [*assessments, broken, *assessments]]
    path = tmp_path / "input.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_example("--input", str(path), "--workers", "1", "--partitions", "3")
    out = done.stdout
    n = len(lines)
    assert re.search(rf"^input: {n} assessments, ", out, re.M), out
    assert re.search(r"^distributed score_table: 3 partitions, ", out, re.M), out
    assert re.search(rf"^check: OK, the distributed result equals the single-process one \({n} rows, ", out, re.M), out
    assert sum(summary_counts(out)) == n - 1  # the invalid one has no index
