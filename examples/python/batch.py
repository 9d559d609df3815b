"""Scores every assessment of a folder in one call and builds a DataFrame
(needs the pandas extra: pip install './bindings-python[pandas]')."""

import sys
from pathlib import Path

import sobriete

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "examples")
paths = sorted(folder.glob("*.json"))
ref = sobriete.default_referential()
frame = ref.scores_frame(paths)  # one row per assessment, a column per theme
print(frame[["name", "index", "grade", "completeness"]].to_string(index=False))
reports = ref.score_many(paths)  # full reports, one call, GIL released
best = max(reports, key=lambda r: r.index or 0.0)
print("best:", best.profile.name, best.index)
ref.radar_svg(paths[0]).save("radar.svg")
