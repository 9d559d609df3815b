/* Hand-written types of the binding's own arguments and results (the
   documents themselves are generated into documents.d.ts). */

/** Language of rendered output (French by default). */
export type Lang = 'fr' | 'en';

/** Format of a rendered report. */
export type ReportFormat = 'text' | 'json' | 'markdown' | 'html';

/** What a full report may add to the score report. */
export interface FullReportInputs {
  /** A target: its gap, and the proposed plan to reach it. */
  target?: Target | null;
  /** An action plan, followed up as of `asOf`. */
  plan?: Plan | null;
  /** Follow-up date (default: the assessment's date). */
  asOf?: string | null;
  /** Earlier assessments, for the history and the evolution chart. */
  history?: Assessment[] | null;
  /** Peers' results, for the comparison. */
  peers?: Peers | null;
  /** Smallest group whose statistics are shown (default 5). */
  minGroupSize?: number | null;
}

/** A failure as data (what `SobrieteError#toJSON()` returns). */
export interface ErrorData {
  /** `invalid_document` or `invalid_argument`. */
  code: 'invalid_document' | 'invalid_argument';
  /** The document kind, or `argument`. */
  document: 'referential' | 'assessment' | 'plan' | 'request' | 'peers' | 'crosswalk' | 'unknown' | 'argument';
  /** The error's message. */
  message: string;
  /** Every problem found. */
  issues: Issue[];
}

/** One result of `scoreMany`: the report, or the error (a `SobrieteError`). */
export type ScoreManyItem = ScoreReport | import('./errors.js').SobrieteError;

/** One result of `scoreSummaries`: the summary, or the error (a `SobrieteError`). */
export type ScoreSummaryItem = ScoreSummary | import('./errors.js').SobrieteError;
