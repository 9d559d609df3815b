// Entry of the `sobriete` package: one import for a browser
// (<script type="module">, no bundler) or Node.js (ESM).
//
// The package is three WebAssembly modules built from the same Rust crate:
// - the main module (sobriete.js + sobriete_bg.wasm), loaded here with a
//   top-level await together with the default referential's JSON
//   (default-referential.json: a document, not code, so it stays out of the
//   module and its size budget): the default referential, `new Referential`, `toJSON`,
//   templates and scoring (score, scoreMany, scoreSummary, scoreSummaries,
//   scoreTable, scoreTableJsonLines), all synchronous; Node.js loads the
//   same module built for speed (sobriete_node_bg.wasm) when present;
// - the extras module (sobriete_extras.js + sobriete_extras_bg.wasm), loaded
//   on first use of one of its functions, or by `loadExtras()` /
//   `init({ extras: true })`: validation, target gap, proposals and plans,
//   renderers, migrations, history, peers. Its functions are async here
//   (they return Promises);
// - the importers module (sobriete_importers.js + _bg.wasm), loaded on first
//   use of an importer, or by `loadImporters()`: the published referentials
//   and Éco-clic's questionnaire and answers (its SQL and CSV readers are
//   as heavy as a third of the extras). Async too.
// The modules throw the same error classes (one errors.js module).
import initMain, { Referential, loadDefaultReferential } from './sobriete.js';

export * from './sobriete.js';
export { SobrieteError, ValidationError, ArgumentError } from './@ERRORS@';

/** A module's .wasm, next to this file: a URL, or its bytes in Node.js. */
async function wasmSource(file) {
  const url = new URL(file, import.meta.url);
  if (url.protocol !== 'file:') return url;
  // Node.js: fetch() cannot read files.
  const { readFile } = await import('node:fs/promises');
  return readFile(url);
}

/**
 * The main module: under Node.js its build for speed when the package has
 * it (read from disk, its size does not matter; same exports and glue),
 * else the build for size that browsers download.
 */
async function mainSource() {
  if (new URL('./sobriete_bg.wasm', import.meta.url).protocol === 'file:') {
    try {
      return await wasmSource('./sobriete_node_bg.wasm');
    } catch (e) {
      if (e?.code !== 'ENOENT') throw e;
    }
  }
  return wasmSource('./sobriete_bg.wasm');
}

