"""score_table's inputs (str, bytes, dicts, typed documents, paths, a JSON
Lines file) and its threaded pipeline: every way gives the rows of
scoring each item alone, in input order, errors kept with their item."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

import sobriete

from conftest import EXAMPLES


def variants(commune: dict[str, Any], n: int) -> list[Any]:
    """`n` assessments: valid ones of several levels of completion, and
    broken ones (invalid date, unknown question, not JSON) at scattered
    positions, as JSON text."""
    ids = list(commune["answers"])
    out: list[Any] = []
    for i in range(n):
        a = copy.deepcopy(commune)
        # Drop a different number of answers: different indexes.
        for qid in ids[: i % len(ids)]:
            del a["answers"][qid]
        if i % 97 == 13:
            a["date"] = "2026-02-30"
        if i % 89 == 7:
            a["answers"]["no-such-question"] = {"kind": "yes"}
        text = json.dumps(a, ensure_ascii=False)
        out.append("{" if i % 101 == 50 else text)
    return out


def one_by_one(ref: Any, texts: list[str]) -> list[Any]:
    """The index of each item scored alone (None when refused)."""
    out: list[Any] = []
    for t in texts:
        try:
            out.append(ref.score(t).index)
        except sobriete.ValidationError:
            out.append(None)
    return out


@pytest.mark.parametrize("threads", ["1", "2", "3"])
def test_pipeline_keeps_order_and_errors(
    ref: Any, commune: dict[str, Any], threads: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,500 items: several chunks of 256, so converting, scoring and
    # building the columns overlap on the threads.
    monkeypatch.setenv("SOBRIETE_THREADS", threads)
    texts = variants(commune, 1500)
    expected = one_by_one(ref, texts)
    assert len(set(expected)) > 5 and expected.count(None) >= 30
    table = ref.score_table(texts)
    assert table["index"] == expected
    assert [e is not None for e in table["error"]] == [x is None for x in expected]
    as_bytes = ref.score_table([t.encode("utf-8") for t in texts])
    assert as_bytes == table
    as_dicts = ref.score_table([json.loads(t) if t != "{" else t for t in texts])
    assert as_dicts == table
    summaries = ref.score_summaries(texts, errors="return")
    assert [s.index if isinstance(s, sobriete.ScoreSummary) else None for s in summaries] == expected
    assert all(isinstance(s, sobriete.ValidationError) for s, x in zip(summaries, expected, strict=True) if x is None)


def test_every_kind_of_item(ref: Any, commune: dict[str, Any]) -> None:
    path = EXAMPLES / "commune-rurale-niveau1.json"
    text = path.read_text(encoding="utf-8")
    items: list[Any] = [
        text,
        "  \n" + text,  # JSON text after blank space
        text.encode("utf-8"),
        bytearray(text.encode("utf-8")),
        commune,
        sobriete.default_referential().load_assessment(commune),
        path,
        str(path),
        b"\xff{}",  # not UTF-8
        "not json",
        42,
    ]
    table = ref.score_table(items)
    assert table["index"] == [28.82] * 8 + [None] * 3
    errors = table["error"]
    assert errors[:8] == [None] * 8
    assert "invalid_json" in errors[8] and "UTF-8" in errors[8]
    assert "invalid_json" in errors[9]
    assert errors[10] is not None


def test_a_generator_is_read_once(ref: Any, commune: dict[str, Any]) -> None:
    texts = variants(commune, 600)
    assert ref.score_table(t for t in texts) == ref.score_table(texts)


def test_json_lines_file(ref: Any, commune: dict[str, Any], tmp_path: Path) -> None:
    texts = variants(commune, 700)
    path = tmp_path / "assessments.jsonl"
    with open(path, "wb") as f:
        f.write(b"\n")  # line 1: blank, skipped
        for i, t in enumerate(texts):
            # Windows line ends on some lines; a blank line in the middle.
            f.write(t.encode("utf-8") + (b"\r\n" if i % 2 else b"\n"))
            if i == 300:
                f.write(b"   \n")
        f.write(b"\xc3\x28\n")  # invalid UTF-8, last line
    table = ref.score_table(path)
    assert list(table)[0] == "line"
    lines = table.pop("line")
    assert lines[:2] == [2, 3] and len(lines) == 701
    assert lines[300] == 302 and lines[301] == 304  # line 303 was blank
    assert lines[-2] == 702 and lines[-1] == 703
    assert table["error"][-1] is not None and "UTF-8" in table["error"][-1]
    assert {k: v[:-1] for k, v in table.items()} == ref.score_table(texts)
    # os.PathLike, through the module-level helper too.
    frame = sobriete.scores_frame(Path(os.fspath(path)))
    assert list(frame["line"])[:2] == [2, 3]


def test_missing_json_lines_file(ref: Any, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        ref.score_table(tmp_path / "missing.jsonl")


@pytest.mark.parametrize("wrong", ["assessments.jsonl", b"{}", bytearray(b"{}")])
def test_a_single_str_or_bytes_is_refused(ref: Any, wrong: Any) -> None:
    with pytest.raises(TypeError, match="pathlib.Path"):
        ref.score_table(wrong)


def test_empty(ref: Any, tmp_path: Path) -> None:
    table = ref.score_table([])
    assert "index" in table and any(k.startswith("theme:") for k in table)
    assert all(v == [] for v in table.values())
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert all(v == [] for v in ref.score_table(empty).values())
