"""sobriete: the digital sobriety maturity index of French local governments.

The same computation as the Rust library, the CLI, JavaScript and Kotlin: a
collectivité's answers to a referential of good practices become a maturity
index (0–100), theme scores, a grade, the practices not in place, a plan of
least effort to reach a target, its follow-up, the history and the
comparison with peers.

>>> import sobriete
>>> ref = sobriete.default_referential()
>>> report = ref.score(ref.template(level=1, date="2026-01-15"))
>>> report.index, report.complete
(0.0, False)

Documents (referentials, assessments, plans, requests, peers) are accepted
as dicts, JSON text, paths (``str`` ending in ``.json`` or ``os.PathLike``) or
the typed objects the library returns. Results are typed objects with
attributes and ``to_dict()``; invalid documents raise
:class:`ValidationError` listing every problem.
"""

from __future__ import annotations

import html
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from . import _native
from ._documents import (
    Action,
    Answer,
    Assessment,
    AssessmentDiff,
    Candidates,
    Crosswalk,
    Document,
    Gap,
    History,
    Imported,
    ImportedAnswers,
    ImportReport,
    Issue,
    Migration,
    MigrationSimulation,
    PeerComparison,
    PeerResult,
    PeerSet,
    Plan,
    PlanStatus,
    Profile,
    Proposal,
    ProposalRequest,
    Question,
    ReferentialDocument,
    Rollup,
    ScoreReport,
    ScoreSummary,
    Target,
    TargetGap,
    Text,
    Theme,
    ThemeScore,
    ValidationReport,
)
from .errors import ArgumentError, Error, InternalError, ValidationError

if TYPE_CHECKING:  # pandas is an optional extra
    import pandas

__version__: str = _native.version()

__all__ = [
    "Action",
    "Answer",
    "ArgumentError",
    "Assessment",
    "AssessmentDiff",
    "Candidates",
    "Chart",
    "Crosswalk",
    "Document",
    "DocumentInput",
    "Error",
    "FullReport",
    "Gap",
    "History",
    "InternalError",
    "Imported",
    "ImportedAnswers",
    "ImportReport",
    "Issue",
    "Migration",
    "MigrationSimulation",
    "PeerComparison",
    "PeerResult",
    "PeerSet",
    "Plan",
    "PlanStatus",
    "Profile",
    "Proposal",
    "ProposalRequest",
    "Question",
    "Referential",
    "ReferentialDocument",
    "Report",
    "Rollup",
    "ScoreReport",
    "ScoreSummary",
    "Target",
    "TargetGap",
    "Text",
    "Theme",
    "ThemeScore",
    "ValidationError",
    "ValidationReport",
    "default_referential",
    "import_ecoclic",
    "import_ecoclic_answers",
    "import_referential",
    "invert_crosswalk",
    "load_crosswalk",
    "load_referential",
    "rollup",
    "score",
    "score_many",
    "scores_frame",
    "validate",
]

#: What a document argument accepts: a dict, JSON text, a path to a JSON file
#: (``os.PathLike``, or a ``str`` ending in ``.json``) or a typed document.
DocumentInput = Mapping[str, Any] | str | os.PathLike[str] | Document

#: A language of the texts.
Lang = Literal["fr"] | Literal["en"]
#: A report format.
Format = Literal["text"] | Literal["json"] | Literal["markdown"] | Literal["html"]


def _source(document: Any) -> Any:
    """The dict or JSON text to hand to the native module."""
    if isinstance(document, Document):
        return document._data
    if isinstance(document, (str, os.PathLike)):
        if isinstance(document, str):
            head = document.lstrip()[:1]
            if head in ("{", "[") or not document.strip().lower().endswith(".json"):
                return document  # JSON text (invalid text is reported as such)
        return Path(document).read_text(encoding="utf-8")
    if isinstance(document, (bytes, bytearray)):
        # UTF-8 JSON text, checked by the core (invalid bytes are an
        # `invalid_json` error, not silently replaced).
        return bytes(document)
    return document


def _sources(documents: Iterable[Any]) -> list[Any]:
    return [_source(d) for d in documents]


def _opt(document: Any) -> Any:
    return None if document is None else _source(document)


