// Errors are real Error instances (SobrieteError, ValidationError) with
// code, document, issues; hostile inputs throw them and never trap the
// module: it keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Referential, rollup, invertCrosswalk, SobrieteError, ValidationError, ArgumentError } from '../pkg/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const commune = JSON.parse(readFileSync(join(root, 'examples/commune-rurale-niveau1.json'), 'utf8'));
const r = Referential.default();
const expectedIndex = r.score(commune).index;

function stillWorks() {
  assert.equal(Referential.default().score(commune).index, expectedIndex);
}

/** Runs `f` (and awaits it: the extras module's functions are async),
 * expects a SobrieteError and returns it. */
async function thrown(f, label = f.toString()) {
  let error;
  try {
    await f();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof SobrieteError, `${label}: expected a SobrieteError, got ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.ok(Array.isArray(error.issues));
  for (const issue of error.issues) {
    assert.deepStrictEqual(Object.keys(issue).sort(), ['code', 'message', 'path', 'severity']);
  }
  assert.equal(typeof error.stack, 'string');
  stillWorks();
  return error;
}

test('an invalid assessment: ValidationError listing every problem with JSON-pointer paths', async () => {
  const bad = structuredClone(commune);
  bad.level = 3;
  bad.answers['gov-01'] = { kind: 'choice', options: ['nope'] };
  bad.answers['gov-03'] = { kind: 'maybe' };
  bad.extra = true;
  const e = await thrown(() => r.score(bad));
  assert.ok(e instanceof ValidationError);
  assert.equal(e.name, 'ValidationError');
  assert.equal(e.code, 'invalid_document');
  assert.equal(e.document, 'assessment');
  assert.equal(e.argument, null);
  assert.ok(e.issues.length >= 2, JSON.stringify(e.issues));
  assert.ok(e.issues.some((i) => i.code === 'unknown_field' || i.code === 'unknown_variant'));
  assert.ok(e.issues.every((i) => i.path === '' || i.path.startsWith('/')));
  assert.match(e.message, /^invalid assessment: error\[/);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(e)), { code: e.code, document: e.document, argument: null, message: e.message, issues: e.issues });
  // validate() reports the same problems without throwing.
  const report = await r.validate(bad);
  assert.equal(report.valid, false);
  assert.equal(report.document, 'assessment');
});

test('unknown fields are reported (the core parser, not serde-wasm-bindgen)', async () => {
  const e = await thrown(() => r.score({ ...commune, profil: {} }));
  assert.deepStrictEqual(e.issues.map((i) => [i.code, i.path]), [['unknown_field', '/profil']]);
});

test('an invalid referential', async () => {
  const e = await thrown(() => new Referential({ id: 'x', version: 'one', title: { fr: '' }, themes: [], questions: [] }));
  assert.equal(e.document, 'referential');
  assert.equal(e.code, 'invalid_document');
  assert.ok(e.issues.length >= 2);
});

test('invalid arguments: ArgumentError (a SobrieteError) with code invalid_argument', async () => {
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  for (const [f, name] of [
    [() => r.template(3), 'level'],
    [() => r.template(1.5), 'level'],
    [() => r.template('1'), 'level'],
    [() => r.renderReport(commune, 'pdf'), 'format'],
    [() => r.renderReport(commune, 'text', 'de'), 'lang'],
    [() => r.markdown(42), 'lang'],
    [() => r.compare(commune, { peers: [] }, -1), 'min_group_size'],
    [() => r.compare(commune, { peers: [] }, 2.5), 'min_group_size'],
    [() => rollup({ peers: [] }, 'ten'), 'expected_members'],
    [() => r.annualReview(commune, null, '2026'), 'year'],
    [() => r.planStatus({}, null, 5), null],
    [() => r.scoreMany({}), 'assessments'],
    // A sparse array claiming 2^32 - 1 items is refused at once (not read
    // hole by hole), in every batch call.
    [() => r.scoreMany(sparse), 'assessments'],
    [() => r.scoreSummaries(sparse), 'assessments'],
    [() => r.scoreTable(sparse), 'assessments'],
    [() => r.scoreTable(new Array(1_000_001)), 'assessments'],
    [() => r.scoreTableJsonLines(42), 'json_lines'],
    [() => r.history({}), 'assessments'],
    [() => r.fullReport(commune, { tagret: { index: 50 } }), 'inputs'],
  ]) {
    const e = await thrown(f);
    if (name === null) continue;
    assert.ok(!(e instanceof ValidationError), name);
    assert.ok(e instanceof ArgumentError, name);
    assert.equal(e.name, 'ArgumentError');
    assert.equal(e.code, 'invalid_argument', `${name}: ${e.message}`);
    assert.equal(e.document, 'argument');
    assert.equal(e.argument, name);
    assert.deepStrictEqual(e.issues, []);
  }
  const plan = await r.planFromProposal(commune, { target: { index: 60 } }, await r.propose(commune, { target: { index: 60 } }), '2026-04-01');
  const e = await thrown(() => r.planStatus(plan, null, '2026-13-45'));
  assert.equal(e.argument, 'as_of');
});

test('hostile inputs throw a SobrieteError and never trap the module', async () => {
  const cyclic = { answers: {} };
  cyclic.self = cyclic;
  let deep = [];
  for (let i = 0; i < 100000; i++) deep = [deep];
  const deepText = '['.repeat(200000) + ']'.repeat(200000);
  const hostile = [
    undefined, null, 0, 42, NaN, -Infinity, true, '', 'not json', '{', '[]', '"text"', 'null',
    [], {}, cyclic, 10n, () => 1, Symbol('s'), deep, deepText, new Map([['a', 1]]), new Date(0),
    { answers: null }, { level: 1e308, answers: {} }, '\u0000', '{"a":' + '1'.repeat(1e6) + '}',
    new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } }),
  ];
  for (const value of hostile) {
    let label;
    try {
      label = typeof value === 'symbol' ? 'symbol' : String(value).slice(0, 30);
    } catch {
      label = Array.isArray(value) ? 'deep array' : 'unprintable';
    }
    const e = await thrown(() => r.score(value), `score(${label})`);
    assert.equal(e.document, 'assessment', label);
    assert.equal(e.code, 'invalid_document', label);
    await thrown(() => new Referential(value), `new Referential(${label})`);
    await thrown(() => r.propose(commune, value), `propose(${label})`);
    // An empty list is a valid (empty) history.
    if (!((Array.isArray(value) && value.length === 0) || value === '[]')) await thrown(() => r.history(value), `history(${label})`);
    await thrown(() => r.planStatus(value, null, '2026-01-01'), `planStatus(${label})`);
    await thrown(() => rollup(value), `rollup(${label})`);
    await thrown(() => r.compare(value, value), `compare(${label})`);
    await thrown(() => r.migrate(commune, value, r), `migrate(${label})`);
    await thrown(() => r.simulateMigration(commune, value, value), `simulateMigration(${label})`);
    await thrown(() => invertCrosswalk(value), `invertCrosswalk(${label})`);
    await thrown(() => r.scoreSummary(value), `scoreSummary(${label})`);
    const crosswalkReport = await r.validateCrosswalk(value, r);
    assert.equal(crosswalkReport.valid, false, label);
    const summaries = r.scoreSummaries([value, commune]);
    assert.ok(summaries[0] instanceof ValidationError, label);
    assert.equal(summaries[1].index, expectedIndex);
    // No inputs (null, undefined, {}) is a plain report; {} is a valid
    // (empty) target. A Map serializes as {}.
    let asJson;
    try {
      asJson = JSON.stringify(value);
    } catch {
      asJson = 'unserializable';
    }
    // NaN and ±Infinity are null in JSON: no target.
    if (value !== null && !['{}', 'null', undefined].includes(asJson)) {
      await thrown(() => r.fullReport(commune, value), `fullReport(${label})`);
      await thrown(() => r.fullReport(commune, { target: value }), `fullReport target ${label}`);
    }
    const report = await r.validate(value);
    assert.equal(report.valid, false, label);
    assert.ok(report.issues.length > 0);
    const batch = r.scoreMany([value, commune]);
    assert.equal(batch.length, 2);
    assert.ok(batch[0] instanceof ValidationError, label);
    assert.equal(batch[0].code, 'invalid_document');
    assert.equal(batch[1].index, expectedIndex);
  }
});

test('re-entrant calls from an input toJSON do not trap', async () => {
  // JSON.stringify runs user code while a method holds the referential.
  const x = new Referential(r.toJSON());
  const reentrant = { toJSON: () => ({ ...commune, profile: { ...commune.profile, name: String(x.score(commune).index) } }) };
  assert.equal(x.score(reentrant).profile.name, String(expectedIndex));
  const freeing = { toJSON: () => { x.free(); return commune; } };
  const e = await thrown(() => x.score(freeing), 'free during score');
  assert.equal(e.code, 'invalid_document');
  assert.match(e.issues[0].message, /not serializable as JSON/);
});

test('methods called on a freed referential throw, the module survives', async () => {
  const x = new Referential(r.toJSON());
  x.free();
  assert.throws(() => x.score(commune));
  stillWorks();
});
