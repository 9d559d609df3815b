// Types of the package entry (index.js). The main module's classes,
// functions and document types come from its wasm-bindgen declarations
// (sobriete.d.ts); the extras module's methods and functions, loaded on
// first use, are declared here with their Promise results.
import type {
  Assessment, AssessmentDiff, Candidates, Crosswalk, EcoclicSource, FullReport, FullReportInputs, History,
  Imported, ImportedAnswers, Referential,
  Lang, Migration, MigrationSimulation, PeerComparison, PeerResult, Peers, Plan, PlanStatus,
  ProgressPoint, Proposal, ProposalRequest, ReferentialDocument, ReportFormat, Rollup, SobrieteDocument,
  Target, TargetGap, ValidationReport,
} from './sobriete.js';

export * from './sobriete.js';
export { SobrieteError, ValidationError, ArgumentError } from './errors.js';

declare module './sobriete.js' {
  // The extras module's methods (async: the module loads on first use).
  interface Referential {
    /**
     * The REEN annual review (Markdown) for `year`; with a plan, followed
     * up as of `asOf` (default: the end of `year`).
     */
    annualReview(assessment: Assessment | string, plan: Plan | string | null, year: number, asOf?: string | null, lang?: Lang | null): Promise<string>;
    /**
     * CSV of the answers, one row per question.
     */
    answersCsv(assessment: Assessment | string, lang?: Lang | null): Promise<string>;
    /**
     * Every action that would raise an answer, with its exact gain.
     */
    candidates(assessment: Assessment | string): Promise<Candidates>;
    /**
     * Situates an assessment among its peers (strata smaller than
     * `minGroupSize`, default 5, are hidden).
     */
    compare(assessment: Assessment | string, peers: Peers | string, minGroupSize?: number | null): Promise<PeerComparison>;
    /**
     * What changed between two assessments.
     */
    diff(before: Assessment | string, after: Assessment | string): Promise<AssessmentDiff>;
    /**
     * The evolution chart (SVG) of dated assessments, with the planned
     * index when a plan is given.
     */
    evolutionSvg(assessments: Array<Assessment> | string, plan?: Plan | string | null, lang?: Lang | null): Promise<string>;
    /**
     * Every part of the full report, as data.
     */
    fullReportData(assessment: Assessment | string, inputs?: FullReportInputs | null): Promise<FullReport>;
    /**
     * The full report in a format: the score report with, when given, the
     * target's gap and proposed plan, a plan's follow-up, the history and
     * the comparison with peers.
     */
    fullReport(assessment: Assessment | string, inputs?: FullReportInputs | null, format?: ReportFormat | null, lang?: Lang | null): Promise<string>;
    /**
     * Dated assessments in order, with per-theme evolution and deltas.
     */
    history(assessments: Array<Assessment> | string): Promise<History>;
    /**
     * The referential as a readable Markdown document.
     */
    markdown(lang?: Lang | null): Promise<string>;
    /**
     * Carries an assessment made on this referential to `to` across a
     * crosswalk: the migrated assessment and the report of every answer.
     */
    migrate(assessment: Assessment | string, crosswalk: Crosswalk | string, to: Referential | ReferentialDocument | string): Promise<Migration>;
    /**
     * The draft of the next assessment: answers raised by done plan
     * actions, marked in `from_plan` to be confirmed.
     */
    nextAssessment(previous: Assessment | string, plan: Plan | string, date: string): Promise<Assessment>;
    /**
     * The peer result of an assessment (to publish into a peers file).
     */
    peerResult(assessment: Assessment | string): Promise<PeerResult>;
    /**
     * CSV of a plan's actions.
     */
    planCsv(plan: Plan | string, lang?: Lang | null): Promise<string>;
    /**
     * A plan document from a proposal (computed from the request when
     * `null`): every proposed action, in schedule order, with the target
     * and the baseline assessment.
     */
    planFromProposal(assessment: Assessment | string, request: ProposalRequest | string, proposal: Proposal | string | null, created: string): Promise<Plan>;
    /**
     * Follows a plan up at a date (`YYYY-MM-DD`). The baseline is
     * `baseline`, else the plan's own.
     */
    planStatus(plan: Plan | string, baseline: Assessment | string | null, asOf: string): Promise<PlanStatus>;
    /**
     * Achieved vs planned index over time.
     */
    progressSeries(assessments: Array<Assessment> | string, plan: Plan | string): Promise<ProgressPoint[]>;
    /**
     * The plan of least effort that reaches the request's target.
     */
    propose(assessment: Assessment | string, request: ProposalRequest | string): Promise<Proposal>;
    /**
     * The radar chart (SVG) of an assessment's theme scores, with the
     * target's theme scores and the peers' national medians when given.
     */
    radarSvg(assessment: Assessment | string, target?: Target | string | null, peers?: Peers | string | null, lang?: Lang | null): Promise<string>;
    /**
     * The migration's simulation rendered like the CLI's `migrate
     * --simulate` (`text`, `markdown`; `json` gives it as JSON text;
     * `html` is refused: an `ArgumentError` naming `format`).
     */
    renderMigrationSimulation(assessment: Assessment | string, crosswalk: Crosswalk | string, to: Referential | ReferentialDocument | string, format?: ReportFormat | null, lang?: Lang | null): Promise<string>;
    /**
     * The migration's report rendered like the CLI's `migrate` (`text`,
     * `markdown`; `json` gives the report as JSON text; `html` is refused:
     * an `ArgumentError` naming `format`).
     */
    renderMigration(assessment: Assessment | string, crosswalk: Crosswalk | string, to: Referential | ReferentialDocument | string, format?: ReportFormat | null, lang?: Lang | null): Promise<string>;
    /**
     * Scores an assessment and renders the report (`text`, `json`,
     * `markdown` or a self-contained `html` page; French by default).
     */
    renderReport(assessment: Assessment | string, format?: ReportFormat | null, lang?: Lang | null): Promise<string>;
    /**
     * What `migrate` would change (index, grade and theme scores before
     * and after, and the report) without committing to it.
     */
    simulateMigration(assessment: Assessment | string, crosswalk: Crosswalk | string, to: Referential | ReferentialDocument | string): Promise<MigrationSimulation>;
    /**
     * The gap between an assessment's scores and a target.
     */
    targetGap(assessment: Assessment | string, target: Target | string): Promise<TargetGap>;
    /**
     * CSV of the theme scores.
     */
    themesCsv(assessment: Assessment | string, lang?: Lang | null): Promise<string>;
    /**
     * Checks a crosswalk from this referential to `to`. Never throws for
     * the crosswalk: its problems are in the report (an invalid `to`
     * throws).
     */
    validateCrosswalk(crosswalk: Crosswalk | string, to: Referential | ReferentialDocument | string): Promise<ValidationReport>;
    /**
     * Validates an action plan against this referential. Never throws.
     */
    validatePlan(plan: Plan | string): Promise<ValidationReport>;
    /**
     * Validates any document (referential, assessment, plan, peers'
     * results; recognised from its fields; assessments and plans against
     * this referential). Never throws: problems are in the report.
     */
    validate(document: SobrieteDocument | object | string): Promise<ValidationReport>;
  }
}

