"""Batch scoring: the library against a pure-Python baseline.

    python bench_batch.py            # 10,000 generated level-2 assessments
    python bench_batch.py --n 2000 --repeat 1

Prints a Markdown table, every figure measured in the same run: total
seconds (best of ``--repeat``), µs per assessment and speed-up against the
pure-Python implementation (``pure_python.py``: index and theme scores
only), a vectorised NumPy + pandas implementation of the same (when pandas
is installed), ``Referential.score_table`` (columns), ``Referential.score_many``
(full reports) and ``Referential.scores_frame`` (a pandas DataFrame, when
pandas is installed). Generating the assessments is not timed.

Note that the library's batch calls compute the *full* report of every
assessment (completeness, gaps, each recommended action's exact gain, the
Éco-clic figure…), while the baseline computes the index and theme scores
only. Which native module is measured is printed: an editable install built
without ``--release`` is a debug build, several times slower.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sobriete

import generate
import pure_python


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cores() -> str:
    logical = os.cpu_count()
    try:
        usable: int | None = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = logical
    return f"{usable} usable / {logical} logical"


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest of `repeat` runs, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        result = None  # free the previous result (full reports are large) before timing again
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


# -- a vectorised baseline (NumPy + pandas) ---------------------------------------

ABSENT, YES, NO, CHOICE, NUMBER, DONT_KNOW, NOT_APPLICABLE = range(7)
ANSWER_CODES = {"unanswered": ABSENT, "yes": YES, "no": NO, "choice": CHOICE, "number": NUMBER,
                "dont_know": DONT_KNOW, "not_applicable": NOT_APPLICABLE}


def vectorised_scores(ref_dict: Any, assessments: list[Any]) -> Any:
    """Index and theme scores of every assessment, as a DataFrame (columns
    ``index`` and ``theme:<id>``), computed on (assessment × question)
    arrays. The answers are first flattened into columns by a Python loop:
    the input is a list of nested dicts."""
    import numpy as np
    import pandas as pd

    questions = ref_dict["questions"]
    themes = ref_dict["themes"]
    nq, n = len(questions), len(assessments)
    qpos = {q["id"]: j for j, q in enumerate(questions)}
    rkind = np.array([q["response"]["kind"] for q in questions])
    qmax = np.array([pure_python.max_points(q["response"]) for q in questions], dtype=float)
    qweight = np.array([q.get("weight", 1.0) for q in questions], dtype=float)
    qlevel = np.array([q["level"] for q in questions])
    yes_pts = np.array([max(q["response"].get("yes_points", 1), 0) for q in questions], dtype=float)
    no_pts = np.array([max(q["response"].get("no_points", 0), 0) for q in questions], dtype=float)

    # 1. Flatten: one row per answer (Python loop over the dicts).
    rows_a, rows_q, rows_k, rows_v, rows_o = [], [], [], [], []
    levels = np.empty(n, dtype=np.int64)
    kinds = []
    populations = np.empty(n, dtype=np.int64)
    for i, a in enumerate(assessments):
        levels[i] = a["level"]
        kinds.append(a["profile"]["kind"])
        populations[i] = a["profile"]["population"]
        for qid, x in a.get("answers", {}).items():
            j = qpos.get(qid)
            if j is None:
                continue
            rows_a.append(i)
            rows_q.append(j)
            rows_k.append(ANSWER_CODES[x["kind"]])
            rows_v.append(x.get("value", np.nan))
            rows_o.append(x.get("options"))
    ans = pd.DataFrame({"a": rows_a, "q": rows_q, "k": rows_k, "v": np.asarray(rows_v, dtype=float), "o": rows_o})
    a_idx, q_idx, k = ans["a"].to_numpy(), ans["q"].to_numpy(), ans["k"].to_numpy()

    # 2. Points of every answer.
    points = np.zeros(len(ans))
    yn = rkind[q_idx] == "yes_no"
    points[yn & (k == YES)] = yes_pts[q_idx[yn & (k == YES)]]
    points[yn & (k == NO)] = no_pts[q_idx[yn & (k == NO)]]
    chosen = ans.loc[k == CHOICE, ["q", "o"]].explode("o").dropna()
    chosen = chosen.rename(columns={"o": "option"}).reset_index(names="row")
    options = pd.DataFrame(
        [(j, o["id"], max(o["points"], 0)) for j, q in enumerate(questions) for o in q["response"].get("options", [])],
        columns=["q", "option", "points"],
    )
    single = rkind[chosen["q"].to_numpy()] == "single_choice"
    picked = pd.concat([chosen[single].groupby("row").head(1), chosen[~single].drop_duplicates(["row", "option"])])
    picked = picked.merge(options, on=["q", "option"], how="left").fillna({"points": 0})
    sums = picked.groupby("row")["points"].sum()
    rows = sums.index.to_numpy()
    points[rows] = np.minimum(sums.to_numpy(), qmax[q_idx[rows]])
    for j, q in enumerate(questions):
        if q["response"]["kind"] != "numeric":
            continue
        m = (q_idx == j) & (k == NUMBER)
        froms = np.array([b["from"] for b in q["response"]["bands"]], dtype=float)
        band_pts = np.array([max(b["points"], 0) for b in q["response"]["bands"]] + [0], dtype=float)
        values = ans["v"].to_numpy()[m]
        band = np.searchsorted(froms, np.nan_to_num(values, nan=-np.inf), side="right") - 1  # -1: below the first band
        points[m] = np.where(np.isfinite(values), band_pts[band], 0.0)

    # 3. (assessment × question) matrices.
    K = np.full((n, nq), ABSENT, dtype=np.int8)
    P = np.zeros((n, nq))
    V = np.full((n, nq), np.nan)
    K[a_idx, q_idx] = k
    P[a_idx, q_idx] = points
    V[a_idx, q_idx] = ans["v"].to_numpy()

    # 4. Which questions are shown.
    shown = qlevel[None, :] <= levels[:, None]
    kind_codes, kind_of = np.unique(np.array(kinds), return_inverse=True)
    for j, q in enumerate(questions):
        scope = q.get("applies_to")
        if not scope:
            continue
        ok = np.ones(n, dtype=bool)
        if scope.get("kinds"):
            ok &= np.isin(kind_codes, scope["kinds"])[kind_of]
        if scope.get("min_population") is not None:
            ok &= populations >= scope["min_population"]
        if scope.get("max_population") is not None:
            ok &= populations <= scope["max_population"]
        shown[:, j] &= ok
    pending = [j for j, q in enumerate(questions) if q.get("condition")]
    done = set(range(nq)) - set(pending)
    while pending:  # parents first
        ready = [j for j in pending if qpos.get(questions[j]["condition"]["question"]) in done]
        if not ready:  # a cycle or an unknown parent: hidden
            for j in pending:
                shown[:, j] = False
            break
        for j in ready:
            c = questions[j]["condition"]
            p = qpos[c["question"]]
            if c["kind"] == "is_yes":
                holds = K[:, p] == YES
            elif c["kind"] == "is_no":
                holds = K[:, p] == NO
            elif c["kind"] == "at_least":
                holds = (K[:, p] == NUMBER) & (V[:, p] >= c["value"])
            elif c["kind"] == "less_than":
                holds = (K[:, p] == NUMBER) & (V[:, p] < c["value"])
            else:  # any_of
                hit = chosen[(chosen["q"] == p) & chosen["option"].isin(c["options"])]["row"].to_numpy()
                holds = np.zeros(n, dtype=bool)
                holds[a_idx[hit]] = True
            shown[:, j] &= shown[:, p] & holds
            done.add(j)
        pending = [j for j in pending if j not in done]

    # 5. Credits, theme scores, index.
    counted = shown & (K != NOT_APPLICABLE) & (qmax > 0)[None, :]
    credit = np.where(counted, qweight * P / np.where(qmax > 0, qmax, 1), 0.0)
    weight = np.where(counted, qweight, 0.0)
    theme_ids = [t["id"] for t in themes]
    of_theme = np.zeros((nq, len(themes)))
    for j, q in enumerate(questions):
        if q["theme"] in theme_ids:
            of_theme[j, theme_ids.index(q["theme"])] = 1.0
    C, W = credit @ of_theme, weight @ of_theme
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(W > 0, 100.0 * C / W, np.nan)
    tw = np.array([t.get("weight", 1.0) for t in themes], dtype=float)
    has = W > 0
    tw_sum = (has * tw).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        index = np.where(tw_sum > 0, np.where(has, tw * score, 0.0).sum(axis=1) / tw_sum, np.nan)

    def round2(x: Any) -> Any:
        y = x * 100.0
        y = y + np.copysign(1e-9, y)
        whole = np.floor(np.abs(y))
        whole = whole + (np.abs(y) - whole >= 0.5)
        return np.copysign(whole, y) / 100.0

    frame = pd.DataFrame({"index": round2(index)})
    for t, tid in enumerate(theme_ids):
        frame[f"theme:{tid}"] = round2(score[:, t])
    return frame


def human(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.3f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Batch scoring benchmark.")
    parser.add_argument("--n", type=int, default=10_000, help="number of assessments (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per method, best kept (default 3; the library's rows at least 5)")
    parser.add_argument("--input", help="JSON Lines of assessments to use instead of generating --n")
    parser.add_argument("--full-reports", action="store_true", help="also time score_many (full reports: slow)")
    parser.add_argument("--rows", action="store_true", help="print rows of the combined table only (scripts/bench.sh)")
    args = parser.parse_args(argv)

    ref = sobriete.default_referential()
    ref_dict = ref.to_dict()
    if args.input:
        with open(args.input, encoding="utf-8") as f:
            texts = [line for line in f.read().splitlines() if line.strip()]
        assessments = [json.loads(t) for t in texts]
    else:
        assessments = generate.generate(ref_dict, args.n, seed=args.seed)
        texts = [json.dumps(a, ensure_ascii=False) for a in assessments]
    n = len(assessments)
    blobs = [t.encode("utf-8") for t in texts]
    if args.input:
        jsonl = Path(args.input)
    else:
        import tempfile

        jsonl = Path(tempfile.mkdtemp()) / "assessments.jsonl"
        jsonl.write_text("".join(t + "\n" for t in texts), encoding="utf-8")

    def pure() -> list[Any]:
        scorer = pure_python.Scorer(ref_dict)
        return [scorer.score(a) for a in assessments]

    def pure_text() -> list[Any]:
        scorer = pure_python.Scorer(ref_dict)
        return [scorer.score(json.loads(t)) for t in texts]

    def pure_bytes() -> list[Any]:
        scorer = pure_python.Scorer(ref_dict)
        return [scorer.score(json.loads(b)) for b in blobs]

    def pure_file() -> list[Any]:
        scorer = pure_python.Scorer(ref_dict)
        with open(jsonl, encoding="utf-8") as f:
            return [scorer.score(json.loads(line)) for line in f if line.strip()]

    # (name, function, baseline name): each figure is compared with the
    # pure-Python run on the same input (JSON text, or dicts).
    PT, PD = "pure Python from JSON text", "pure Python from dicts"
    PB, PF = "pure Python from JSON bytes", "pure Python from a JSON Lines file"
    methods: list[tuple[str, Callable[[], Any], str]] = [
        (PT + " (`json.loads` + `pure_python.Scorer`)", pure_text, ""),
        (PB + " (`json.loads` + `pure_python.Scorer`)", pure_bytes, ""),
        (PF + " (`open`, `json.loads` per line + `pure_python.Scorer`)", pure_file, ""),
        (PD + " (`pure_python.Scorer`)", pure, ""),
        ("`Referential.score_table(texts)` (columns)", lambda: ref.score_table(texts), PT),
        ("`Referential.score_table(bytes)` (columns)", lambda: ref.score_table(blobs), PB),
        ("`Referential.score_table(path)` (JSON Lines file read natively, columns)",
         lambda: ref.score_table(jsonl), PF),
        ("`Referential.score_table(dicts)` (columns)", lambda: ref.score_table(assessments), PD),
    ]
    if args.full_reports:
        methods.append(("`Referential.score_many(dicts)` (full reports)", lambda: ref.score_many(assessments), PD))
    try:
        import pandas

        methods.insert(4, ("vectorised NumPy + pandas from dicts (`vectorised_scores`)",
                           lambda: vectorised_scores(ref_dict, assessments), PD))
        methods.append(("`Referential.scores_frame(texts)` (pandas DataFrame)", lambda: ref.scores_frame(texts), PT))
        pandas_note = f"pandas {pandas.__version__}"
    except ImportError:
        pandas_note = "pandas not installed: `scores_frame` skipped"

    rows = []
    seconds_of = {}
    pure_result = None
    table_result = None
    vectorised_result = None
    for name, fn, baseline in methods:
        # The library's rows take a second or less: best of at least 5, so
        # that a moment of load on a shared machine does not set the ratio.
        library = name.startswith("`Referential")
        seconds, result = best_of(max(args.repeat, 5) if library else args.repeat, fn)
        rows.append((name, seconds, baseline))
        seconds_of[name.split(" (")[0]] = seconds
        if fn is pure:
            pure_result = result
        elif "score_table(texts)" in name:
            table_result = result
        elif "vectorised" in name:
            vectorised_result = result
        result = None

    # The numbers agree (checked outside the timings).
    agree = "not checked"
    if pure_result is not None and table_result is not None:
        theme_ids = [t["id"] for t in ref_dict["themes"]]
        same = sum(
            index == table_result["index"][i]
            and all(themes[t] == table_result[f"theme:{t}"][i] for t in theme_ids)
            for i, (index, themes) in enumerate(pure_result)
        )
        agree = f"{same} of {n} identical (index and every theme score)"
    agree_vectorised = None
    if pure_result is not None and vectorised_result is not None:
        import math

        def same_value(x: Any, y: Any) -> bool:
            return x == y or (x is None and isinstance(y, float) and math.isnan(y))

        cols = {c: vectorised_result[c].tolist() for c in vectorised_result.columns}
        theme_ids = [t["id"] for t in ref_dict["themes"]]
        same = sum(
            same_value(index, cols["index"][i]) and all(same_value(themes[t], cols[f"theme:{t}"][i]) for t in theme_ids)
            for i, (index, themes) in enumerate(pure_result)
        )
        agree_vectorised = f"{same} of {n} identical"

    native = sobriete._native.__file__
    size_mb = os.path.getsize(native) / 1e6
    if not args.rows:
        print(f"Batch scoring of {n:,} level-2 assessments of `{ref.id}` {ref.version} "
              f"(best of {args.repeat}, the library's rows best of {max(args.repeat, 5)}, generation not timed)\n")
        print("| language | method | n | total | per assessment | compared with |")
        print("|---|---|---:|---:|---:|---|")
    for name, seconds, baseline in rows:
        versus = ""
        if baseline:
            ratio = seconds_of[baseline] / seconds
            if ratio >= 1:
                versus = f"**{ratio:.1f}×** faster than {baseline}"
            else:
                versus = f"{1 / ratio:.1f}× slower than {baseline}"
        print(f"| Python | {name} | {n} | {human(seconds)} | {human(seconds / n)} | {versus} |")
    notes = [
        f"Python: {platform.python_version()} ({platform.python_implementation()}), "
        f"sobriete {getattr(sobriete, '__version__', '?')}, {pandas_note}, native module {size_mb:.1f} MB, "
        f"{cores()} cores, `SOBRIETE_THREADS`={os.environ.get('SOBRIETE_THREADS', 'unset')}",
        f"Python: pure Python vs `score_table`: {agree}",
    ]
    if agree_vectorised:
        notes.append(f"Python: pure Python vs vectorised: {agree_vectorised}")
    print()
    for note in notes:
        print(f"- {note}")
    if not args.rows:
        print(f"- machine: {platform.platform()}, {cpu_model()}")


if __name__ == "__main__":
    main()