def _inputs(
    target: Any, plan: Any, as_of: str | None, history: Any, peers: Any, min_group_size: int | None
) -> dict[str, Any]:
    """The full report's optional inputs, as the native call reads them."""
    return {
        "target": _opt(target),
        "plan": _opt(plan),
        "as_of": as_of,
        "history": None if history is None else _sources(history),
        "peers": _opt(peers),
        "min_group_size": min_group_size,
    }


from ._documents import _iframe  # noqa: E402


def _check_errors(errors: str) -> None:
    """The `errors` argument of the batch calls: "raise" or "return"."""
    if errors not in ("raise", "return"):
        raise ArgumentError(
            f"invalid argument `errors`: must be \"raise\" or \"return\", got {errors!r}",
            "errors",
            f"must be \"raise\" or \"return\", got {errors!r}",
        )


def _batch(items: list[Any], wrap: Callable[[Any], Any], errors: str) -> list[Any]:
    """A native batch's items, each result wrapped in its document class;
    an exception in its place (``errors="return"``) or raised."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, Error):
            if errors == "raise":
                raise item
            out.append(item)
        else:
            out.append(wrap(item))
    return out


class Report:
    """A rendered report: its text in a format (``str(report)``), displayed
    as the HTML page in notebooks when the format is ``html``."""

    __slots__ = ("text", "format", "lang")

    def __init__(self, text: str, format: str, lang: str) -> None:
        #: The rendered text.
        self.text = text
        #: Its format: text, json, markdown or html.
        self.format = format
        #: Its language: fr or en.
        self.lang = lang

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Report(format={self.format!r}, lang={self.lang!r}, {len(self.text)} chars)"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the report to a file (UTF-8)."""
        Path(path).write_text(self.text, encoding="utf-8")

    def _repr_html_(self) -> str | None:
        if self.format == "html":
            return _iframe(self.text)
        return f"<pre>{html.escape(self.text)}</pre>"

    def _repr_markdown_(self) -> str | None:
        return self.text if self.format == "markdown" else None


