// Web components of the `sobriete` package: <sobriete-questionnaire> and
// <sobriete-results>. Standard custom elements (no framework, no build step
// for the site): one `<script type="module" src=".../components.js">` and
// the two tags. Every figure comes from the library; these elements only
// build the assessment from the form and display what the library returns.
//
// Referential and user texts are always set as text (textContent, input
// values), never parsed as HTML; the radar chart is the library's SVG (its
// texts escaped by the library), parsed as SVG, not as HTML.
import { Referential, SobrieteError } from './index.js';

const UI = {
  fr: {
    profile: 'Votre collectivité', defaultName: 'Ma collectivité', name: 'Nom', kind: 'Type', population: 'Population',
    siren: 'SIREN (facultatif)', date: 'Date de l’évaluation', level: 'Questionnaire',
    level1: 'Niveau 1 — l’essentiel', level2: 'Niveau 2 — complet',
    yes: 'Oui', no: 'Non', dontKnow: 'Je ne sais pas', notApplicable: 'Non concerné',
    justification: 'Justification', required: '(obligatoire)', help: 'Aide', why: 'Pourquoi cette question ?',
    notes: 'Commentaire et preuves', comment: 'Commentaire', evidence: 'Liens vers des preuves (un par ligne)',
    levelTag: 'niveau', unit: 'Unité', bounds: (min, max) => `entre ${min} et ${max}`,
    progress: 'Progression par thème', answered: (a, n) => `${a} / ${n} réponses`,
    open: 'Ouvrir un fichier', save: 'Enregistrer le fichier', submit: 'Voir le résultat',
    tools: 'Fichier',
    drafted: 'Vos réponses sont enregistrées dans ce navigateur.',
    restored: 'Brouillon restauré depuis ce navigateur.',
    storageFailed: 'Le brouillon ne peut pas être enregistré dans ce navigateur.',
    loaded: (name) => `Fichier « ${name} » chargé.`,
    unreadable: (name, why) => `Le fichier « ${name} » n’a pas pu être lu : ${why}`,
    otherReferential: (id, v, cur) => `Ces réponses portent sur le référentiel ${id} en version ${v}, pas sur ${cur}.`,
    offer: 'Une table de correspondance permet de les convertir : les réponses reprises sont marquées, celles qui ne peuvent pas l’être sont listées.',
    noCrosswalk: 'Aucune table de correspondance n’est fournie pour les convertir : elles sont gardées de côté et le questionnaire reste inchangé.',
    migrate: 'Convertir les réponses', ignore: 'Garder le questionnaire actuel',
    downloadAside: 'Enregistrer ces réponses dans un fichier', notAssessment: 'ce n’est pas une évaluation.',
    migrated: (c) => `Réponses converties : ${c.carried} reprise(s), ${c.restored} restaurée(s), ${c.added} nouvelle(s) question(s), ${c.not_carried} non reprise(s).`,
    invalid: (m) => `Réponse à corriger : ${m}`, issues: 'À corriger :',
    kinds: {
      commune: 'Commune', communaute_de_communes: 'Communauté de communes',
      communaute_d_agglomeration: 'Communauté d’agglomération', communaute_urbaine: 'Communauté urbaine',
      metropole: 'Métropole', departement: 'Département', region: 'Région',
      syndicat_or_opsn: 'Syndicat ou OPSN', other: 'Autre organisme public',
    },
    // Results.
    results: 'Résultat', index: 'Indice de maturité', grade: 'Note', outOf: 'sur 100',
    completeness: (p, c) => `${c ? 'Questionnaire complet' : 'Questionnaire incomplet'} : ${p} % des questions affichées ont une réponse.`,
    announce: (i, g) => `Indice ${i} sur 100, note ${g}.`,
    themes: 'Scores par thème', bar: 'Jauge', theme: 'Thème', score: 'Score', radar: 'Scores par thème (graphique)',
    gaps: 'Pratiques non en place', none: 'Toutes les pratiques affichées sont en place.',
    states: { partial: 'en partie', absent: 'absente', dont_know: 'ne sait pas', unanswered: 'sans réponse' },
    missed: 'points manqués', actions: 'Actions recommandées', moreActions: (n) => `Voir les ${n} autres actions`, noActions: 'Aucune action à recommander.',
    gain: 'gain', effort: 'effort', efforts: { low: 'faible', medium: 'moyen', high: 'élevé' },
    target: 'Objectif et plan d’actions', targetLabel: 'Indice visé (0 à 100)',
    reachable: 'Objectif atteignable', unreachable: 'Objectif non atteignable avec les actions du référentiel',
    plan: (i, e, n) => `Indice après le plan : ${i} — effort total : ${e} — ${n} action(s)`,
    waiting: 'Répondez au questionnaire pour voir le résultat.', print: 'Imprimer',
    noIndex: 'aucun thème compté',
  },
  en: {
    profile: 'Your local authority', defaultName: 'My local authority', name: 'Name', kind: 'Kind', population: 'Population',
    siren: 'SIREN (optional)', date: 'Assessment date', level: 'Questionnaire',
    level1: 'Level 1 — essentials', level2: 'Level 2 — complete',
    yes: 'Yes', no: 'No', dontKnow: 'Don’t know', notApplicable: 'Not applicable',
    justification: 'Justification', required: '(required)', help: 'Help', why: 'Why this question?',
    notes: 'Comment and evidence', comment: 'Comment', evidence: 'Links to evidence (one per line)',
    levelTag: 'level', unit: 'Unit', bounds: (min, max) => `between ${min} and ${max}`,
    progress: 'Progress by theme', answered: (a, n) => `${a} / ${n} answered`,
    open: 'Open a file', save: 'Save the file', submit: 'See the result',
    tools: 'File',
    drafted: 'Your answers are saved in this browser.',
    restored: 'Draft restored from this browser.',
    storageFailed: 'The draft cannot be saved in this browser.',
    loaded: (name) => `File “${name}” loaded.`,
    unreadable: (name, why) => `The file “${name}” could not be read: ${why}`,
    otherReferential: (id, v, cur) => `These answers are for referential ${id} version ${v}, not ${cur}.`,
    offer: 'A crosswalk can convert them: carried answers are marked, those that cannot be carried are listed.',
    noCrosswalk: 'No crosswalk is given to convert them: they are kept aside and the questionnaire is unchanged.',
    migrate: 'Convert the answers', ignore: 'Keep the current questionnaire',
    downloadAside: 'Save these answers to a file', notAssessment: 'this is not an assessment.',
    migrated: (c) => `Answers converted: ${c.carried} carried, ${c.restored} restored, ${c.added} new question(s), ${c.not_carried} not carried.`,
    invalid: (m) => `Answer to correct: ${m}`, issues: 'To correct:',
    kinds: {
      commune: 'Commune', communaute_de_communes: 'Communauté de communes',
      communaute_d_agglomeration: 'Communauté d’agglomération', communaute_urbaine: 'Communauté urbaine',
      metropole: 'Métropole', departement: 'Département', region: 'Région',
      syndicat_or_opsn: 'Syndicat or OPSN', other: 'Other public body',
    },
    results: 'Result', index: 'Maturity index', grade: 'Grade', outOf: 'out of 100',
    completeness: (p, c) => `${c ? 'Complete' : 'Incomplete'}: ${p}% of the shown questions are answered.`,
    announce: (i, g) => `Index ${i} out of 100, grade ${g}.`,
    themes: 'Theme scores', bar: 'Gauge', theme: 'Theme', score: 'Score', radar: 'Theme scores (chart)',
    gaps: 'Practices not in place', none: 'Every shown practice is in place.',
    states: { partial: 'partly', absent: 'absent', dont_know: 'don’t know', unanswered: 'unanswered' },
    missed: 'points missed', actions: 'Recommended actions', moreActions: (n) => `See the ${n} other actions`, noActions: 'No action to recommend.',
    gain: 'gain', effort: 'effort', efforts: { low: 'low', medium: 'medium', high: 'high' },
    target: 'Target and action plan', targetLabel: 'Target index (0 to 100)',
    reachable: 'Target reachable', unreachable: 'Target not reachable with the referential’s actions',
    plan: (i, e, n) => `Index after the plan: ${i} — total effort: ${e} — ${n} action(s)`,
    waiting: 'Answer the questionnaire to see the result.', print: 'Print',
    noIndex: 'no theme counted',
  },
};

