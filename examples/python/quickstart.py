"""The README's Python example: score an assessment, read the results, ask
for a plan, see every problem of a broken document."""

import json
from pathlib import Path

import sobriete

ref = sobriete.default_referential()  # the embedded REEN referential
report = ref.score("examples/commune-rurale-niveau1.json")  # a dict, JSON text or path
print(report.index, report.grade.grade if report.grade else None, report.completeness)
for theme in report.themes:
    print(f"{theme.id:<15} {theme.score}")
proposal = ref.propose("examples/commune-rurale-niveau1.json", {"target": {"index": 70}})
print(proposal.reachable, [step.id for step in proposal.schedule])
broken = json.loads(Path("examples/commune-rurale-niveau1.json").read_text(encoding="utf-8"))
broken.update(level=3, date="2026-02-30")
try:
    ref.score(broken)
except sobriete.ValidationError as e:
    print([(issue.code, issue.path) for issue in e.issues])  # every problem at once
