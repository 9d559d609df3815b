// Types of the web components (components.js): `<sobriete-questionnaire>`
// and `<sobriete-results>`. Importing the module defines both elements.
import type { Assessment, Crosswalk, Referential, ReferentialDocument, ScoreReport } from './index.js';

/** A referential as the components take it: an instance, a document or its JSON text. */
export type ReferentialInput = Referential | ReferentialDocument | string;

/** A crosswalk offered when answers of another referential version arrive. */
export interface MigrationOffer {
  /** The referential the answers were given on (the crosswalk's `from`). */
  referential: ReferentialInput;
  /** The crosswalk from it to the questionnaire's referential. */
  crosswalk: Crosswalk | string;
}

/** The headline figures the questionnaire computes at each change. */
export interface QuestionnaireSummary {
  /** Maturity index, 0–100 (2 decimals); `null` when no theme is counted. */
  index: number | null;
  /** Grade letter. */
  grade: string | null;
  /** True when every shown question is answered. */
  complete: boolean;
  /** Answered ÷ shown questions, %. */
  completeness: number;
  /** Each theme's score, in the referential's order. */
  themes: Array<{ id: string; score: number | null }>;
}

/** The detail of `sobriete-change` and `sobriete-submit`. */
export interface QuestionnaireEventDetail {
  /** The assessment document, every answer given (even to hidden questions). */
  assessment: Assessment;
  /** Its headline figures. */
  summary: QuestionnaireSummary | null;
  /** The referential it is scored on. */
  referential: Referential;
}

/**
 * `<sobriete-questionnaire>`: the questionnaire of a referential (the
 * default one unless `referential-src` or `referential` says otherwise),
 * scored live.
 *
 * Attributes: `lang` (`fr`, default, or `en`), `level` (1 or 2),
 * `referential-src` (URL of a referential's JSON; changing it loads that
 * one, the last set wins), `storage-key` (the `localStorage` key of the
 * draft; no draft without it; from one key to another, the draft saved
 * under the new key shows, or a new questionnaire, the answers so far
 * staying under the old key; from no key, answers on screen are kept and
 * saved under the new key; removing it keeps the form, no longer saved).
 *
 * Events (bubbling, composed): `sobriete-change` after every change that
 * scores (not while an answer must be corrected), `sobriete-submit` on the
 * "See the result" button; both with a {@link QuestionnaireEventDetail}.
 *
 * Parts: `form`, `toolbar`, `notice`, `profile`, `progress`, `theme`,
 * `question`, `help`, `rationale`, `notes`, `button`, `submit`.
 * Custom properties: `--sobriete-accent`, `--sobriete-accent-text`,
 * `--sobriete-text`, `--sobriete-background`, `--sobriete-muted`,
 * `--sobriete-border`, `--sobriete-border-light`, `--sobriete-focus`,
 * `--sobriete-error`, `--sobriete-font`, `--sobriete-radius`.
 */
export class SobrieteQuestionnaire extends HTMLElement {
  /**
   * Resolves once the referential is loaded and the form is built; rejects
   * with the error when it cannot be loaded (the element shows the error,
   * or keeps the form it had). A new `referential-src` (or `referential`)
   * gives a new promise, settled by that load.
   */
  readonly ready: Promise<void>;
  /** The referential; set an instance, a document or its JSON text. */
  get referential(): Referential | null;
  set referential(value: ReferentialInput);
  /**
   * Crosswalks offered when answers of another referential version arrive
   * (a file, `value`, a draft, or a change of referential). Until the user
   * accepts a migration, those answers are set aside unchanged (with
   * `storage-key`, in `localStorage` under `<key>:set-aside`) and can be
   * saved to a file; setting this list later offers them again.
   */
  get migrations(): MigrationOffer[];
  set migrations(value: MigrationOffer[]);
  /**
   * A copy of the assessment document the form holds (`null` before
   * `ready`). Setting one loads it once `ready` (answers of another
   * referential version are offered migration through `migrations`; problems
   * in answers are shown in their questions).
   */
  get value(): Assessment | null;
  set value(value: Assessment | string);
  /** The headline figures of the last scoring. */
  readonly summary: QuestionnaireSummary | null;
  /** The level shown. */
  get level(): number;
  set level(value: number);
  /** The assessment as JSON text (what "Save the file" downloads). */
  exportJSON(): string;
  /** Loads an assessment from a file, as "Open a file" does (problems are shown, never thrown). */
  importFile(file: Blob & { name?: string }): Promise<void>;
  /** Forgets the draft saved in this browser. */
  clearDraft(): void;
}

/**
 * `<sobriete-results>`: index, grade, completeness, theme scores and radar
 * chart, practices not in place with their rationale, recommended actions,
 * and the plan for a target the user types (the extras module, loaded on
 * first use); prints cleanly.
 *
 * Attributes: `for` (the id of a `<sobriete-questionnaire>` to follow),
 * `lang` (`fr`, default, or `en`), `target` (an initial target index).
 *
 * Parts: `container`, `index`, `grade`, `radar`, `themes`, `gaps`,
 * `actions`, `plan`, `button`, `announcement` (the polite live region).
 */
export class SobrieteResults extends HTMLElement {
  /** The referential (default: the questionnaire's, else the default one). */
  get referential(): Referential | null;
  set referential(value: ReferentialInput);
  /** The assessment shown; set one to show its result without a questionnaire. */
  get assessment(): Assessment | null;
  set assessment(value: Assessment | string);
  /** The score report shown. */
  readonly report: ScoreReport | null;
}

/** Defines both elements (done on import; harmless to call again). */
export function defineComponents(): void;

declare global {
  interface HTMLElementTagNameMap {
    'sobriete-questionnaire': SobrieteQuestionnaire;
    'sobriete-results': SobrieteResults;
  }
  interface HTMLElementEventMap {
    'sobriete-change': CustomEvent<QuestionnaireEventDetail>;
    'sobriete-submit': CustomEvent<QuestionnaireEventDetail>;
  }
}