/** Options of `init`. */
export interface InitOptions {
  /** Also load the extras module now (default false). */
  extras?: boolean;
  /** Also load the importers module now (default false). */
  importers?: boolean;
}

/**
 * The package is ready once imported (top-level await); `init` resolves
 * when it is, and with `{ extras: true }` (`{ importers: true }`) also
 * preloads the extras (importers) module.
 */
export default function init(options?: InitOptions): Promise<void>;

/**
 * Loads the extras module (renderers, validation, proposals and plans,
 * migrations, history, peers) if not yet loaded. Its functions load it by
 * themselves on first use; this only starts it earlier.
 */
export function loadExtras(): Promise<unknown>;

/**
 * Loads the importers module (`importReferential`, `importEcoclic`,
 * `importEcoclicAnswers`) if not yet loaded; they load it by themselves on
 * first use.
 */
export function loadImporters(): Promise<unknown>;

/**
 * The crosswalk the other way round; an `ArgumentError` names the mapping
 * that cannot be undone. (Extras module.)
 */
export function invertCrosswalk(crosswalk: Crosswalk | string): Promise<Crosswalk>;

/**
 * Turns a published referential into the library's format (`format`:
 * `rgesn`, `minumeco` or `wsg`, or `ecoclic` with the text of Éco-clic's
 * MySQL dump): `{referential, report}`, the report listing what was
 * skipped. (Importers module.)
 */
export function importReferential(format: 'rgesn' | 'minumeco' | 'wsg' | 'ecoclic', source: unknown): Promise<Imported>;

/**
 * Éco-clic's questionnaire as a referential whose `eco_clic` figure is
 * Éco-clic's own, from its database: a MySQL dump (its text, UTF-8 bytes or
 * `{sql}`) or CSV exports (`{csv: {question: text, answer: text, …}}`).
 * (Importers module.)
 */
export function importEcoclic(source: EcoclicSource | string | Uint8Array): Promise<Imported>;

/**
 * Éco-clic's answers: one assessment per collectivité and, per
 * collectivité, the rows not carried. `referential`: the questionnaire
 * imported from the same database (imported on the way when absent).
 * (Importers module.)
 */
export function importEcoclicAnswers(
  source: EcoclicSource | string | Uint8Array,
  referential?: Referential | ReferentialDocument | string | null,
): Promise<ImportedAnswers>;

/** Aggregates members' results (e.g. the communes of an intercommunalité). (Extras module.) */
export function rollup(peers: Peers | string, expectedMembers?: number | null): Promise<Rollup>;