// Shared look: every colour pair meets WCAG AA contrast; a site restyles
// through these custom properties and the elements' parts.
const BASE_CSS = `
:host { display: block; color: var(--sobriete-text, #1e1e1e); background: var(--sobriete-background, #fff);
  font-family: var(--sobriete-font, system-ui, sans-serif); line-height: 1.5; font-size: 1rem; }
:host { accent-color: var(--sobriete-accent, #000091); }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
h2, h3 { color: var(--sobriete-accent, #000091); line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 1.2rem 0 .5rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 .4rem; }
fieldset { border: 1px solid var(--sobriete-border, #757575); border-radius: var(--sobriete-radius, 6px); margin: 0 0 1rem; padding: .75rem 1rem; min-width: 0; }
legend { font-weight: 600; padding: 0 .25rem; }
label { display: inline-flex; gap: .4rem; align-items: baseline; }
input, select, textarea, button { font: inherit; color: inherit; max-width: 100%; }
input[type=text], input[type=number], input[type=date], select, textarea {
  border: 1px solid var(--sobriete-border, #757575); border-radius: 4px; padding: .3rem .4rem; background: #fff; color: #1e1e1e; }
button, .button { border: 2px solid var(--sobriete-accent, #000091); background: var(--sobriete-accent, #000091);
  color: var(--sobriete-accent-text, #fff); border-radius: 4px; padding: .4rem .9rem; cursor: pointer; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--sobriete-accent, #000091); }
:focus-visible, summary:focus-visible { outline: 3px solid var(--sobriete-focus, #0a76f6); outline-offset: 2px; }
.muted { color: var(--sobriete-muted, #595959); }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
details > summary { cursor: pointer; color: var(--sobriete-accent, #000091); width: fit-content; }
.notice { border-left: 4px solid var(--sobriete-accent, #000091); background: #f3f3fb; padding: .5rem .8rem; margin: .5rem 0; }
.notice:empty, .offer:empty { display: none; }
.error { color: var(--sobriete-error, #b00020); }
@media (prefers-reduced-motion: no-preference) { button { transition: background-color .15s; } }
@media print { button, input[type=file], .toolbar { display: none !important; } details > *:not(summary) { display: block; } }
`;

const QUESTIONNAIRE_CSS = `
.toolbar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-bottom: .5rem; }
.toolbar label { flex-wrap: wrap; }
select { min-width: 0; }
.file { position: relative; }
.file input { position: absolute; inset: 0; opacity: 0; width: 100%; cursor: pointer; }
.file:focus-within { outline: 3px solid var(--sobriete-focus, #0a76f6); outline-offset: 2px; }
.fields { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; }
.fields label { flex-direction: column; gap: .15rem; align-items: stretch; }
.progress ol { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap: .2rem 1.2rem; }
.progress progress { width: 5rem; vertical-align: middle; }
section.theme { margin: 1rem 0; }
.theme-progress { margin: -.2rem 0 .5rem; }
fieldset.question { border-color: var(--sobriete-border-light, #c8c8c8); }
fieldset.question[aria-invalid=true] { border-color: var(--sobriete-error, #b00020); border-width: 2px; }
.level { font-size: .8rem; font-weight: 400; border: 1px solid var(--sobriete-border, #757575); border-radius: 3px; padding: 0 .3rem; margin-left: .4rem; white-space: nowrap; }
.choices { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin: .3rem 0; }
.choices .special { font-style: italic; }
.more { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; font-size: .95rem; }
.more details[open] { flex-basis: 100%; }
.notes label, .justification label { display: flex; flex-direction: column; align-items: stretch; margin: .3rem 0; }
textarea { width: 100%; min-height: 2.5rem; }
.question-error:empty { display: none; }
.actions { margin: 1rem 0; }
`;

const RESULTS_CSS = `
.headline { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: baseline; }
.headline p { margin: .2rem 0; }
.figure strong { font-size: 2rem; color: var(--sobriete-accent, #000091); margin: 0 .2rem; }
.radar svg { width: 100%; max-width: 28rem; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--sobriete-border-light, #c8c8c8); vertical-align: middle; }
td.value { text-align: right; white-space: nowrap; }
meter { width: 6rem; }
/* Narrow screens: the figure alone (the bar repeats it). */
@media (max-width: 30rem) { .bar { display: none; } }
ol { padding-left: 1.4rem; }
li { margin-bottom: .4rem; }
.target input { width: 6rem; }
@media print { :host { color: #000; } .radar svg { max-width: 16cm; } }
`;

const KIND_KEYS = Object.keys(UI.fr.kinds);
const FIRST_ACTIONS = 10;
/** What a chart may hold: shapes and text, nothing active or external. */
const SVG_ELEMENTS = new Set(['svg', 'g', 'title', 'desc', 'defs', 'path', 'circle', 'ellipse', 'line', 'polyline',
  'polygon', 'rect', 'text', 'tspan', 'linearGradient', 'radialGradient', 'stop', 'clipPath']);

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'part') node.setAttribute('part', v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function langOf(element) {
  return element.getAttribute('lang') === 'en' ? 'en' : 'fr';
}

function localText(value, lang) {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return (lang === 'en' && value.en) ? value.en : (value.fr ?? value.en ?? '');
}

function formatNumber(x, lang) {
  if (x === null || x === undefined) return '–';
  return x.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 });
}

/** Today in the user's time zone, `YYYY-MM-DD`. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Properties a page set on the element before it was defined (the package
 * loads its WebAssembly first) go through the element's own setters.
 */
function upgradeProperties(element, names) {
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(element, name)) {
      const value = element[name];
      delete element[name];
      element[name] = value;
    }
  }
}

/** A referential from what a site gives: an instance, a document or its JSON text. */
function toReferential(value) {
  if (value instanceof Referential) return value;
  return new Referential(value);
}