/** A text file next to this file (read from disk in Node.js). */
async function textSource(file) {
  const url = new URL(file, import.meta.url);
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return readFile(url, 'utf8');
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

const [mainModule, defaultReferential] = await Promise.all([
  mainSource(),
  textSource('./default-referential.json'),
]);
await initMain({ module_or_path: mainModule });
loadDefaultReferential(defaultReferential);

let extras = null;
let extrasLoaded = false;

/**
 * Loads the extras module (once; a failed load is retried on the next
 * call). Resolves to its wasm-bindgen glue.
 */
export function loadExtras() {
  extras ??= (async () => {
    const glue = await import('./sobriete_extras.js');
    await glue.default({ module_or_path: await wasmSource('./sobriete_extras_bg.wasm') });
    glue.loadDefaultReferential(defaultReferential);
    extrasLoaded = true;
    return glue;
  })().catch((e) => {
    extras = null;
    throw e;
  });
  return extras;
}

let importers = null;

/**
 * Loads the importers module (once; a failed load is retried on the next
 * call). Resolves to its wasm-bindgen glue.
 */
export function loadImporters() {
  importers ??= (async () => {
    const glue = await import('./sobriete_importers.js');
    await glue.default({ module_or_path: await wasmSource('./sobriete_importers_bg.wasm') });
    glue.loadDefaultReferential(defaultReferential);
    return glue;
  })().catch((e) => {
    importers = null;
    throw e;
  });
  return importers;
}

/**
 * The package is ready once imported; `await init({ extras: true })`
 * also preloads the extras module, `{ importers: true }` the importers.
 */
export default async function init(options = {}) {
  if (options?.extras) await loadExtras();
  if (options?.importers) await loadImporters();
}

// Referential#default() gives a new object each time: mark them, so that
// the extras module reads the default referential once.
const defaults = new WeakSet();
const mainDefault = Referential.default;
Referential.default = function () {
  const r = mainDefault.call(this);
  defaults.add(r);
  return r;
};

/** The extras module's referential of a main-module `Referential`. */
const twins = new WeakMap();
let defaultTwin = null;
function twin(glue, r) {
  if (!(r instanceof Referential)) throw new TypeError('not a Referential');
  if (defaults.has(r)) return (defaultTwin ??= new glue.Referential(r));
  let t = twins.get(r);
  if (t === undefined) {
    // Its document, through toJSON.
    t = new glue.Referential(r);
    twins.set(r, t);
  }
  return t;
}

// The extras module's methods of Referential: each an operation of the
// table of operations run by the module's `call`, its name in snake_case,
// its positional parameters in JavaScript's order (the test suite checks
// them against the table: tests/bindings/operations.json).
const EXTRAS_METHODS = Object.freeze({
  validate: ['document'],
  validatePlan: ['plan'],
  targetGap: ['assessment', 'target'],
  candidates: ['assessment'],
  propose: ['assessment', 'request'],
  planFromProposal: ['assessment', 'request', 'proposal', 'created'],
  planStatus: ['plan', 'baseline', 'as_of'],
  markdown: ['lang'],
  migrate: ['assessment', 'crosswalk', 'to'],
  simulateMigration: ['assessment', 'crosswalk', 'to'],
  renderMigration: ['assessment', 'crosswalk', 'to', 'format', 'lang'],
  renderMigrationSimulation: ['assessment', 'crosswalk', 'to', 'format', 'lang'],
  validateCrosswalk: ['crosswalk', 'to'],
  renderReport: ['assessment', 'format', 'lang'],
  fullReport: ['assessment', 'inputs', 'format', 'lang'],
  fullReportData: ['assessment', 'inputs'],
  history: ['assessments'],
  diff: ['before', 'after'],
  nextAssessment: ['previous', 'plan', 'date'],
  progressSeries: ['assessments', 'plan'],
  compare: ['assessment', 'peers', 'min_group_size'],
  peerResult: ['assessment'],
  answersCsv: ['assessment', 'lang'],
  themesCsv: ['assessment', 'lang'],
  planCsv: ['plan', 'lang'],
  annualReview: ['assessment', 'plan', 'year', 'as_of', 'lang'],
  radarSvg: ['assessment', 'target', 'peers', 'lang'],
  evolutionSvg: ['assessments', 'plan', 'lang'],
});

const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The arguments as they are at the call: while the extras module loads, the
 * caller may change an object it passed, so plain objects and arrays are
 * copied first (anything else — strings, numbers, Referentials, bytes — is
 * passed as is, and what cannot be copied is left for the module to report).
 */
function snapshot(args) {
  if (extrasLoaded) return args;
  return args.map((a) => {
    if (a === null || typeof a !== 'object') return a;
    const proto = Object.getPrototypeOf(a);
    if (!Array.isArray(a) && proto !== Object.prototype && proto !== null) return a;
    try {
      return structuredClone(a);
    } catch {
      return a;
    }
  });
}

/**
 * A full report's inputs with the table's names (`asOf` → `as_of`); what is
 * not a plain object (or cannot be read) is left for the module to report.
 */
function reportInputs(inputs) {
  if (inputs === null || typeof inputs !== 'object') return inputs;
  try {
    const proto = Object.getPrototypeOf(inputs);
    if (proto !== Object.prototype && proto !== null) return inputs;
    return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [snake(k), v]));
  } catch {
    return inputs;
  }
}

/** The arguments of an operation by name, from its positional ones. */
function named(params, values) {
  const args = {};
  params.forEach((p, i) => {
    args[p] = p === 'inputs' ? reportInputs(values[i]) : values[i];
  });
  return args;
}

for (const [name, params] of Object.entries(EXTRAS_METHODS)) {
  Object.defineProperty(Referential.prototype, name, {
    async value(...args) {
      const copy = snapshot(args);
      const glue = await loadExtras();
      return twin(glue, this).call(snake(name), named(params, copy));
    },
    writable: true,
    configurable: true,
  });
}

/** The crosswalk the other way round (extras module). */
export async function invertCrosswalk(crosswalk) {
  const [copy] = snapshot([crosswalk]);
  return (await loadExtras()).call('invert_crosswalk', { crosswalk: copy });
}

/**
 * The arguments of an importer as they are at the call (`snapshot`), a
 * main-module Referential as its document (the importers module has no
 * twin of it).
 */
function importerArgs(args) {
  return snapshot(args.map((a) => (a instanceof Referential ? a.toJSON() : a)));
}

/** A published referential in the library's format (importers module). */
export async function importReferential(...args) {
  const copy = importerArgs(args);
  return (await loadImporters()).importReferential(...copy);
}

/** Éco-clic's questionnaire as a referential (importers module). */
export async function importEcoclic(...args) {
  const copy = importerArgs(args);
  return (await loadImporters()).importEcoclic(...copy);
}

/** Éco-clic's answers as assessments, one per collectivité (importers module). */
export async function importEcoclicAnswers(...args) {
  const copy = importerArgs(args);
  return (await loadImporters()).importEcoclicAnswers(...copy);
}

/** Aggregates members' results (extras module). */
export async function rollup(peers, expectedMembers) {
  const copy = snapshot([peers, expectedMembers]);
  return (await loadExtras()).call('rollup', named(['peers', 'expected_members'], copy));
}
