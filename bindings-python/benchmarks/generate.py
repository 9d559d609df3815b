"""Deterministic generator of valid assessments of a referential.

    from generate import generate
    assessments = generate(referential_dict, n=10_000, seed=0)  # list of dicts

Every assessment is valid for the referential (level 2 by default): single
choices pick exactly one option, multiple choices distinct options (possibly
none), numbers lie in the question's ``min``/``max`` (band thresholds
included on purpose), "don't know" only where allowed, "not applicable" only
where allowed and justified where required. Answers vary from mostly good to
mostly absent; some questions are left out or explicitly unanswered, and
questions hidden by their condition or outside the profile are sometimes
answered anyway (the library keeps and ignores those answers, with a
warning). Profiles: communes from 40 to 2 million inhabitants (with the
50,000/50,001 threshold of the default referential), intercommunalités of
every kind, départements, régions, syndicats.

Run as a script to write them as JSON (one assessment per line):

    python generate.py --n 1000 --seed 1 > assessments.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Mapping
from typing import Any

__all__ = ["generate", "generate_one"]

Json = Mapping[str, Any]

# (kind, population range) of the profiles, with their relative frequency.
PROFILES = [
    ("commune", (40, 2_000), 30),
    ("commune", (2_000, 50_000), 15),
    ("commune", (50_000, 50_002), 3),  # 50,000 / 50,001 / 50,002: the threshold
    ("commune", (50_001, 2_000_000), 8),
    ("communaute_de_communes", (3_000, 80_000), 10),
    ("communaute_d_agglomeration", (50_000, 300_000), 8),
    ("communaute_urbaine", (100_000, 600_000), 4),
    ("metropole", (200_000, 2_000_000), 4),
    ("departement", (75_000, 2_700_000), 10),
    ("region", (300_000, 12_000_000), 3),
    ("syndicat_or_opsn", (1_000, 500_000), 3),
    ("other", (0, 10_000), 2),
]

DEPARTEMENTS = [f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B", "971", "974", "976"]
REGIONS = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]


def _profile(rng: random.Random, i: int) -> dict[str, Any]:
    kind, (lo, hi), _ = rng.choices(PROFILES, weights=[p[2] for p in PROFILES])[0]
    # Log-uniform populations: as many villages as towns.
    population = int(round(lo * (hi / lo) ** rng.random())) if lo > 0 else rng.randint(lo, hi)
    population = min(max(population, lo), hi)
    name = f"{kind.replace('_', ' ').title()} n° {i}"
    profile: dict[str, Any] = {"name": name, "kind": kind, "population": population}
    if rng.random() < 0.8:
        profile["departement"] = rng.choice(DEPARTEMENTS)
    if rng.random() < 0.6:
        profile["region"] = rng.choice(REGIONS)
    if rng.random() < 0.3:
        profile["siren"] = f"{rng.randrange(10**9):09d}"
    if kind == "commune" and rng.random() < 0.5:
        profile["insee"] = f"{rng.randrange(1000, 96000):05d}"
    return profile


def _number(rng: random.Random, response: Json) -> float:
    lo = response.get("min")
    hi = response.get("max")
    bands = [b["from"] for b in response.get("bands", [])]
    lo = lo if lo is not None else (min(bands) - 5 if bands else 0.0)
    hi = hi if hi is not None else (max(bands) * 2 + 10 if bands else 100.0)
    # Thresholds: exactly on a band's `from` (or the bounds), and just below.
    candidates = [x for x in bands + [lo, hi] if lo <= x <= hi]
    r = rng.random()
    if r < 0.3 and candidates:
        value = float(rng.choice(candidates))
        if rng.random() < 0.3 and value - 0.01 >= lo:
            value = round(value - 0.01, 2)
        return value
    if r < 0.6:
        return float(rng.randint(int(lo) + (lo != int(lo)), int(hi)))  # an integer within the bounds
    return round(rng.uniform(lo, hi), rng.choice([1, 2, 3]))


def _answer(rng: random.Random, q: Json, quality: float) -> dict[str, Any] | None:
    """An answer to a question (None: leave it out)."""
    r = rng.random()
    if r < 0.05:
        return None
    if r < 0.08:
        return {"kind": "unanswered"}
    if r < 0.14 and q.get("allow_dont_know", True):
        return {"kind": "dont_know"}
    if r < 0.22 and q.get("allow_not_applicable", False):
        answer: dict[str, Any] = {"kind": "not_applicable"}
        if q.get("require_justification", False) or rng.random() < 0.5:
            answer["justification"] = rng.choice(["Aucun matériel concerné", "Compétence transférée", "Sans objet"])
        return answer
    response = q["response"]
    kind = response["kind"]
    good = rng.random() < quality  # the better the collectivité, the more good answers
    if kind == "yes_no":
        yes_better = response.get("yes_points", 1) >= response.get("no_points", 0)
        return {"kind": "yes" if good == yes_better else "no"}
    if kind == "single_choice":
        options = sorted(response["options"], key=lambda o: o["points"])
        half = options[len(options) // 2 :] if good else options[: (len(options) + 1) // 2]
        return {"kind": "choice", "options": [rng.choice(half)["id"]]}
    if kind == "multiple_choice":
        ids = [o["id"] for o in response["options"]]
        share = 0.7 if good else 0.25
        chosen = [o for o in ids if rng.random() < share]
        rng.shuffle(chosen)
        return {"kind": "choice", "options": chosen}
    if kind == "numeric":
        return {"kind": "number", "value": _number(rng, response)}
    raise ValueError(f"unknown response kind {kind!r}")


def generate_one(referential: Json, rng: random.Random, i: int = 0, level: int = 2) -> dict[str, Any]:
    """One valid assessment of the referential."""
    quality = rng.random()
    answers: dict[str, Any] = {}
    for q in referential["questions"]:
        if q["level"] > level and rng.random() < 0.9:
            continue  # (rarely, a level-2 question of a level-1 assessment is answered)
        answer = _answer(rng, q, quality)
        if answer is None:
            continue
        if rng.random() < 0.05:
            answer["comment"] = f"Commentaire {rng.randrange(1000)}"
        if rng.random() < 0.03:
            answer["evidence"] = [f"https://example.org/preuve/{rng.randrange(1000)}.pdf"]
        answers[q["id"]] = answer
    if rng.random() < 0.5:  # the answers in another order than the referential's
        items = list(answers.items())
        rng.shuffle(items)
        answers = dict(items)
    year = rng.choice([2024, 2025, 2026])
    return {
        "referential": {"id": referential["id"], "version": referential["version"]},
        "profile": _profile(rng, i),
        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "level": level,
        "answers": answers,
    }


def generate(referential: Json, n: int, seed: int = 0, level: int = 2) -> list[dict[str, Any]]:
    """``n`` valid assessments of the referential, the same for the same seed."""
    rng = random.Random(seed)
    return [generate_one(referential, rng, i, level) for i in range(n)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of assessments (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--level", type=int, default=2, choices=[1, 2])
    args = parser.parse_args(argv)
    import sobriete  # only to get the default referential

    referential = sobriete.default_referential().to_dict()
    for a in generate(referential, args.n, args.seed, args.level):
        sys.stdout.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
