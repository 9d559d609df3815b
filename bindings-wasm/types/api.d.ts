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

/**
 * The columns of `scoreTable` and `scoreTableJsonLines`: one array per
 * column, one cell per assessment, `null` where there is no value (every
 * cell but `error` on a row whose assessment failed). The same columns as
 * Python's `score_table`.
 */
export interface ScoreTable {
  /** Line number of each row in its JSON Lines text (from 1; `scoreTableJsonLines` only). */
  line?: number[];
  name: (string | null)[];
  kind: (string | null)[];
  population: (number | null)[];
  insee: (string | null)[];
  date: (string | null)[];
  level: (number | null)[];
  index: (number | null)[];
  grade: (string | null)[];
  complete: (boolean | null)[];
  completeness: (number | null)[];
  dont_know_share: (number | null)[];
  eco_clic: (number | null)[];
  conformity: (number | null)[];
  /** The message of the row's error, or `null` when it was scored. */
  error: (string | null)[];
  /** One `theme:<id>` column per theme of the referential, in its order. */
  [themeColumn: `theme:${string}`]: (number | null)[];
}
