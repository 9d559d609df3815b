"""Every operation of the core is reachable from Python and gives what the
CLI gives for the same inputs (the CLI is the Rust library's own front end)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

import sobriete

from conftest import EXAMPLES, ROOT, load

COMMUNE = EXAMPLES / "commune-rurale-niveau1.json"
AGGLO = EXAMPLES / "agglomeration-niveau2.json"
DEPT = EXAMPLES / "departement-niveau2.json"
PEERS = EXAMPLES / "peers" / "communes-creuse.json"


def cli(*args: str) -> str:
    exe = ROOT / "target" / "debug" / "sobriete"
    assert exe.exists(), "build the CLI first: cargo build -p sobriete-cli"
    done = subprocess.run([str(exe), *args], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def cli_json(*args: str) -> Any:
    return json.loads(cli(*args))


@pytest.mark.parametrize("path", [COMMUNE, AGGLO, DEPT], ids=lambda p: p.stem)
def test_score_matches_the_cli(ref: Any, path: Any) -> None:
    report = ref.score(path)
    assert report.to_dict() == cli_json("report", str(path), "--format", "json")
    # Typed attributes over the same data.
    assert report.index == report.to_dict()["index"]
    assert [t.id for t in report.themes] == [t.id for t in ref.themes if t.id in {x.id for x in report.themes}]
    assert isinstance(report.grade, sobriete._documents.Grade)
    assert report.counts.shown >= report.counts.answered


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reports_match_the_cli(ref: Any, fmt: Any, lang: Any) -> None:
    report = ref.full_report(COMMUNE, fmt, lang)
    assert str(report) == cli("report", str(COMMUNE), "--format", fmt, "--lang", lang)
    assert ref.score(COMMUNE).render(fmt, lang) == str(report)
    assert str(ref.render_report(COMMUNE, fmt, lang)) == str(report)


def test_report_is_a_deprecated_full_report_in_html(ref: Any) -> None:
    with pytest.warns(DeprecationWarning, match="full_report"):
        old = ref.report(COMMUNE)
    assert old.format == "html" and str(old) == str(ref.full_report(COMMUNE, "html"))
    assert str(ref.full_report(COMMUNE)) == str(ref.render_report(COMMUNE, "text", "fr"))


def test_full_report_with_every_input(ref: Any) -> None:
    earlier = load(COMMUNE)
    earlier["date"] = "2025-03-12"
    plan = ref.plan_from_proposal(COMMUNE, {"target": {"index": 50}}, "2026-03-15")
    full = ref.full_report_data(
        COMMUNE, target={"index": 50}, plan=plan, history=[earlier], peers=PEERS, min_group_size=3
    )
    assert full.report == ref.score(COMMUNE)
    assert full.gap is not None and full.proposal is not None and full.proposal.reachable
    assert full.status is not None and full.history is not None and full.comparison is not None
    assert len(full.history.entries) == 2
    html = ref.full_report(COMMUNE, "html", "fr", target={"index": 50}, plan=plan, history=[earlier], peers=PEERS)
    assert html.text.startswith("<!DOCTYPE html>") and "srcdoc" in (html._repr_html_() or "")


def test_propose_and_follow_up(ref: Any) -> None:
    request = {"target": {"index": 60}, "max_effort": 40}
    proposal = ref.propose(COMMUNE, request)
    expected = cli_json("plan", "propose", str(COMMUNE), "--target", "60", "--max-effort", "40", "--format", "json")
    assert proposal.to_dict() == expected
    assert proposal.reachable and proposal.index is not None and proposal.index >= 60
    plan = ref.plan_from_proposal(COMMUNE, request, "2026-04-01", proposal=proposal)
    assert [a.id for a in plan.actions] == [s.id for s in proposal.schedule]
    assert ref.validate_plan(plan).valid
    # Mark the first action done and follow up.
    doc = plan.to_dict()
    doc["actions"][0]["status"] = "done"
    doc["actions"][0]["completed"] = "2026-06-01"
    doc["actions"][0]["progress"] = 100
    status = ref.plan_status(doc, "2026-07-01")
    assert status.counts.done == 1
    nxt = ref.next_assessment(COMMUNE, doc, "2027-03-01")
    assert nxt.date == "2027-03-01" and nxt.from_plan
    after = ref.score(nxt)
    assert after.index is not None and after.index > ref.score(COMMUNE).index
    diff = ref.diff(COMMUNE, nxt)
    assert diff.index_delta == pytest.approx(after.index - ref.score(COMMUNE).index, abs=0.011)
    series = ref.progress_series([COMMUNE, nxt], doc)
    assert [p["date"] for p in series][:1] == ["2026-03-12"]
    csv = ref.plan_csv(doc)
    assert csv.count("\n") == len(doc["actions"]) + 1
    gap = ref.target_gap(COMMUNE, {"index": 60})
    assert gap.to_dict() == ref.full_report_data(COMMUNE, target={"index": 60}).gap.to_dict()  # type: ignore[union-attr]
    cands = ref.candidates(COMMUNE)
    assert cands.to_dict() == cli_json("actions", str(COMMUNE), "--format", "json")


def test_history_compare_rollup(ref: Any) -> None:
    earlier = load(COMMUNE)
    earlier["date"] = "2025-03-12"
    earlier["answers"]["gov-03"] = {"kind": "choice", "options": ["none"]}
    h = ref.history([earlier, COMMUNE])
    assert [e.date for e in h.entries] == ["2025-03-12", "2026-03-12"]
    c = ref.compare(COMMUNE, PEERS, 3)
    assert c.to_dict() == cli_json(
        "compare", str(COMMUNE), "--peers", str(PEERS), "--min-group-size", "3", "--format", "json"
    )
    r = sobriete.rollup(PEERS)
    assert r.to_dict() == cli_json("rollup", str(PEERS))
    peers = sobriete.load_peers(PEERS)
    pr = ref.peer_result(COMMUNE)
    assert pr.index == ref.score(COMMUNE).index
    assert len(peers.peers) == len(load(PEERS)["peers"])


def test_exports_and_charts(ref: Any) -> None:
    assert ref.answers_csv(COMMUNE, "fr") == cli("csv", "answers", str(COMMUNE), "--lang", "fr")
    assert ref.themes_csv(COMMUNE, "en") == cli("csv", "themes", str(COMMUNE), "--lang", "en")
    radar = ref.radar_svg(COMMUNE, target={"themes": {"governance": 80}}, peers=PEERS)
    # The CLI ends its output with a newline.
    assert radar._repr_svg_() + "\n" == cli(
        "chart", "radar", str(COMMUNE), "--peers", str(PEERS), "--theme-target", "governance=80"
    )
    assert radar.svg.lstrip().startswith("<svg")
    later = load(COMMUNE)
    later["date"] = "2027-03-12"
    evo = ref.evolution_svg([COMMUNE, later], "en")
    assert "<svg" in evo.svg
    review = ref.annual_review(COMMUNE, 2026)
    assert review.format == "markdown" and str(review) == cli("reen-review", str(COMMUNE), "--year", "2026")


def test_templates_and_referentials(ref: Any, tmp_path: Any) -> None:
    t = ref.template(2, {"name": "Metz Métropole", "kind": "metropole", "population": 220000}, "2026-05-01")
    assert t.level == 2 and t.profile.kind == "metropole"
    assert all(a.kind == "unanswered" for a in t.answers.values())
    assert len(t.answers) == len(ref.questions)
    assert ref.score(t).index == 0.0
    assert ref.markdown("en") == cli("referential", "--format", "markdown", "--lang", "en")
    path = tmp_path / "ref.json"
    path.write_text(ref.to_json(), encoding="utf-8")
    again = sobriete.load_referential(path)
    assert again.to_dict() == ref.to_dict()
    assert sobriete.load_referential(str(path)).id == ref.id
    assert sobriete.Referential.default() is sobriete.default_referential()


def test_dataframes(ref: Any) -> None:
    pd = pytest.importorskip("pandas")
    items: list[Any] = [COMMUNE, AGGLO, DEPT]
    frame = ref.scores_frame(items)
    assert list(frame["index"]) == [ref.score(p).index for p in items]
    assert {"name", "grade", "completeness", "theme:governance", "error"} <= set(frame.columns)
    answers = ref.answers_frame(COMMUNE)
    assert len(answers) == len(ref.score(COMMUNE).questions)
    assert {"id", "theme", "status", "points", "answer"} <= set(answers.columns)
    plan = ref.plan_from_proposal(COMMUNE, {"target": {"index": 50}}, "2026-04-01")
    pf = ref.plan_frame(plan)
    assert list(pf["id"]) == [a.id for a in plan.actions]
    assert "budget_planned" in pf.columns
    assert isinstance(frame, pd.DataFrame)


def test_score_many_equals_one_by_one(ref: Any) -> None:
    items = [COMMUNE, AGGLO, DEPT] * 5
    many = ref.score_many(items)
    assert [r.to_dict() for r in many] == [ref.score(p).to_dict() for p in items]
    assert sobriete.score_many(items) == many


def test_results_render_like_the_cli(ref: Any) -> None:
    proposal = ref.propose(COMMUNE, {"target": {"index": 60}})
    assert proposal.render("text", "fr") == cli("plan", "propose", str(COMMUNE), "--target", "60")
    md = proposal._repr_markdown_()
    assert md == cli("plan", "propose", str(COMMUNE), "--target", "60", "--format", "markdown")
    comparison = ref.compare(COMMUNE, PEERS, 3)
    assert comparison.render("markdown", "en") == cli(
        "compare", str(COMMUNE), "--peers", str(PEERS), "--min-group-size", "3", "--format", "markdown", "--lang", "en"
    )
    with pytest.raises(sobriete.ArgumentError):
        proposal.render("html")


def test_migration_there_and_back(ref: Any) -> None:
    v2 = sobriete.load_referential(EXAMPLES / "migration" / "sobriete-reen-2.0.0.json")
    crosswalk = EXAMPLES / "migration" / "crosswalk-1.1.0-to-2.0.0.json"
    assert ref.validate_crosswalk(crosswalk, v2).valid
    m = ref.migrate(COMMUNE, crosswalk, v2)
    assert m.assessment.referential.version == "2.0.0"
    assert m.report.counts.not_carried == 1
    assert m.assessment.migrations[0].original["pur-04"].to_dict()["options"] == ["none"]
    sim = ref.simulate_migration(COMMUNE, crosswalk, v2)
    assert sim.index_before == 28.82 and sim.index_after == v2.score(m.assessment).index
    back = v2.migrate(m.assessment, sobriete.invert_crosswalk(crosswalk), ref)
    assert back.assessment.to_dict()["answers"] == load(COMMUNE)["answers"]
    with pytest.raises(sobriete.ValidationError) as info:
        ref.migrate(COMMUNE, crosswalk, ref)  # the crosswalk leads to 2.0.0, not 1.1.0
    assert info.value.document == "crosswalk"
    # The reports the command line's `migrate` writes, word for word.
    v2_path = str(EXAMPLES / "migration" / "sobriete-reen-2.0.0.json")
    args = ["migrate", str(COMMUNE), "--crosswalk", str(crosswalk), "--to", v2_path]
    for fmt in ("text", "markdown"):
        simulation = ref.render_migration_simulation(COMMUNE, crosswalk, v2, fmt, "en")
        assert str(simulation) == cli(*args, "--simulate", "--format", fmt, "--lang", "en"), fmt
    simulation = ref.render_migration_simulation(COMMUNE, crosswalk, v2, "json")
    assert json.loads(str(simulation)) == cli_json(*args, "--simulate", "--format", "json")
    exe = ROOT / "target" / "debug" / "sobriete"
    done = subprocess.run([str(exe), *args, "--format", "markdown"], capture_output=True, check=True)
    report = ref.render_migration(COMMUNE, crosswalk, v2, "markdown")
    assert (str(report), report.format) == (done.stderr.decode("utf-8"), "markdown")
    with pytest.raises(sobriete.ArgumentError) as bad:
        ref.render_migration(COMMUNE, crosswalk, v2, "html")
    assert bad.value.argument == "format"


@pytest.mark.parametrize(
    "fmt, file, questions, themes",
    [
        ("rgesn", "rgesn-2024.json", 78, 9),
        ("minumeco", "minumeco-guide-v1.json", 59, 9),
        ("wsg", "wsg-ninth-draft.json", 94, 4),
    ],
)
def test_importers(fmt: Any, file: str, questions: int, themes: int) -> None:
    path = ROOT / "tests" / "import-fixtures" / "published" / file
    imported = sobriete.import_referential(fmt, path)
    assert len(imported.referential.questions) == questions
    assert len(imported.referential.themes) == themes
    r = sobriete.Referential.load(imported.referential)
    assert r.validate(r.template(1, {"name": "Ville", "kind": "commune", "population": 5000}, "2026-01-01")).valid
    # The same referential as the CLI writes.
    assert imported.referential.to_dict() == json.loads(cli("import", fmt, str(path), "-q"))


def test_ecoclic_imports_from_a_dump_a_folder_or_a_mapping() -> None:
    fixtures = ROOT / "tests" / "import-fixtures" / "ecoclic"
    dump = fixtures / "mini.sql"
    cli_ref = json.loads(cli("import", "ecoclic", str(dump), "-q"))
    folder = fixtures / "mini-csv"
    tables = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.csv")}
    sql = dump.read_text(encoding="utf-8")
    for source in (dump, str(dump), sql, {"sql": str(dump)}, folder, tables, {"csv": tables}):
        imported = sobriete.import_ecoclic(source)
        assert isinstance(imported, sobriete.Imported)
        assert imported.referential.to_dict() == cli_ref
    # The answers: one assessment per collectivité, as the CLI writes them.
    answers = sobriete.import_ecoclic_answers(folder)
    assert isinstance(answers, sobriete.ImportedAnswers)
    lines = [json.loads(x) for x in cli("import", "ecoclic-answers", str(dump), "-q").splitlines()]
    assert [a.assessment.to_dict() for a in answers.assessments] == lines
    # Each collectivité's Éco-clic figure (hand-computed in core/tests/ecoclic.rs).
    ref = sobriete.Referential.load(cli_ref)
    figures = {a.collectivite: ref.score(a.assessment).eco_clic.index for a in answers.assessments}
    assert figures == {"col-a": 42, "col-b": 56, "col-c": None, "col-d": 28}
    # With the referential given; what was not carried is in the report.
    again = sobriete.import_ecoclic_answers(dump, ref)
    assert again.to_dict() == answers.to_dict()
    col_d = [c for c in answers.report.collectivites if c.collectivite == "col-d"][0]
    assert [n.path for n in col_d.not_carried][0] == "/collectivite_answer/ca-d9"
    # A broken dump: every problem, located.
    with pytest.raises(sobriete.ValidationError) as info:
        sobriete.import_ecoclic("INSERT INTO answer VALUES ('cut")
    assert info.value.issues[0].code == "invalid_sql"
    assert info.value.issues[0].message.startswith("line 1, column")
    with pytest.raises(sobriete.ArgumentError):
        sobriete.import_ecoclic(ROOT / "examples")  # no CSV export there


def test_import_errors() -> None:
    with pytest.raises(sobriete.ArgumentError):
        sobriete.import_referential("pdf", "{}")  # type: ignore[arg-type]
    with pytest.raises(sobriete.ValidationError) as info:
        sobriete.import_referential("rgesn", '{"nothing": "here"}')
    assert info.value.document == "import_source"