/** A selector that finds again, in a rebuilt form, the control that had focus. */
function focusKey(node) {
  if (!node) return null;
  if (node.id) return `#${CSS.escape(node.id)}`;
  if (node.dataset?.profile) return `[data-profile="${CSS.escape(node.dataset.profile)}"]`;
  const choice = node.type === 'radio' || node.type === 'checkbox' ? `[value="${CSS.escape(node.value)}"]` : '';
  const own = `${node.localName}${node.classList[0] ? `.${CSS.escape(node.classList[0])}` : ''}${choice}`;
  const block = node.closest('fieldset.question');
  return block ? `#${CSS.escape(block.id)} ${own}` : own;
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function describeError(error) {
  if (error instanceof SobrieteError) {
    const paths = error.issues.filter((i) => i.severity !== 'warning').map((i) => `${i.path || '/'} : ${i.message}`);
    return paths.length ? `${error.message} — ${paths.join(' ; ')}` : error.message;
  }
  return String(error?.message ?? error);
}

/** The answer a question's controls hold (the kinds of the assessment format). */
function readControls(q, block, previous) {
  const inputs = [...block.querySelectorAll('input.choice')];
  const checked = inputs.filter((i) => i.checked).map((i) => i.value);
  const comment = block.querySelector('textarea.comment').value.trim();
  const evidence = block.querySelector('textarea.evidence').value.split('\n').map((s) => s.trim()).filter(Boolean);
  const extra = {};
  if (comment) extra.comment = comment;
  if (evidence.length) extra.evidence = evidence;
  if (checked.includes('dont_know')) return { kind: 'dont_know', ...extra };
  if (checked.includes('not_applicable')) {
    const j = block.querySelector('input.justification-input')?.value.trim();
    return j ? { kind: 'not_applicable', justification: j, ...extra } : { kind: 'not_applicable', ...extra };
  }
  const kind = q.response.kind;
  if (kind === 'yes_no') {
    if (checked.includes('yes')) return { kind: 'yes', ...extra };
    if (checked.includes('no')) return { kind: 'no', ...extra };
  } else if (kind === 'numeric') {
    const field = block.querySelector('input.number');
    if (field.value !== '' && Number.isFinite(field.valueAsNumber)) return { kind: 'number', value: field.valueAsNumber, ...extra };
    // A number being typed ("1e"): keep the previous answer rather than drop it.
    if (field.value !== '' || field.validity.badInput) return previous ?? { kind: 'unanswered', ...extra };
  } else {
    const options = checked.filter((v) => v.startsWith('option:')).map((v) => v.slice(7));
    if (options.length) return { kind: 'choice', options, ...extra };
  }
  return { kind: 'unanswered', ...extra };
}

/** Sets a question's controls from an answer. */
function writeControls(block, answer) {
  const a = answer ?? { kind: 'unanswered' };
  for (const input of block.querySelectorAll('input.choice')) {
    input.checked = a.kind === input.value
      || (a.kind === 'choice' && input.value.startsWith('option:') && a.options.includes(input.value.slice(7)));
  }
  const field = block.querySelector('input.number');
  if (field) field.value = a.kind === 'number' ? String(a.value) : '';
  const j = block.querySelector('input.justification-input');
  if (j) j.value = a.kind === 'not_applicable' ? (a.justification ?? '') : '';
  block.querySelector('textarea.comment').value = a.comment ?? '';
  block.querySelector('textarea.evidence').value = (a.evidence ?? []).join('\n');
  if (a.comment || a.evidence?.length) block.querySelector('details.notes').open = true;
  showJustification(block);
}

/** The justification field shows with "not applicable". */
function showJustification(block) {
  const j = block.querySelector('.justification');
  if (j) j.hidden = !block.querySelector('input[value=not_applicable]:checked');
}

/**
 * `<sobriete-questionnaire>`: the questionnaire of a referential, scored
 * live; see components.d.ts for its attributes, properties and events.
 */
export class SobrieteQuestionnaire extends HTMLElement {
  static observedAttributes = ['lang', 'level', 'referential-src', 'storage-key'];

  #referential = null;
  #doc = null;
  #answers = {};
  #profile = null;
  #date = today();
  #level = 1;
  #rest = {};
  #summary = null;
  #report = null;
  #migrations = [];
  #pending = null;
  #issuesShown = false;
  #storageWarned = false;
  #built = false;
  #ready;
  #settle = null;
  #loads = 0;
  #src = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#pendingReady();
  }

  /**
   * Resolves once the referential is loaded and the form is built; rejects
   * with the error when it cannot be loaded. A new `referential-src` gives
   * a new promise, settled by that load.
   */
  get ready() { return this.#ready; }

  /** The referential (a `Referential`); set an instance, a document or its JSON text. */
  get referential() { return this.#referential; }
  set referential(value) {
    const r = toReferential(value);
    // A load still running would replace it: it is dropped.
    this.#loads += 1;
    this.#src = this.getAttribute('referential-src');
    this.#pendingReady();
    this.#setReferential(r);
  }

  /** The crosswalks offered when answers of another referential version arrive. */
  get migrations() { return this.#migrations; }
  set migrations(list) {
    this.#migrations = Array.isArray(list) ? list : [];
    if (this.#pending && this.#built) this.#offerMigration(this.#pending);
  }

  /** The assessment document the form holds (every answer given, even to hidden questions). */
  get value() {
    // A copy: changing it changes nothing here.
    return this.#doc ? structuredClone(this.#assessment()) : null;
  }
  set value(assessment) {
    const take = () => this.#receive(typeof assessment === 'string' ? JSON.parse(assessment) : assessment, null);
    // Once the form is built it takes the value, whatever became of a later load.
    if (this.#built) take();
    else this.#ready.then(take, () => {});
  }

  /** The summary of the last scoring (index, grade, completeness, themes). */
  get summary() { return this.#summary; }

  /** The level shown (1 or 2). */
  get level() { return this.#level; }
  set level(v) {
    if (this.#built) this.#setLevel(v);
    this.setAttribute('level', String(this.#built ? this.#level : v));
  }

  /** The assessment as JSON text (what "Save the file" downloads). */
  exportJSON() {
    return `${JSON.stringify(this.value, null, 2)}\n`;
  }

  /** Loads an assessment from a `File` (or any Blob): the same as "Open a file". */
  async importFile(file) {
    if (!this.#built) await this.#ready;
    const t = UI[langOf(this)];
    try {
      const parsed = JSON.parse(await file.text());
      this.#receive(parsed, t.loaded(file.name ?? ''));
    } catch (e) {
      this.#notice(t.unreadable(file.name ?? '', describeError(e)), true);
    }
  }

  /** Forgets the draft saved in this browser. */
  clearDraft() {
    const key = this.getAttribute('storage-key');
    if (key) try { localStorage.removeItem(key); } catch { /* storage unavailable */ }
  }

  connectedCallback() {
    upgradeProperties(this, ['referential', 'migrations', 'value', 'level']);
    const src = this.getAttribute('referential-src');
    // A source changed while the element was out of the page loads now.
    if (this.#built || this.#referential || this.#loads) {
      if (src !== this.#src) this.#load(src);
      return;
    }
    this.#load(src);
  }

  attributeChangedCallback(name, old, value) {
    // The level shown may differ from the attribute (a file of another
    // level): compare with it, not with the attribute's old value.
    if (name === 'level') {
      if (this.#built && Number(value) !== this.#level) this.#setLevel(value);
      return;
    }
    // A new source, or the same one again after a failure (without one:
    // the default); out of the page, it loads when the element comes back.
    if (name === 'referential-src') {
      if (this.isConnected && (this.#built || this.#loads)) this.#load(value);
      return;
    }
    if (old === value || !this.#built) return;
    if (name === 'lang') this.#build();
    else if (name === 'storage-key') this.#keyChanged(old, value);
  }

  /**
   * A new `storage-key`. Without a key now, the form stays as it is (no
   * longer saved). From no key, answers already on screen are kept and
   * saved under the new key; an empty form takes the draft saved there.
   * From one key to another, the draft of the new key shows (the answers
   * so far stay under the old key).
   */
  #keyChanged(old, key) {
    if (key === null) return;
    const given = Object.keys(this.#answers).length > 0;
    if (old === null && (given || !this.#readDraft())) {
      this.#saveDraft(this.#assessment());
      if (this.#pending) this.#setAside(this.#pending);
      return;
    }
    this.#switchDraft();
  }

  /** A pending `ready`, unless the current one is still pending. */
  #pendingReady() {
    if (this.#settle) return;
    this.#ready = new Promise((resolve, reject) => { this.#settle = { resolve, reject }; });
    // A page that never awaits `ready` gets no unhandled rejection.
    this.#ready.catch(() => {});
  }

  #settleReady(error) {
    const settle = this.#settle;
    this.#settle = null;
    if (error) settle?.reject(error);
    else settle?.resolve();
  }

  /** Loads the referential at `src` (the default one without): the last load started wins. */
  #load(src) {
    const load = ++this.#loads;
    this.#src = src;
    this.#pendingReady();
    const loading = src ? fetchJson(src).then((d) => new Referential(d)) : Promise.resolve().then(() => Referential.default());
    loading.then((r) => { if (load === this.#loads) this.#setReferential(r); })
      .catch((e) => { if (load === this.#loads) this.#fatal(e); });
  }

  /** A referential that cannot be loaded: the form in place stays, else the error shows alone. */
  #fatal(error) {
    this.#settleReady(error);
    if (this.#built) {
      this.#notice(describeError(error), true);
      return;
    }
    this.shadowRoot.replaceChildren(el('style', {}, BASE_CSS), el('p', { class: 'error', role: 'alert' }, describeError(error)));
  }

  #setReferential(r) {
    // Answers already given on another referential (or version) are not
    // stamped with the new one: they are offered migration, like a file.
    const doc = r.toJSON();
    const given = this.#built && (doc.id !== this.#doc.id || doc.version !== this.#doc.version) ? this.#assessment() : null;
    if (given) {
      this.#answers = {};
      this.#rest = {};
    }
    this.#referential = r;
    this.#doc = doc;
    this.#setLevel(this.getAttribute('level'), false);
    this.#profile ??= { name: UI[langOf(this)].defaultName, kind: 'commune', population: 1000 };
    const restored = this.#takeDraft(given);
    this.#build();
    this.#built = true;
    if (restored) this.#notice(UI[langOf(this)].restored);
    this.#settleReady();
  }

  /**
   * The draft saved under `storage-key` (or `given`, answers of another
   * referential) into the form: adopted when it is on this referential,
   * else set aside (kept as it is) until the user decides, #build
   * offering its migration. True when adopted.
   */
  #takeDraft(given = null) {
    const draft = given ?? this.#readDraft();
    const same = Boolean(draft) && this.#same(draft);
    if (same) this.#adopt(draft);
    else if (draft) this.#setAside(draft);
    else this.#pending ??= this.#readDraft(':set-aside');
    return same;
  }

  /** Another `storage-key`: the draft saved under it, or a new questionnaire (the answers so far stay under the old key). */
  #switchDraft() {
    this.#answers = {};
    this.#rest = {};
    this.#profile = { name: UI[langOf(this)].defaultName, kind: 'commune', population: 1000 };
    this.#date = today();
    this.#pending = null;
    this.#storageWarned = false;
    const restored = this.#takeDraft();
    this.#build();
    if (restored) this.#notice(UI[langOf(this)].restored);
  }

  #setLevel(value, rescore = true) {
    const levels = this.#doc ? [...new Set(this.#doc.questions.map((q) => q.level))] : [1, 2];
    const n = Number(value);
    this.#level = levels.includes(n) ? n : Math.min(...levels);
    if (rescore) {
      const select = this.shadowRoot.querySelector('select.level-select');
      if (select) select.value = String(this.#level);
      this.#changed();
    }
  }

  #same(assessment) {
    const ref = assessment?.referential ?? {};
    return ref.id === this.#doc.id && ref.version === this.#doc.version;
  }

  /** Takes an assessment's fields into the form's state (same referential). */
  #adopt(a) {
    const { referential: _r, profile, date, level, answers, ...rest } = structuredClone(a);
    this.#profile = { ...profile };
    this.#date = date ?? today();
    if ([1, 2].includes(level)) this.#level = level;
    this.#answers = answers && typeof answers === 'object' && !Array.isArray(answers) ? answers : {};
    this.#rest = rest;
    if (this.#built) this.setAttribute('level', String(this.#level));
  }

  /** An assessment from a file, a property or a draft. */
  #receive(a, message) {
    const t = UI[langOf(this)];
    if (!a || typeof a !== 'object' || !a.referential) {
      this.#notice(t.notAssessment, true);
      return;
    }
    if (!this.#same(a)) {
      this.#offerMigration(a);
      return;
    }
    try {
      this.#referential.score(a);
    } catch (e) {
      // Problems in answers are shown in their questions, to be corrected
      // (a file saved mid-way is taken back); any other is refused.
      const other = (e?.issues ?? [{}]).some((i) => i.severity !== 'warning' && !/^\/answers\//.test(i.path ?? ''));
      if (other) {
        this.#notice(describeError(e), true);
        return;
      }
    }
    this.#adopt(a);
    this.#build();
    if (message) this.#notice(message);
  }

  #offerMigration(a) {
    const t = UI[langOf(this)];
    const ref = a.referential ?? {};
    const entry = this.#migrations.find((m) => {
      let c = m?.crosswalk;
      try {
        if (typeof c === 'string') c = JSON.parse(c);
      } catch {
        return false;
      }
      return c?.from?.id === ref.id && c?.from?.version === ref.version
        && c?.to?.id === this.#doc.id && c?.to?.version === this.#doc.version;
    });
    this.#setAside(a);
    const text = t.otherReferential(ref.id, ref.version, `${this.#doc.id} ${this.#doc.version}`);
    const offer = this.shadowRoot.querySelector('.offer');
    if (!offer) return;
    // The answers set aside can always be saved as a file, or let go.
    const keep = el('button', { type: 'button', class: 'keep secondary', part: 'button' }, t.downloadAside);
    keep.addEventListener('click', () => this.#download(a));
    const ignore = el('button', { type: 'button', class: 'ignore secondary', part: 'button' }, t.ignore);
    ignore.addEventListener('click', () => {
      this.#setAside(null);
      offer.replaceChildren();
      this.#notice('');
      // The button is gone: focus goes back to the form, not to the page.
      this.shadowRoot.querySelector('form').focus();
    });
    if (!entry) {
      this.#notice(`${text} ${t.noCrosswalk}`, true);
      offer.replaceChildren(keep, ' ', ignore);
      return;
    }
    const convert = el('button', { type: 'button', class: 'convert', part: 'button' }, t.migrate);
    convert.addEventListener('click', () => {
      for (const b of offer.querySelectorAll('button')) b.disabled = true;
      this.#migrate(entry).catch((e) => {
        for (const b of offer.querySelectorAll('button')) b.disabled = false;
        this.#notice(describeError(e), true);
      });
    });
    this.#notice(`${text} ${t.offer}`, true);
    offer.replaceChildren(convert, ' ', keep, ' ', ignore);
  }

  /**
   * Answers of another referential kept aside until the user decides: in
   * memory, and with `storage-key` in the browser too (`<key>:set-aside`),
   * while the draft goes on being saved.
   */
  #setAside(a) {
    this.#pending = a;
    const key = this.getAttribute('storage-key');
    if (!key) return;
    try {
      if (a) localStorage.setItem(`${key}:set-aside`, JSON.stringify(a));
      else localStorage.removeItem(`${key}:set-aside`);
    } catch {
      this.#storageFailed();
    }
  }

  async #migrate(entry) {
    const [pending, to] = [this.#pending, this.#referential];
    const from = toReferential(entry.referential);
    const result = await from.migrate(pending, entry.crosswalk, to);
    // Another file or referential arrived meanwhile: that one wins.
    if (pending !== this.#pending || to !== this.#referential) return;
    this.#setAside(null);
    this.shadowRoot.querySelector('.offer').replaceChildren();
    this.#adopt(result.assessment);
    this.#build();
    this.#notice(UI[langOf(this)].migrated(result.report.counts));
  }

  /** A message in the live region that fits: polite for news, assertive for a problem. */
  #notice(message, error = false) {
    const status = this.shadowRoot.querySelector('.status');
    const alert = this.shadowRoot.querySelector('.alert');
    if (!status) return;
    (error ? status : alert).textContent = '';
    (error ? alert : status).textContent = message;
  }

  /** The assessment the form holds: every question of the level, and every answer ever given. */
  #assessment() {
    // A question without an answer is unanswered: no entry is added for it,
    // so a file comes back out as it came in.
    const answers = { ...this.#answers };
    return {
      referential: { id: this.#doc.id, version: this.#doc.version },
      profile: this.#profile,
      date: this.#date,
      level: this.#level,
      answers,
      ...this.#rest,
    };
  }

  #build() {
    const lang = langOf(this);
    const t = UI[lang];
    const d = this.#doc;
    const open = el('label', { class: 'button secondary file', part: 'button' }, t.open,
      el('input', { type: 'file', accept: 'application/json,.json' }));
    open.querySelector('input').addEventListener('change', (e) => {
      const file = e.target.files?.[0];
      if (file) this.importFile(file);
      e.target.value = '';
    });
    const save = el('button', { type: 'button', class: 'save secondary', part: 'button' }, t.save);
    save.addEventListener('click', () => this.#download());
    const levels = [...new Set(d.questions.map((q) => q.level))].sort();
    const levelSelect = el('select', { class: 'level-select' },
      ...levels.map((l) => el('option', { value: String(l) }, l === 1 ? t.level1 : l === 2 ? t.level2 : `${t.levelTag} ${l}`)));
    levelSelect.value = String(this.#level);
    levelSelect.addEventListener('change', () => {
      this.#setLevel(levelSelect.value);
      this.setAttribute('level', String(this.#level));
    });

    const form = el('form', { part: 'form', lang, novalidate: true, tabindex: '-1', 'aria-label': localText(d.title, lang) || d.id },
      el('div', { class: 'toolbar', role: 'group', 'aria-label': t.tools, part: 'toolbar' }, open, save,
        el('label', {}, t.level, levelSelect)),
      el('p', { class: 'offer toolbar' }),
      this.#profileFields(t),
      el('section', { class: 'progress', part: 'progress', 'aria-label': t.progress },
        el('ol', {}, ...d.themes.map((th) => el('li', { dataset: { theme: th.id } },
          el('span', { id: `p-${th.id}` }, localText(th.title, lang)), ' ',
          el('progress', { max: '1', value: '0', 'aria-labelledby': `p-${th.id}`, 'aria-describedby': `pc-${th.id}` }), ' ',
          el('span', { class: 'muted', id: `pc-${th.id}` }))))),
      ...d.themes.map((th) => el('section', { class: 'theme', part: 'theme', 'aria-labelledby': `t-${th.id}`, dataset: { theme: th.id } },
        el('h2', { id: `t-${th.id}` }, localText(th.title, lang)),
        el('p', { class: 'theme-progress muted', dataset: { theme: th.id } }),
        ...d.questions.filter((q) => q.theme === th.id).map((q) => this.#question(q, t, lang)))),
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'submit', part: 'button submit' }, t.submit)));
    form.addEventListener('change', (e) => this.#onInput(e));
    form.addEventListener('input', (e) => this.#onInput(e));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // Enter in a field is not "See the result".
      if (!e.submitter) return;
      this.#changed();
      this.dispatchEvent(new CustomEvent('sobriete-submit', { bubbles: true, composed: true, detail: this.#detail() }));
    });
    // Live regions outlive the form, so that what they say next is
    // announced; what they said is about the form replaced.
    const focus = this.shadowRoot.activeElement;
    const key = focusKey(focus);
    const live = this.shadowRoot.querySelector('.live');
    if (live) {
      live.lang = lang;
      for (const p of live.children) p.textContent = '';
      this.shadowRoot.querySelector('form').replaceWith(form);
    } else {
      this.shadowRoot.replaceChildren(el('style', {}, BASE_CSS + QUESTIONNAIRE_CSS),
        el('div', { class: 'live', lang },
          el('p', { class: 'notice status', part: 'notice', role: 'status' }),
          el('p', { class: 'notice alert error', part: 'notice', role: 'alert' })),
        form);
    }
    for (const q of d.questions) writeControls(this.shadowRoot.getElementById(`q-${q.id}`), this.#answers[q.id]);
    this.#changed();
    if (this.#pending) this.#offerMigration(this.#pending);
    if (focus) this.#refocus(form, key);
  }

  /** The control that had focus before a rebuild gets it back in the new form (else the form). */
  #refocus(form, key) {
    const target = key && form.querySelector(key);
    const closed = target?.closest('details:not([open])');
    if (closed) closed.open = true;
    target?.focus();
    if (this.shadowRoot.activeElement !== target || !target) form.focus();
  }

  #profileFields(t) {
    const p = this.#profile;
    const field = (key, label, input) => {
      input.dataset.profile = key;
      return el('label', {}, label, input);
    };
    const kinds = KIND_KEYS.includes(p.kind) ? KIND_KEYS : [...KIND_KEYS, p.kind];
    const kind = el('select', { autocomplete: 'off' }, ...kinds.map((k) => el('option', { value: k }, t.kinds[k] ?? k)));
    kind.value = p.kind ?? 'commune';
    return el('fieldset', { class: 'profile', part: 'profile' }, el('legend', {}, t.profile),
      el('div', { class: 'fields' },
        field('name', t.name, el('input', { type: 'text', value: p.name ?? '', autocomplete: 'organization' })),
        field('kind', t.kind, kind),
        field('population', t.population, el('input', { type: 'number', min: '0', step: '1', value: String(p.population ?? 0), inputmode: 'numeric' })),
        field('siren', t.siren, el('input', { type: 'text', value: p.siren ?? '', inputmode: 'numeric', pattern: '[0-9]{9}', autocomplete: 'off' })),
        field('date', t.date, el('input', { type: 'date', value: this.#date }))));
  }

  #question(q, t, lang) {
    const name = `q-${q.id}`;
    const r = q.response;
    const multiple = r.kind === 'multiple_choice' || r.kind === 'numeric';
    const type = multiple ? 'checkbox' : 'radio';
    const choice = (value, label, special = false) => el('label', { class: special ? 'special' : '' },
      el('input', { type, name, value, class: 'choice' }), label);
    const controls = el('div', { class: 'choices' });
    if (r.kind === 'yes_no') controls.append(choice('yes', t.yes), choice('no', t.no));
    else if (r.kind === 'numeric') {
      const bounds = r.min !== undefined && r.max !== undefined ? t.bounds(formatNumber(r.min, lang), formatNumber(r.max, lang)) : '';
      controls.append(el('label', {},
        el('input', { type: 'number', class: 'number', min: r.min ?? false, max: r.max ?? false, step: 'any', 'aria-labelledby': `${name}-l`, 'aria-describedby': `${name}-u` }),
        el('span', { id: `${name}-u` }, [localText(r.unit, lang), bounds].filter(Boolean).join(', '))));
    } else controls.append(...(r.options ?? []).map((o) => choice(`option:${o.id}`, localText(o.label, lang))));
    if (q.allow_dont_know !== false) controls.append(choice('dont_know', t.dontKnow, true));
    if (q.allow_not_applicable) controls.append(choice('not_applicable', t.notApplicable, true));
    const justification = q.allow_not_applicable
      ? el('div', { class: 'justification', hidden: true },
        el('label', {}, `${t.justification}${q.require_justification ? ` ${t.required}` : ''}`,
          el('input', { type: 'text', class: 'justification-input', 'aria-required': q.require_justification ? 'true' : false })))
      : null;
    const more = el('div', { class: 'more' },
      q.help ? el('details', { part: 'help' }, el('summary', { class: 'help-summary' }, t.help), el('p', {}, localText(q.help, lang))) : null,
      q.rationale ? el('details', { part: 'rationale' }, el('summary', { class: 'why-summary' }, t.why), el('p', {}, localText(q.rationale, lang))) : null,
      el('details', { class: 'notes', part: 'notes' }, el('summary', { class: 'notes-summary' }, t.notes),
        el('label', {}, t.comment, el('textarea', { class: 'comment', rows: '2' })),
        el('label', {}, t.evidence, el('textarea', { class: 'evidence', rows: '2', spellcheck: 'false' }))));
    return el('fieldset', { class: 'question', part: 'question', id: name, dataset: { id: q.id, level: String(q.level) }, 'aria-describedby': `${name}-e` },
      el('legend', { id: `${name}-l` }, localText(q.prompt, lang), ' ', el('span', { class: 'level' }, `${t.levelTag} ${q.level}`)),
      controls, justification, more,
      el('p', { class: 'question-error error', id: `${name}-e` }));
  }

  #onInput(event) {
    const target = event.target;
    // Choices and lists on `change`, fields on `input`: each edit once.
    const checkable = target.type === 'radio' || target.type === 'checkbox' || target.tagName === 'SELECT';
    if (checkable !== (event.type === 'change')) return;
    const profile = target.dataset?.profile;
    if (profile) {
      if (profile === 'date') this.#date = target.value || today();
      else if (profile === 'population') this.#profile = { ...this.#profile, population: Math.max(0, Math.round(Number(target.value) || 0)) };
      else if (profile === 'siren') {
        const { siren: _s, ...rest } = this.#profile;
        this.#profile = target.value.trim() ? { ...rest, siren: target.value.trim() } : rest;
      } else this.#profile = { ...this.#profile, [profile]: target.value };
      this.#changed();
      return;
    }
    const block = target.closest?.('fieldset.question');
    if (!block) return;
    // "Don't know" and "not applicable" exclude the other answers of a question.
    if (event.type === 'change' && target.type === 'checkbox' && target.checked) {
      const special = target.value === 'dont_know' || target.value === 'not_applicable';
      for (const other of block.querySelectorAll('input.choice')) {
        if (other !== target && (special || other.value === 'dont_know' || other.value === 'not_applicable')) other.checked = false;
      }
      const number = block.querySelector('input.number');
      if (number && special) number.value = '';
    }
    if (target.classList.contains('number') && target.value !== '') {
      for (const other of block.querySelectorAll('input.choice')) other.checked = false;
    }
    showJustification(block);
    const id = block.dataset.id;
    const q = this.#doc.questions.find((x) => x.id === id);
    const answer = readControls(q, block, this.#answers[id]);
    const empty = answer.kind === 'unanswered' && !answer.comment && !answer.evidence;
    if (empty && !(id in this.#answers)) return;
    this.#answers[id] = answer;
    this.#changed();
  }

  #detail() {
    return { assessment: this.value, summary: structuredClone(this.#summary), referential: this.#referential };
  }

  /** Rescoring after any change: visibility, progress, errors, draft, event. */
  #changed() {
    if (!this.#doc || !this.shadowRoot.querySelector('form')) return;
    const a = this.#assessment();
    for (const e of this.shadowRoot.querySelectorAll('.question-error')) e.textContent = '';
    for (const b of this.shadowRoot.querySelectorAll('fieldset.question[aria-invalid]')) b.removeAttribute('aria-invalid');
    try {
      this.#report = this.#referential.score(a);
    } catch (e) {
      this.#showIssues(e);
      this.#saveDraft(a);
      return;
    }
    const r = this.#report;
    this.#summary = {
      index: r.index, grade: r.grade?.grade ?? null, complete: r.complete, completeness: r.completeness,
      themes: r.themes.map((th) => ({ id: th.id, score: th.score })),
    };
    this.#showVisibility(r);
    if (this.#issuesShown) {
      this.#issuesShown = false;
      this.#notice('');
    }
    this.#saveDraft(a);
    this.dispatchEvent(new CustomEvent('sobriete-change', { bubbles: true, composed: true, detail: this.#detail() }));
  }

  #showIssues(error) {
    const t = UI[langOf(this)];
    const loose = [];
    for (const issue of error?.issues ?? []) {
      if (issue.severity === 'warning') continue;
      const m = /^\/answers\/([^/]+)/.exec(issue.path ?? '');
      const block = m && this.shadowRoot.getElementById(`q-${m[1].replaceAll('~1', '/').replaceAll('~0', '~')}`);
      if (block) {
        block.setAttribute('aria-invalid', 'true');
        block.querySelector('.question-error').textContent = t.invalid(issue.message);
      } else loose.push(`${issue.path || '/'} : ${issue.message}`);
    }
    if (loose.length || !error?.issues) {
      this.#notice(loose.length ? `${t.issues} ${loose.join(' ; ')}` : describeError(error), true);
      this.#issuesShown = true;
    }
  }

  #showVisibility(report) {
    const t = UI[langOf(this)];
    const status = new Map(report.questions.map((q) => [q.id, q.status]));
    const perTheme = new Map(this.#doc.themes.map((th) => [th.id, [0, 0]]));
    for (const block of this.shadowRoot.querySelectorAll('fieldset.question')) {
      const s = status.get(block.dataset.id);
      const shown = s !== undefined && s !== 'hidden' && s !== 'out_of_profile';
      block.hidden = !shown;
      const q = this.#doc.questions.find((x) => x.id === block.dataset.id);
      if (shown) {
        const counts = perTheme.get(q.theme);
        counts[1] += 1;
        if (s !== 'unanswered') counts[0] += 1;
      }
    }
    for (const [theme, [done, all]] of perTheme) {
      const label = t.answered(done, all);
      this.shadowRoot.getElementById(`pc-${theme}`).textContent = label;
      const bar = this.shadowRoot.querySelector(`.progress li[data-theme="${CSS.escape(theme)}"] progress`);
      bar.value = all ? done / all : 1;
      this.shadowRoot.querySelector(`p.theme-progress[data-theme="${CSS.escape(theme)}"]`).textContent = label;
      this.shadowRoot.querySelector(`section.theme[data-theme="${CSS.escape(theme)}"]`).hidden = all === 0;
      bar.closest('li').hidden = all === 0;
    }
  }

  #readDraft(suffix = '') {
    const key = this.getAttribute('storage-key');
    if (!key) return null;
    try {
      const draft = JSON.parse(localStorage.getItem(key + suffix) ?? 'null');
      return draft?.referential?.id && draft.referential.version ? draft : null;
    } catch {
      return null;
    }
  }

  #saveDraft(a) {
    const key = this.getAttribute('storage-key');
    if (!key) return;
    try {
      localStorage.setItem(key, JSON.stringify(a));
    } catch {
      this.#storageFailed();
    }
  }

  /** Said once, not at every keystroke. */
  #storageFailed() {
    if (this.#storageWarned) return;
    this.#storageWarned = true;
    this.#notice(UI[langOf(this)].storageFailed, true);
  }

  #download(assessment = this.value) {
    const blob = new Blob([`${JSON.stringify(assessment, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const name = String(assessment?.profile?.name || 'evaluation').normalize('NFD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '') || 'evaluation';
    const link = el('a', { href: url, download: `${name}-${assessment?.date ?? today()}.json` });
    this.shadowRoot.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/**
 * `<sobriete-results>`: the result of an assessment (index, grade, theme
 * scores and radar, practices not in place, recommended actions, a plan for
 * a typed target); see components.d.ts.
 */
export class SobrieteResults extends HTMLElement {
  static observedAttributes = ['lang', 'for', 'target'];

  #referential = null;
  #assessment = null;
  #report = null;
  #root = null;
  // The questionnaire named by `for` is found by its events at the root
  // (document or shadow root), so it may come before or after this element.
  #listener = (e) => {
    if (e.target?.id !== this.getAttribute('for')) return;
    if (e.type === 'sobriete-submit') this.shadowRoot.getElementById('r-title')?.focus();
    else this.#take(e.detail);
  };
  #announceTimer = 0;
  #laterTimer = 0;
  #printing = null;
  #planRequest = 0;
  #radarRequest = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  /** The referential the assessment is scored on (default: the questionnaire's, else the default one). */
  get referential() { return this.#referential; }
  set referential(value) {
    this.#referential = toReferential(value);
    this.#render();
  }

  /** The assessment shown; set one to show its result without a questionnaire. */
  get assessment() { return this.#assessment; }
  set assessment(value) {
    this.#assessment = typeof value === 'string' ? JSON.parse(value) : value;
    this.#render();
  }

  /** The score report shown (the library's `score`). */
  get report() { return this.#report; }

  connectedCallback() {
    upgradeProperties(this, ['referential', 'assessment']);
    this.#frame();
    this.#connect();
    this.#watchPrinting();
    if (this.#assessment) this.#render();
  }

  disconnectedCallback() {
    this.#disconnect();
    this.#printing?.abort();
    this.#printing = null;
  }

  #disconnect() {
    for (const type of ['sobriete-change', 'sobriete-submit']) this.#root?.removeEventListener(type, this.#listener);
    this.#root = null;
  }

  /** On paper every rationale and action shows (while the element is in the page). */
  #watchPrinting() {
    if (this.#printing) return;
    this.#printing = new AbortController();
    const { signal } = this.#printing;
    let closed = [];
    addEventListener('beforeprint', () => {
      closed = [...this.shadowRoot.querySelectorAll('details:not([open])')];
      for (const d of closed) d.open = true;
    }, { signal });
    addEventListener('afterprint', () => { for (const d of closed) d.open = false; }, { signal });
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    if (name === 'for') this.#connect();
    else if (name === 'lang') { this.#frame(); this.#render(); }
    else if (name === 'target') {
      const input = this.shadowRoot.querySelector('input.target-input');
      if (input) input.value = value ?? '';
      this.#plan();
    }
  }

  #connect() {
    this.#disconnect();
    this.#root = this.getRootNode();
    for (const type of ['sobriete-change', 'sobriete-submit']) this.#root.addEventListener(type, this.#listener);
    const id = this.getAttribute('for');
    const source = id ? this.#root.getElementById?.(id) : null;
    if (source?.value && source.referential) this.#take({ assessment: source.value, referential: source.referential });
  }

  #take(detail) {
    if (detail.referential) this.#referential = detail.referential;
    this.#assessment = detail.assessment;
    this.#render();
  }

  #frame() {
    const t = UI[langOf(this)];
    // A target already typed survives a change of language.
    const typed = this.shadowRoot.querySelector('input.target-input')?.value;
    const target = el('input', { type: 'number', class: 'target-input', min: '0', max: '100', step: '1', inputmode: 'decimal', value: typed ?? this.getAttribute('target') ?? '' });
    target.addEventListener('input', () => this.#plan());
    const print = el('button', { type: 'button', part: 'button', class: 'secondary' }, t.print);
    print.addEventListener('click', () => window.print());
    this.shadowRoot.replaceChildren(el('style', {}, BASE_CSS + RESULTS_CSS),
      el('section', { part: 'container', lang: langOf(this), 'aria-labelledby': 'r-title' },
        el('h2', { id: 'r-title', tabindex: '-1' }, t.results),
        el('p', { class: 'waiting muted' }, t.waiting),
        el('div', { class: 'body', hidden: true },
          el('div', { class: 'headline' },
            el('p', { class: 'figure' }, t.index, ' ', el('strong', { part: 'index', class: 'index', dataset: { value: '' } }, '–'), ' ', el('span', { class: 'muted' }, t.outOf)),
            el('p', { class: 'figure' }, t.grade, ' ', el('strong', { part: 'grade', class: 'grade' }, '–'), ' ', el('span', { class: 'grade-label muted' }))),
          el('p', { class: 'completeness' }),
          el('h3', {}, t.themes),
          el('figure', { class: 'radar', part: 'radar', 'aria-label': t.radar }),
          el('table', { part: 'themes', class: 'themes' },
            el('caption', { class: 'visually-hidden' }, t.themes),
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t.theme), el('th', { scope: 'col', class: 'bar' }, el('span', { class: 'visually-hidden' }, t.bar)), el('th', { scope: 'col' }, t.score))),
            el('tbody')),
          el('h3', {}, t.gaps), el('ol', { part: 'gaps', class: 'gaps' }),
          el('h3', {}, t.actions), el('ol', { part: 'actions', class: 'actions' }), el('details', { class: 'more-actions' }),
          el('h3', {}, t.target),
          el('p', { class: 'target' }, el('label', {}, t.targetLabel, target)),
          el('div', { part: 'plan', class: 'plan' }),
          el('p', {}, print)),
        el('p', { class: 'visually-hidden announcement', role: 'status', 'aria-live': 'polite', part: 'announcement' })));
  }

  #render() {
    if (!this.shadowRoot.querySelector('section')) return;
    const lang = langOf(this);
    const t = UI[lang];
    const body = this.shadowRoot.querySelector('.body');
    if (!this.#assessment) return;
    this.#referential ??= Referential.default();
    let report;
    try {
      report = this.#referential.score(this.#assessment);
    } catch (e) {
      // No figures of an earlier state shown as if current.
      this.#report = null;
      const waiting = this.shadowRoot.querySelector('.waiting');
      waiting.textContent = describeError(e);
      waiting.hidden = false;
      body.hidden = true;
      return;
    }
    const previous = this.#report;
    this.#report = report;
    this.shadowRoot.querySelector('.waiting').hidden = true;
    body.hidden = false;
    const n = (x) => formatNumber(x, lang);
    const index = this.shadowRoot.querySelector('.index');
    index.dataset.value = report.index === null ? '' : String(report.index);
    index.textContent = report.index === null ? '–' : n(report.index);
    this.shadowRoot.querySelector('.grade').textContent = report.grade?.grade ?? '–';
    this.shadowRoot.querySelector('.grade-label').textContent = report.grade ? `(${localText(report.grade.label, lang)})` : `(${t.noIndex})`;
    this.shadowRoot.querySelector('.completeness').textContent = t.completeness(n(report.completeness), report.complete);
    this.shadowRoot.querySelector('tbody').replaceChildren(...report.themes.map((th) => el('tr', { dataset: { theme: th.id, value: th.score === null ? '' : String(th.score) } },
      el('th', { scope: 'row' }, localText(th.title, lang)),
      el('td', { class: 'bar' }, el('meter', { min: '0', max: '100', value: String(th.score ?? 0), 'aria-label': localText(th.title, lang) })),
      el('td', { class: 'value' }, th.score === null ? '–' : `${n(th.score)} / 100`))));
    this.shadowRoot.querySelector('.gaps').replaceChildren(...(report.gaps.length ? report.gaps.map((g) => el('li', { dataset: { question: g.question } },
      el('span', {}, localText(g.prompt, lang)), ` (${t.states[g.state] ?? g.state}, ${n(g.missed)} ${t.missed})`,
      g.rationale ? el('details', {}, el('summary', {}, t.why), el('p', {}, localText(g.rationale, lang))) : null))
      : [el('li', {}, t.none)]));
    // The first actions in the library's order, the others on demand.
    const action = (a) => el('li', { dataset: { action: a.id } }, localText(a.title, lang),
      ` (${t.effort} ${t.efforts[a.effort] ?? a.effort}, ${t.gain} +${n(a.gain)})`);
    const actions = report.recommended_actions;
    const rest = actions.slice(FIRST_ACTIONS);
    this.shadowRoot.querySelector('.actions').replaceChildren(
      ...(actions.length ? actions.slice(0, FIRST_ACTIONS).map(action) : [el('li', {}, t.noActions)]));
    this.shadowRoot.querySelector('.more-actions').replaceChildren(...(rest.length
      ? [el('summary', {}, t.moreActions(rest.length)), el('ol', { start: String(FIRST_ACTIONS + 1) }, ...rest.map(action))] : []));
    this.shadowRoot.querySelector('.more-actions').hidden = !rest.length;
    if (!previous || previous.index !== report.index || previous.grade?.grade !== report.grade?.grade) this.#announce(report);
    // The chart and the plan (extras module) once the user pauses.
    clearTimeout(this.#laterTimer);
    this.#laterTimer = setTimeout(() => {
      this.#radar();
      this.#plan();
    }, previous ? 250 : 0);
  }

  /** Announces the index politely, once the user pauses. */
  #announce(report) {
    clearTimeout(this.#announceTimer);
    const lang = langOf(this);
    this.#announceTimer = setTimeout(() => {
      this.shadowRoot.querySelector('.announcement').textContent = UI[lang].announce(formatNumber(report.index, lang), report.grade?.grade ?? '–');
    }, 500);
  }

  async #radar() {
    const request = ++this.#radarRequest;
    const lang = langOf(this);
    const box = this.shadowRoot.querySelector('.radar');
    try {
      const svg = await this.#referential.radarSvg(this.#assessment, null, null, lang);
      if (request !== this.#radarRequest) return;
      const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
      if (parsed.nodeName !== 'svg') return;
      // The library escapes every text; as a second guard, nothing active
      // (scripts, foreign content, event handlers) is let in.
      for (const node of parsed.querySelectorAll('*')) if (!SVG_ELEMENTS.has(node.localName)) node.remove();
      for (const node of [parsed, ...parsed.querySelectorAll('*')]) {
        for (const attr of [...node.attributes]) {
          if (/^on|^style$|href$/i.test(attr.name) && !(/href$/i.test(attr.name) && attr.value.startsWith('#'))) node.removeAttribute(attr.name);
        }
      }
      box.replaceChildren(document.importNode(parsed, true));
    } catch {
      if (request === this.#radarRequest) box.replaceChildren();
    }
  }

  async #plan() {
    const request = ++this.#planRequest;
    const lang = langOf(this);
    const t = UI[lang];
    const box = this.shadowRoot.querySelector('.plan');
    const input = this.shadowRoot.querySelector('input.target-input');
    const value = input?.value.trim() ?? '';
    if (!box || !this.#assessment || value === '' || !Number.isFinite(Number(value))) {
      box?.replaceChildren();
      return;
    }
    try {
      const proposal = await this.#referential.propose(this.#assessment, { target: { index: Number(value) } });
      if (request !== this.#planRequest) return;
      box.replaceChildren(
        el('p', { class: proposal.reachable ? 'reachable' : 'unreachable' }, proposal.reachable ? t.reachable : t.unreachable),
        el('p', { class: 'plan-summary', dataset: { index: String(proposal.index) } },
          t.plan(formatNumber(proposal.index, lang), formatNumber(proposal.total_effort, lang), proposal.schedule.length)),
        el('ol', { class: 'schedule' }, ...proposal.schedule.map((s) => el('li', { dataset: { action: s.id } },
          localText(s.title, lang), ` (${t.gain} +${formatNumber(s.gain, lang)})`))));
    } catch (e) {
      if (request === this.#planRequest) box.replaceChildren(el('p', { class: 'error', role: 'alert' }, describeError(e)));
    }
  }
}

export function defineComponents() {
  if (!customElements.get('sobriete-questionnaire')) customElements.define('sobriete-questionnaire', SobrieteQuestionnaire);
  if (!customElements.get('sobriete-results')) customElements.define('sobriete-results', SobrieteResults);
}

defineComponents();