class Chart:
    """An SVG chart, displayed in notebooks."""

    __slots__ = ("svg",)

    def __init__(self, svg: str) -> None:
        #: The SVG document.
        self.svg = svg

    def __str__(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"Chart({len(self.svg)} chars of SVG)"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the SVG to a file."""
        Path(path).write_text(self.svg, encoding="utf-8")

    def _repr_svg_(self) -> str:
        return self.svg


class FullReport(Document):
    """Every part of a full report: the score report and, when asked for,
    the target gap and proposal, the plan's follow-up, the history, the
    progress series and the comparison with peers."""

    __slots__ = ()

    @property
    def report(self) -> ScoreReport:
        """The score report."""
        return ScoreReport(self._data["report"])

    @property
    def gap(self) -> TargetGap | None:
        """The gap to the target."""
        v = self._data.get("gap")
        return None if v is None else TargetGap(v)

    @property
    def proposal(self) -> Proposal | None:
        """The plan proposed to reach the target."""
        v = self._data.get("proposal")
        return None if v is None else Proposal(v)

    @property
    def status(self) -> PlanStatus | None:
        """The plan's follow-up."""
        v = self._data.get("status")
        return None if v is None else PlanStatus(v)

    @property
    def history(self) -> History | None:
        """The history of the assessments."""
        v = self._data.get("history")
        return None if v is None else History(v)

    @property
    def progress(self) -> list[dict[str, Any]] | None:
        """Achieved vs planned index (with a plan and a history)."""
        v = self._data.get("progress")
        return None if v is None else list(v)

    @property
    def comparison(self) -> PeerComparison | None:
        """The comparison with peers."""
        v = self._data.get("comparison")
        return None if v is None else PeerComparison(v)


class Referential:
    """A loaded and validated referential, and every operation on it.

    Build one with :meth:`default` (the embedded REEN referential),
    :meth:`load` (a dict, JSON text or a path) and reuse it: it is parsed
    and validated once.
    """

    __slots__ = ("_native", "_document")

    _default: Referential | None = None

    def __init__(self, native: _native.Referential) -> None:
        self._native = native
        self._document: ReferentialDocument | None = None

    @classmethod
    def default(cls) -> Referential:
        """The default referential embedded in the library (REEN law)."""
        if cls._default is None:
            cls._default = cls(_native.Referential.default())
        return cls._default

    @classmethod
    def load(cls, source: DocumentInput) -> Referential:
        """A referential from a dict, JSON text or path; raises
        :class:`ValidationError` with every problem when it is invalid."""
        return cls(_native.Referential.load(_source(source)))

    # -- the document --------------------------------------------------
    @property
    def document(self) -> ReferentialDocument:
        """The referential as a typed document."""
        if self._document is None:
            self._document = ReferentialDocument(self._native.to_dict())
        return self._document

    @property
    def id(self) -> str:
        """Stable identifier."""
        return self.document.id

    @property
    def version(self) -> str:
        """Semantic version."""
        return self.document.version

    @property
    def title(self) -> Text:
        """Title (fr, en)."""
        return self.document.title

    @property
    def themes(self) -> list[Theme]:
        """Themes, in display order."""
        return self.document.themes

    @property
    def questions(self) -> list[Question]:
        """Questions, in display order."""
        return self.document.questions

    @property
    def actions(self) -> list[Action]:
        """Recommended actions."""
        return self.document.actions

    def to_dict(self) -> dict[str, Any]:
        """The referential as a dict."""
        return self.document.to_dict()

    def to_json(self) -> str:
        """The referential as JSON text."""
        return self._native.to_json()

    def markdown(self, lang: Lang = "fr") -> str:
        """The referential as a readable Markdown document."""
        return str(self._native.call("markdown", lang=lang))

    def __repr__(self) -> str:
        return f"Referential(id={self.id!r}, version={self.version!r}, {len(self.questions)} questions)"

    def _repr_markdown_(self) -> str:
        return self.markdown()

    # -- validation and scoring ------------------------------------------
    def load_assessment(self, assessment: DocumentInput) -> Assessment:
        """Reads an assessment and validates it against this referential;
        raises :class:`ValidationError` listing every problem."""
        return Assessment(self._native.load_document("assessment", _source(assessment)))

    def load_plan(self, plan: DocumentInput) -> Plan:
        """Reads a plan and validates it against this referential; raises
        :class:`ValidationError` listing every problem."""
        return Plan(self._native.load_document("plan", _source(plan)))

    def validate(self, document: DocumentInput) -> ValidationReport:
        """Validates any document (its kind is detected) against this
        referential; never raises for an invalid document: the report lists
        every problem."""
        return ValidationReport(self._native.call("validate", document=_source(document)))

    def score(self, assessment: DocumentInput) -> ScoreReport:
        """Scores an assessment: index, grade, theme scores, gaps, actions."""
        return ScoreReport(self._native.call("score", assessment=_source(assessment)))

    def score_summary(self, assessment: DocumentInput) -> ScoreSummary:
        """The headline figures of an assessment (index, grade, completeness,
        theme scores): the index alone, without the gaps and actions."""
        return ScoreSummary(self._native.call("score_summary", assessment=_source(assessment)))

    @overload
    def score_many(
        self, assessments: Iterable[DocumentInput], *, errors: Literal["raise"] = "raise"
    ) -> list[ScoreReport]: ...

    @overload
    def score_many(
        self, assessments: Iterable[DocumentInput], *, errors: Literal["return"]
    ) -> list[ScoreReport | Error]: ...

    def score_many(
        self, assessments: Iterable[DocumentInput], *, errors: str = "raise"
    ) -> list[ScoreReport] | list[ScoreReport | Error]:
        """Scores many assessments in one call (the GIL is released while
        scoring). With ``errors="raise"`` the first invalid assessment
        raises; with ``errors="return"`` its exception takes its place in
        the list."""
        _check_errors(errors)
        return _batch(self._native.score_many(_sources(assessments)), ScoreReport, errors)

    @overload
    def score_summaries(
        self, assessments: Iterable[DocumentInput], *, errors: Literal["raise"] = "raise"
    ) -> list[ScoreSummary]: ...

    @overload
    def score_summaries(
        self, assessments: Iterable[DocumentInput], *, errors: Literal["return"]
    ) -> list[ScoreSummary | Error]: ...

    def score_summaries(
        self, assessments: Iterable[DocumentInput], *, errors: str = "raise"
    ) -> list[ScoreSummary] | list[ScoreSummary | Error]:
        """The headline figures of many assessments in one call (index,
        grade, completeness, theme scores, Éco-clic figure, conformity: the
        core's batch fast path, the same call as JavaScript's and Kotlin's
        ``scoreSummaries``), much faster than :meth:`score_many`'s full
        reports. ``errors`` as in :meth:`score_many`; inputs as in
        :meth:`score_table`."""
        _check_errors(errors)
        if isinstance(assessments, (str, bytes, bytearray)):
            raise TypeError("score_summaries takes an iterable of assessments (a str or bytes is not one)")
        return _batch(self._native.score_summaries(assessments, _source), ScoreSummary, errors)

    def score_table(
        self, assessments: Iterable[DocumentInput] | os.PathLike[str]
    ) -> dict[str, list[Any]]:
        """Scores many assessments in one call and returns columns: ``name``,
        ``kind``, ``population``, ``insee``, ``date``, ``level``, ``index``,
        ``grade``, ``complete``, ``completeness``, ``dont_know_share``,
        ``eco_clic``, ``conformity``, one ``theme:<id>`` column per theme, and ``error``
        (the message when the assessment is invalid, else None).

        ``assessments`` is an iterable of documents (JSON text as ``str`` or
        ``bytes``, dicts, typed documents, paths to JSON files), or the path
        (``pathlib.Path``, any ``os.PathLike``) of a JSON Lines file, one
        assessment per line: the file is then read by the native module,
        blank lines are skipped and a first column ``line`` gives each row's
        line number. JSON text is the fastest input (``bytes`` above all: it
        is read in place); the Python work (reading ``str`` and dicts,
        building the columns) overlaps the scoring on the other cores."""
        if isinstance(assessments, os.PathLike):
            return dict(self._native.score_table_jsonl(os.fspath(assessments)))
        if isinstance(assessments, (str, bytes, bytearray)):
            raise TypeError(
                "score_table takes an iterable of assessments, or a pathlib.Path to a "
                "JSON Lines file (a str or bytes is neither)"
            )
        return dict(self._native.score_table(assessments, _source))

    def scores_frame(
        self, assessments: Iterable[DocumentInput] | os.PathLike[str]
    ) -> pandas.DataFrame:
        """A DataFrame with one row per assessment (the columns of
        :meth:`score_table`, which takes the same inputs; needs the
        ``pandas`` extra)."""
        frame: pandas.DataFrame = _pandas().DataFrame(self.score_table(assessments))
        return frame

    def answers_frame(self, assessment: DocumentInput) -> pandas.DataFrame:
        """A DataFrame with one row per in-level question of an assessment:
        theme, level, answer kind, status, points, max points, weight,
        credit, contribution to the index and missed points."""
        src = _source(assessment)
        report = self.score(src)
        answers = self.load_assessment(src).answers
        rows = []
        for q in report.questions:
            answer = answers.get(q.id)
            row = q.to_dict()
            row["answer"] = None if answer is None else answer.kind
            rows.append(row)
        frame: pandas.DataFrame = _pandas().DataFrame(rows)
        return frame

    def plan_frame(self, plan: DocumentInput) -> pandas.DataFrame:
        """A DataFrame with one row per planned action of a plan."""
        doc = self.load_plan(plan)
        rows = []
        for a in doc.actions:
            row = a.to_dict()
            budget = row.pop("budget", None) or {}
            row["budget_planned"] = budget.get("planned")
            row["budget_spent"] = budget.get("spent")
            rows.append(row)
        frame: pandas.DataFrame = _pandas().DataFrame(rows)
        return frame

    def template(
        self,
        level: int = 1,
        profile: Mapping[str, Any] | Profile | str | None = None,
        date: str | None = None,
    ) -> Assessment:
        """An assessment skeleton: every question of the levels ≤ ``level``
        (only those that apply to ``profile`` when given), unanswered."""
        return Assessment(self._native.call("template", level=level, profile=_opt(profile), date=date))

    # -- reports ----------------------------------------------------------
    def render_report(self, assessment: DocumentInput, format: Format = "text", lang: Lang = "fr") -> Report:
        """Scores an assessment and renders its report (``text``, ``json``,
        ``markdown`` or a self-contained ``html`` page)."""
        text = self._native.call("render_report", assessment=_source(assessment), format=format, lang=lang)
        return Report(text, format, lang)

    def full_report(
        self,
        assessment: DocumentInput,
        format: Format = "text",
        lang: Lang = "fr",
        *,
        target: Mapping[str, Any] | Target | str | None = None,
        plan: DocumentInput | None = None,
        as_of: str | None = None,
        history: Sequence[DocumentInput] | None = None,
        peers: DocumentInput | None = None,
        min_group_size: int | None = None,
    ) -> Report:
        """The report of an assessment, rendered, with what the optional
        inputs add: the target's gap and proposed plan, the plan's follow-up
        as of ``as_of``, the history of earlier assessments, the comparison
        with peers. :meth:`full_report_data` gives the same as data."""
        text = self._native.call(
            "full_report",
            assessment=_source(assessment),
            format=format,
            lang=lang,
            inputs=_inputs(target, plan, as_of, history, peers, min_group_size),
        )
        return Report(text, format, lang)

    def report(self, assessment: DocumentInput, format: Format = "html", lang: Lang = "fr", **inputs: Any) -> Report:
        """Deprecated: :meth:`full_report` (whose format is ``text`` by
        default, as in every other language)."""
        warnings.warn(
            "Referential.report is deprecated: use full_report (default format text)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.full_report(assessment, format, lang, **inputs)

    def full_report_data(
        self,
        assessment: DocumentInput,
        *,
        target: Mapping[str, Any] | Target | str | None = None,
        plan: DocumentInput | None = None,
        as_of: str | None = None,
        history: Sequence[DocumentInput] | None = None,
        peers: DocumentInput | None = None,
        min_group_size: int | None = None,
    ) -> FullReport:
        """Every part of :meth:`full_report` as data."""
        return FullReport(
            self._native.call(
                "full_report_data",
                assessment=_source(assessment),
                inputs=_inputs(target, plan, as_of, history, peers, min_group_size),
            )
        )

    # -- targets and plans --------------------------------------------------
    def target_gap(
        self, assessment: DocumentInput, target: Mapping[str, Any] | Target | str
    ) -> TargetGap:
        """The gap between an assessment's scores and a target."""
        return TargetGap(self._native.call("target_gap", assessment=_source(assessment), target=_source(target)))

    def candidates(self, assessment: DocumentInput) -> Candidates:
        """Every action that would raise an answer, with its exact gain alone,
        and the quick-wins, largest-gains, by-theme and by-REEN-area views."""
        return Candidates(self._native.call("candidates", assessment=_source(assessment)))

    def propose(
        self, assessment: DocumentInput, request: Mapping[str, Any] | ProposalRequest | str
    ) -> Proposal:
        """The plan of least effort that reaches the request's target
        (``{"target": {"index": 70}, "max_effort": …, "exclude": […]}``)."""
        return Proposal(self._native.call("propose", assessment=_source(assessment), request=_source(request)))

    def plan_from_proposal(
        self,
        assessment: DocumentInput,
        request: Mapping[str, Any] | ProposalRequest | str,
        created: str,
        proposal: Mapping[str, Any] | Proposal | None = None,
    ) -> Plan:
        """A plan document from a proposal (computed from ``request`` when
        not given): every proposed action to plan, created on ``created``."""
        return Plan(
            self._native.call(
                "plan_from_proposal",
                assessment=_source(assessment),
                request=_source(request),
                created=created,
                proposal=_opt(proposal),
            )
        )

    def validate_plan(self, plan: DocumentInput) -> ValidationReport:
        """Validates a plan against this referential."""
        return ValidationReport(self._native.call("validate_plan", plan=_source(plan)))

    def plan_status(
        self, plan: DocumentInput, as_of: str, baseline: DocumentInput | None = None
    ) -> PlanStatus:
        """The follow-up of a plan as of a date (the baseline assessment:
        ``baseline``, else the plan's own)."""
        return PlanStatus(self._native.call("plan_status", plan=_source(plan), as_of=as_of, baseline=_opt(baseline)))

    def next_assessment(self, previous: DocumentInput, plan: DocumentInput, date: str) -> Assessment:
        """The draft of the next assessment: answers raised by done plan
        actions, marked in ``from_plan`` to be confirmed."""
        draft = self._native.call("next_assessment", previous=_source(previous), plan=_source(plan), date=date)
        return Assessment(draft)

    # -- referential versions --------------------------------------------------
    def migrate(
        self, assessment: DocumentInput, crosswalk: DocumentInput, to: Referential
    ) -> Migration:
        """Carries an assessment made on this referential to the version ``to``
        across a crosswalk: the migrated assessment and the report of every
        answer (carried, transformed, restored, not carried with the reason,
        new questions). Nothing is lost: what is not carried unchanged is kept
        in the migrated assessment's ``migrations`` history, and migrating
        back with :func:`invert_crosswalk` gives it back."""
        return Migration(
            self._native.call("migrate", assessment=_source(assessment), crosswalk=_source(crosswalk), to=to._native)
        )

    def simulate_migration(
        self, assessment: DocumentInput, crosswalk: DocumentInput, to: Referential
    ) -> MigrationSimulation:
        """What :meth:`migrate` would change (index, grade, theme scores before
        and after, and the report), without committing to it."""
        return MigrationSimulation(
            self._native.call(
                "simulate_migration", assessment=_source(assessment), crosswalk=_source(crosswalk), to=to._native
            )
        )

    def render_migration(
        self,
        assessment: DocumentInput,
        crosswalk: DocumentInput,
        to: Referential,
        format: Format = "text",
        lang: Lang = "fr",
    ) -> Report:
        """Migrates an assessment to ``to`` (as :meth:`migrate`) and renders
        the migration's report as the command line's ``migrate`` writes it:
        ``text``, ``markdown``, or ``json`` (there is no ``html`` form)."""
        text = self._native.call(
            "render_migration",
            assessment=_source(assessment),
            crosswalk=_source(crosswalk),
            to=to._native,
            format=format,
            lang=lang,
        )
        return Report(text, format, lang)

    def render_migration_simulation(
        self,
        assessment: DocumentInput,
        crosswalk: DocumentInput,
        to: Referential,
        format: Format = "text",
        lang: Lang = "fr",
    ) -> Report:
        """The simulation of :meth:`simulate_migration`, rendered as
        ``migrate --simulate`` writes it (``text``, ``markdown`` or ``json``)."""
        text = self._native.call(
            "render_migration_simulation",
            assessment=_source(assessment),
            crosswalk=_source(crosswalk),
            to=to._native,
            format=format,
            lang=lang,
        )
        return Report(text, format, lang)

    def validate_crosswalk(self, crosswalk: DocumentInput, to: Referential) -> ValidationReport:
        """Checks a crosswalk from this referential to ``to``."""
        return ValidationReport(self._native.call("validate_crosswalk", crosswalk=_source(crosswalk), to=to._native))

    # -- history and peers ----------------------------------------------------
    def history(self, assessments: Sequence[DocumentInput]) -> History:
        """The history of dated assessments, per theme, with deltas."""
        return History(self._native.call("history", assessments=_sources(assessments)))

    def diff(self, before: DocumentInput, after: DocumentInput) -> AssessmentDiff:
        """What changed between two assessments."""
        return AssessmentDiff(self._native.call("diff", before=_source(before), after=_source(after)))

    def progress_series(
        self, assessments: Sequence[DocumentInput], plan: DocumentInput
    ) -> list[dict[str, Any]]:
        """Achieved vs planned index over time (``date``, ``achieved``,
        ``planned``)."""
        return list(self._native.call("progress_series", assessments=_sources(assessments), plan=_source(plan)))

    def compare(
        self, assessment: DocumentInput, peers: DocumentInput, min_group_size: int | None = None
    ) -> PeerComparison:
        """Situates an assessment among its peers (percentile rank, median,
        quartiles), by stratum, hiding groups smaller than ``min_group_size``."""
        return PeerComparison(self._native.call(
                "compare", assessment=_source(assessment), peers=_source(peers), min_group_size=min_group_size
            ))

    def peer_result(self, assessment: DocumentInput) -> PeerResult:
        """The peer result of an assessment (to publish into a peers file)."""
        return PeerResult(self._native.call("peer_result", assessment=_source(assessment)))

    # -- exports and charts ----------------------------------------------------
    def answers_csv(self, assessment: DocumentInput, lang: Lang = "fr") -> str:
        """CSV of the answers, one row per question."""
        return str(self._native.call("answers_csv", assessment=_source(assessment), lang=lang))

    def themes_csv(self, assessment: DocumentInput, lang: Lang = "fr") -> str:
        """CSV of the theme scores."""
        return str(self._native.call("themes_csv", assessment=_source(assessment), lang=lang))

    def plan_csv(self, plan: DocumentInput, lang: Lang = "fr") -> str:
        """CSV of a plan's actions."""
        return str(self._native.call("plan_csv", plan=_source(plan), lang=lang))

    def annual_review(
        self,
        assessment: DocumentInput,
        year: int,
        lang: Lang = "fr",
        *,
        plan: DocumentInput | None = None,
        as_of: str | None = None,
    ) -> Report:
        """The REEN annual review (Markdown) for ``year``."""
        text = self._native.call(
            "annual_review", assessment=_source(assessment), year=year, lang=lang, plan=_opt(plan), as_of=as_of
        )
        return Report(text, "markdown", lang)

    def radar_svg(
        self,
        assessment: DocumentInput,
        lang: Lang = "fr",
        *,
        target: Mapping[str, Any] | Target | str | None = None,
        peers: DocumentInput | None = None,
    ) -> Chart:
        """The radar chart of the theme scores (with the target's and the
        peers' national medians when given)."""
        return Chart(self._native.call(
                "radar_svg", assessment=_source(assessment), lang=lang, target=_opt(target), peers=_opt(peers)
            ))

    def evolution_svg(
        self, assessments: Sequence[DocumentInput], lang: Lang = "fr", *, plan: DocumentInput | None = None
    ) -> Chart:
        """The evolution chart of dated assessments (and the planned index)."""
        return Chart(self._native.call("evolution_svg", assessments=_sources(assessments), lang=lang, plan=_opt(plan)))

    #: Short names of :meth:`radar_svg` and :meth:`evolution_svg`.
    radar = radar_svg
    evolution = evolution_svg


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the DataFrame helpers need pandas: pip install 'sobriete[pandas]'"
        ) from e
    return pandas


def _referential(referential: Referential | DocumentInput | None) -> Referential:
    if referential is None:
        return Referential.default()
    if isinstance(referential, Referential):
        return referential
    return Referential.load(referential)


def default_referential() -> Referential:
    """The default referential embedded in the library (REEN law)."""
    return Referential.default()


def load_referential(source: DocumentInput) -> Referential:
    """A referential from a dict, JSON text or a path."""
    return Referential.load(source)


def validate(
    document: DocumentInput, referential: Referential | DocumentInput | None = None
) -> ValidationReport:
    """Validates any document (kind detected): referentials on their own,
    assessments and plans against ``referential`` (default: the embedded one)."""
    if referential is None:
        return ValidationReport(_native.call("validate", document=_source(document)))
    return _referential(referential).validate(document)


def score(
    assessment: DocumentInput, referential: Referential | DocumentInput | None = None
) -> ScoreReport:
    """Scores an assessment (on the default referential unless given)."""
    return _referential(referential).score(assessment)


def score_many(
    assessments: Iterable[DocumentInput],
    referential: Referential | DocumentInput | None = None,
) -> list[ScoreReport]:
    """Scores many assessments in one call (see :meth:`Referential.score_many`)."""
    return _referential(referential).score_many(assessments)


def scores_frame(
    assessments: Iterable[DocumentInput] | os.PathLike[str],
    referential: Referential | DocumentInput | None = None,
) -> pandas.DataFrame:
    """A DataFrame, one row per assessment (see :meth:`Referential.score_table`)."""
    return _referential(referential).scores_frame(assessments)


def rollup(peers: DocumentInput, expected_members: int | None = None) -> Rollup:
    """Aggregates members' results (e.g. the communes of an intercommunalité)."""
    return Rollup(_native.call("rollup", peers=_source(peers), expected_members=expected_members))


def import_referential(
    format: Literal["rgesn", "minumeco", "wsg", "ecoclic"], source: DocumentInput
) -> Imported:
    """Turns a published referential into the library's format: the RGESN
    (``rgesn``), the government's good-practice guide (``minumeco``) or the
    W3C Web Sustainability Guidelines (``wsg``), in any of their published
    editions, or Éco-clic's questionnaire (``ecoclic``, the text of its MySQL
    dump; see :func:`import_ecoclic`). ``.referential`` is ready for
    :meth:`Referential.load`;
    ``.report`` lists what was imported, skipped (with the source's JSON path
    and the reason) and not carried over."""
    return Imported(_native.call("import_referential", format=format, source=_source(source)))


#: Éco-clic's database: a path to a MySQL dump or to a folder of CSV
#: exports (``question.csv``, ``answer.csv``…), the dump's text (or UTF-8
#: bytes), a mapping of
#: table names to CSV texts or paths, or the JSON form ``{"sql": …}`` /
#: ``{"csv": {…}}``.
EcoClicInput = str | bytes | os.PathLike[str] | Mapping[str, Any]


def _ecoclic(source: EcoClicInput) -> dict[str, Any]:
    """The keyword arguments of the native Éco-clic calls."""

    def is_path(v: Any) -> bool:
        if isinstance(v, os.PathLike):
            return True
        try:
            return isinstance(v, str) and "\n" not in v and len(v) < 4096 and Path(v).exists()
        except (OSError, ValueError):  # not a possible path: text
            return False

    def text(v: Any) -> str:
        if is_path(v):
            return Path(v).read_text(encoding="utf-8")
        if isinstance(v, (bytes, bytearray)):
            return bytes(v).decode("utf-8")
        return str(v)

    if isinstance(source, Mapping):
        if set(source) == {"sql"}:
            return {"sql": text(source["sql"])}
        if set(source) == {"csv"}:
            return {"csv": {str(k): text(v) for k, v in dict(source["csv"]).items()}}
        return {"csv": {str(k): text(v) for k, v in source.items()}}
    if isinstance(source, (str, os.PathLike)):
        if is_path(source) and Path(source).is_dir():
            path = Path(source)
            tables = {p.stem: p.read_text(encoding="utf-8") for p in sorted(path.glob("*.csv"))}
            if not tables:
                reason = f"{path}: no CSV export (<table>.csv) in this folder"
                raise ArgumentError(f"invalid argument `source`: {reason}", "source", reason)
            return {"csv": tables}
        return {"sql": text(source)}
    if isinstance(source, (bytes, bytearray)):
        return {"sql": text(source)}
    reason = "expected a path, a dump's text or a mapping of CSV exports"
    raise ArgumentError(f"invalid argument `source`: {reason}", "source", reason)


def import_ecoclic(source: EcoClicInput) -> Imported:
    """Éco-clic's questionnaire as a referential whose ``eco_clic`` figure
    is Éco-clic's own: categories → themes, answer rows → options with their
    weighting, conditional questions → conditions. ``.report`` lists what was
    not carried (rows of missing questions, recommendations…)."""
    return Imported(_native.call("import_ecoclic", source=_ecoclic(source)))


def import_ecoclic_answers(
    source: EcoClicInput,
    referential: Referential | DocumentInput | None = None,
) -> ImportedAnswers:
    """One assessment per collectivité of Éco-clic's database (profile,
    date, level, answers), for ``referential`` (the questionnaire imported
    from the same database when ``None``). ``.report`` lists, per
    collectivité, the rows not carried and why."""
    native = None if referential is None else _referential(referential)._native
    return ImportedAnswers(_native.call("import_ecoclic_answers", source=_ecoclic(source), referential=native))


def load_crosswalk(crosswalk: DocumentInput) -> Crosswalk:
    """A crosswalk between two referential versions (its structure; see
    :meth:`Referential.validate_crosswalk`)."""
    return Crosswalk(Referential.default()._native.load_document("crosswalk", _source(crosswalk)))


def invert_crosswalk(crosswalk: DocumentInput) -> Crosswalk:
    """The crosswalk the other way round, to migrate back; raises
    :class:`ArgumentError` naming the mapping that cannot be undone."""
    return Crosswalk(_native.call("invert_crosswalk", crosswalk=_source(crosswalk)))


def load_peers(peers: DocumentInput) -> PeerSet:
    """A validated set of peers' results."""
    return PeerSet(Referential.default()._native.load_document("peers", _source(peers)))
