// Every method of the package on the examples, cross-checked against the
// CLI (the core compiled for the host) where the CLI has the same operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const t0 = performance.now();
const sobriete = await import('../pkg/index.js');
const { Referential, rollup, version, invertCrosswalk, loadDefaultReferential } = sobriete;
const r = Referential.default();
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const commune = load('examples/commune-rurale-niveau1.json');
const peers = load('examples/peers/communes-creuse.json');
const firstReport = r.score(commune);
const firstScoreMs = performance.now() - t0;
console.log(`import to first score: ${firstScoreMs.toFixed(1)} ms`);

const cli = process.env.SOBRIETE_BIN ?? join(root, 'target', 'debug', 'sobriete');
function runCli(args) {
  assert.ok(existsSync(cli), `the CLI is needed for the cross-checks: cargo build -p sobriete-cli (or set SOBRIETE_BIN), missing ${cli}`);
  return execFileSync(cli, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Plain data only: objects with Object.prototype, arrays, no undefined. */
function assertPlain(value, path = '') {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path}: finite`);
    return;
  }
  assert.equal(typeof value, 'object', `${path}: ${typeof value}`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlain(v, `${path}/${i}`));
    return;
  }
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path}: a plain object`);
  for (const [k, v] of Object.entries(value)) assertPlain(v, `${path}/${k}`);
}

test('import to first score is quick', async () => {
  assert.ok(firstScoreMs < 2000, `${firstScoreMs} ms`);
});

test('the default referential', async () => {
  assert.equal(r.id, 'sobriete-reen');
  assert.match(r.version, /^\d+\.\d+\.\d+$/);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
  const doc = r.toJSON();
  assertPlain(doc);
  assert.ok(doc.questions.length > 20);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(r)), doc);
  // A referential built from its own document is the same referential.
  const copy = new Referential(doc);
  assert.deepStrictEqual(copy.toJSON(), doc);
  assert.deepStrictEqual(new Referential(JSON.stringify(doc)).score(commune), firstReport);
  assert.match(await r.markdown(), /^# /m);
  assert.notEqual(await r.markdown('en'), await r.markdown('fr'));
  // It is the package's default-referential.json, the CLI's embedded one.
  assert.deepStrictEqual(doc, JSON.parse(runCli(['referential'])));
  assert.ok(doc.questions.every((q) => q.references?.legal?.length || q.references?.urls?.length));
  // Handing it another text later keeps the one in place.
  loadDefaultReferential('{"not": "a referential"}');
  assert.deepStrictEqual(Referential.default().toJSON(), doc);
});

test('numbers read as JavaScript reads them', () => {
  // A weight of 23 digits: the core reads it correctly rounded, as
  // JSON.parse does, whether it comes as text or as an object.
  const text = readFileSync(join(root, 'fuzz/regressions/referential/float-round-trip.json'), 'utf8');
  const weight = JSON.parse(text).questions[0].weight;
  assert.equal(new Referential(text).toJSON().questions[0].weight, weight);
  assert.equal(new Referential(JSON.parse(text)).toJSON().questions[0].weight, weight);
});

test('score and every report format match the CLI', async () => {
  assertPlain(firstReport);
  const path = 'examples/commune-rurale-niveau1.json';
  assert.deepStrictEqual(firstReport, JSON.parse(runCli(['report', path, '--format', 'json'])).report ?? JSON.parse(runCli(['report', path, '--format', 'json'])));
  assert.deepStrictEqual(r.score(JSON.stringify(commune)), firstReport);
  for (const format of ['text', 'markdown', 'html']) {
    for (const lang of ['fr', 'en']) {
      assert.equal(await r.renderReport(commune, format, lang), runCli(['report', path, '--format', format, '--lang', lang]), `${format} ${lang}`);
    }
  }
  assert.equal(await r.renderReport(commune), await r.renderReport(commune, 'text', 'fr'));
  assert.deepStrictEqual(JSON.parse(await r.renderReport(commune, 'json')), firstReport);
});

test('the full report matches the CLI', async () => {
  const path = 'examples/commune-rurale-niveau1.json';
  const args = ['--target', '50', '--history', path, '--peers', 'examples/peers/communes-creuse.json'];
  const inputs = { target: { index: 50 }, history: [commune], peers };
  for (const format of ['html', 'markdown', 'text']) {
    assert.equal(await r.fullReport(commune, inputs, format, 'fr'), runCli(['report', path, '--format', format, ...args]), format);
  }
  assert.deepStrictEqual(JSON.parse(await r.fullReport(commune, inputs, 'json')), JSON.parse(runCli(['report', path, '--format', 'json', ...args])));
  const data = await r.fullReportData(commune, inputs);
  assertPlain(data);
  assert.deepStrictEqual(data, JSON.parse(await r.fullReport(commune, inputs, 'json')));
  assert.ok(data.proposal && data.gap && data.history && data.comparison);
  assert.equal(data.status, null);
});

test('template, validation, target gap, candidates, proposal and plan', async () => {
  const t = r.template(1, commune.profile, '2026-01-15');
  assertPlain(t);
  assert.equal(t.date, '2026-01-15');
  assert.ok(Object.values(t.answers).every((a) => a.kind === 'unanswered'));
  assert.equal(r.score(t).index, 0);
  const t2 = r.template(2);
  assert.ok(Object.keys(t2.answers).length > Object.keys(r.template(1).answers).length);

  assert.deepStrictEqual(await r.validate(commune), { document: 'assessment', valid: true, issues: [] });
  assert.equal((await r.validate(r.toJSON())).document, 'referential');
  assert.equal((await r.validate(peers)).document, 'peers');

  const gap = await r.targetGap(commune, { index: 80 });
  assertPlain(gap);
  assert.equal(gap.current_index, firstReport.index);
  assert.equal(gap.target_index, 80);
  assert.equal(gap.reached, false);
  const c = await r.candidates(commune);
  assertPlain(c);
  assert.ok(c.actions.length > 0);
  assert.equal(c.index, firstReport.index);

  const request = { target: { index: firstReport.index + 10 } };
  const proposal = await r.propose(commune, request);
  assertPlain(proposal);
  assert.equal(proposal.reachable, true);
  assert.ok(proposal.index >= firstReport.index + 10);
  const plan = await r.planFromProposal(commune, request, proposal, '2026-04-01');
  assertPlain(plan);
  assert.equal(plan.actions.length, proposal.schedule.length);
  assert.deepStrictEqual(await r.validatePlan(plan), { document: 'plan', valid: true, issues: [] });
  assert.equal((await r.validate(plan)).document, 'plan');
  const status = await r.planStatus(plan, null, '2026-06-01');
  assertPlain(status);
  assert.equal(status.index.achieved, firstReport.index);
  assert.deepStrictEqual(await r.planStatus(plan, commune, '2026-06-01'), status);
  // Every action done: the next assessment reaches the proposal's index.
  const done = { ...plan, actions: plan.actions.map((a) => ({ ...a, status: 'done', progress: 1, completed: '2026-05-01' })) };
  const next = await r.nextAssessment(commune, done, '2027-03-01');
  assertPlain(next);
  assert.equal(r.score(next).index, proposal.index);
  const diff = await r.diff(commune, next);
  assertPlain(diff);
  const history = await r.history([commune, next]);
  assert.deepStrictEqual(history.entries.map((e) => e.index), [firstReport.index, proposal.index]);
  const series = await r.progressSeries([commune, next], done);
  assertPlain(series);
  assert.ok(series.length >= 2);
  assert.match(await r.planCsv(plan), /\n/);
  assert.match(await r.evolutionSvg([commune, next], done), /^<svg/);
  assert.match(await r.evolutionSvg([commune, next]), /^<svg/);
  const review = await r.annualReview(commune, plan, 2026);
  assert.match(review, /^# /m);
  assert.equal(await r.annualReview(commune, null, 2026, null, 'en') === review, false);
});

test('peers, roll-up, CSV and charts', async () => {
  const comparison = await r.compare(commune, peers);
  assertPlain(comparison);
  assert.deepStrictEqual(await r.compare(commune, peers, 5), comparison);
  assert.notDeepStrictEqual(await r.compare(commune, peers, 1000), comparison);
  const mine = await r.peerResult(commune);
  assert.equal(mine.index, firstReport.index);
  const roll = await rollup(peers);
  assertPlain(roll);
  assert.equal((await rollup(JSON.stringify(peers), 100)).expected_members ?? 100, 100);
  assert.equal((await r.answersCsv(commune)).trim().split('\n').length, 1 + firstReport.questions.length);
  assert.equal((await r.themesCsv(commune, 'en')).trim().split('\n').length, 1 + firstReport.themes.length);
  const radar = await r.radarSvg(commune, { themes: { [firstReport.themes[0].id]: 90 } }, peers, 'fr');
  assert.match(radar, /^<svg/);
  assert.equal(radar, runCli(['chart', 'radar', 'examples/commune-rurale-niveau1.json', '--theme-target', `${firstReport.themes[0].id}=90`, '--peers', 'examples/peers/communes-creuse.json']).replace(/\n$/, radar.endsWith('\n') ? '\n' : ''));
});

test('score summaries are the reports\' headline figures', async () => {
  const summary = r.scoreSummary(commune);
  assertPlain(summary);
  assert.equal(summary.index, firstReport.index);
  assert.equal(summary.grade, firstReport.grade.grade);
  assert.equal(summary.completeness, firstReport.completeness);
  assert.deepStrictEqual(summary.themes.map((t) => t.score), firstReport.themes.map((t) => t.score));
  const other = load('examples/departement-niveau2.json');
  const batch = r.scoreSummaries([commune, JSON.stringify(other), { nope: 1 }]);
  assert.equal(batch.length, 3);
  assert.deepStrictEqual(batch[0], summary);
  assert.deepStrictEqual(batch[1], r.scoreSummary(other));
  assert.equal(batch[2].code, 'invalid_document');
  assert.ok(batch[2] instanceof Error);
});

test('scoreTable and scoreTableJsonLines: columns like the CLI batch', () => {
  const other = load('examples/departement-niveau2.json');
  const lines = [JSON.stringify(commune), JSON.stringify(other), '', '{"nope": 1}', '  '];
  const jsonl = `${lines.join('\n')}\n`;
  const dir = mkdtempSync(join(tmpdir(), 'sobriete-table-'));
  const file = join(dir, 'batch.jsonl');
  writeFileSync(file, jsonl);
  // The CLI exits with 1 when an item fails; its rows are on stdout.
  const run = spawnSync(cli, ['batch', '--format', 'jsonl', file], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const table = r.scoreTableJsonLines(readFileSync(file));
  assert.deepStrictEqual(table.line, [1, 2, 4]);
  assert.deepStrictEqual(rows.map((x) => x.item), table.line);
  rows.forEach((row, i) => {
    if (row.summary) {
      assert.equal(table.index[i], row.summary.index);
      assert.equal(table.grade[i], row.summary.grade);
      assert.equal(table.eco_clic[i], row.summary.eco_clic);
      for (const t of row.summary.themes) assert.equal(table[`theme:${t.id}`][i], t.score, t.id);
      assert.equal(table.error[i], null);
    } else {
      assert.match(table.error[i], /^invalid assessment: error\[unknown_field\] at \/nope:/);
      assert.equal(table.index[i], null);
    }
  });
  // The same table from the text, and from objects through scoreTable.
  assert.deepStrictEqual(r.scoreTableJsonLines(jsonl), table);
  const { line, ...columns } = table;
  assert.deepStrictEqual(r.scoreTable([commune, lines[1], { nope: 1 }]), columns);
  assert.deepStrictEqual(r.scoreTable(JSON.stringify([commune, other, { nope: 1 }])), columns);
  // A line that is not UTF-8 fails alone.
  const bad = r.scoreTableJsonLines(Uint8Array.from([0xff, 0x7b, 0x7d, 0x0a, ...Buffer.from(lines[0])]));
  assert.match(bad.error[0], /UTF-8/);
  assert.equal(bad.index[1], table.index[0]);
  // Empty input, and the wrong kinds of argument.
  assert.deepStrictEqual(r.scoreTable([]).index, []);
  assert.deepStrictEqual(r.scoreTableJsonLines('').error, []);
  for (const wrong of [42, null, { a: 1 }]) {
    assert.throws(() => r.scoreTable(wrong), (e) => e instanceof Error && e.code === 'invalid_argument');
  }
  for (const wrong of [42, null, [lines[0]]]) {
    assert.throws(() => r.scoreTableJsonLines(wrong), (e) => e instanceof Error && e.code === 'invalid_argument');
  }
  rmSync(dir, { recursive: true });
});

test('migration to another version matches the CLI', async () => {
  const to = load('examples/migration/sobriete-reen-2.0.0.json');
  const crosswalk = load('examples/migration/crosswalk-1.1.0-to-2.0.0.json');
  const args = ['migrate', 'examples/commune-rurale-niveau1.json', '--to', 'examples/migration/sobriete-reen-2.0.0.json',
    '--crosswalk', 'examples/migration/crosswalk-1.1.0-to-2.0.0.json'];
  const m = await r.migrate(commune, crosswalk, to);
  assertPlain(m);
  assert.deepStrictEqual(m.assessment, JSON.parse(runCli(args)));
  // A Referential instance works as `to` (its toJSON is its document).
  assert.deepStrictEqual(await r.migrate(commune, crosswalk, new Referential(to)), m);
  const migrated = new Referential(to).score(m.assessment);
  assert.equal(migrated.referential.version, to.version);
  const s = await r.simulateMigration(commune, JSON.stringify(crosswalk), JSON.stringify(to));
  assertPlain(s);
  assert.deepStrictEqual(JSON.parse(await r.renderMigrationSimulation(commune, crosswalk, to, 'json')), JSON.parse(runCli([...args, '--simulate', '--format', 'json'])));
  for (const format of ['text', 'markdown']) {
    assert.equal(await r.renderMigrationSimulation(commune, crosswalk, to, format, 'fr'), runCli([...args, '--simulate', '--format', format]), format);
  }
  assert.match(await r.renderMigration(commune, crosswalk, to), /\S/);
  assert.deepStrictEqual(await r.validateCrosswalk(crosswalk, to), { document: 'crosswalk', valid: true, issues: [] });
  assert.equal((await r.validate(crosswalk)).document, 'crosswalk');
  const back = await invertCrosswalk(crosswalk);
  assertPlain(back);
  assert.deepStrictEqual(back, JSON.parse(runCli(['crosswalk', 'invert', 'examples/migration/crosswalk-1.1.0-to-2.0.0.json'])));
  const bad = await r.validateCrosswalk({ ...crosswalk, mappings: [{ kind: 'nope' }] }, to);
  assert.equal(bad.valid, false);
  assert.equal(bad.document, 'crosswalk');
});

test('the other examples score like the CLI', async () => {
  for (const path of ['examples/agglomeration-niveau2.json', 'examples/departement-niveau2.json']) {
    const cliReport = JSON.parse(runCli(['report', path, '--format', 'json']));
    assert.deepStrictEqual(r.score(load(path)), cliReport.report ?? cliReport, path);
  }
});

test('importers: published referentials become referentials, as the CLI makes them', async () => {
  for (const [format, file, questions, themes] of [
    ['rgesn', 'rgesn-2024.json', 78, 9],
    ['minumeco', 'minumeco-guide-v1.json', 59, 9],
    ['wsg', 'wsg-ninth-draft.json', 94, 4],
  ]) {
    const path = join('tests', 'import-fixtures', 'published', file);
    const imported = await sobriete.importReferential(format, readFileSync(join(root, path), 'utf8'));
    assertPlain(imported);
    assert.equal(imported.referential.questions.length, questions, format);
    assert.equal(imported.referential.themes.length, themes, format);
    assert.deepEqual(imported.referential, JSON.parse(runCli(['import', format, path, '-q'])), format);
    const loaded = new Referential(imported.referential);
    assert.equal(loaded.id, imported.referential.id);
  }
  await assert.rejects(() => sobriete.importReferential('pdf', '{}'), (e) => e instanceof Error && e.code === 'invalid_argument');
  await assert.rejects(() => sobriete.importReferential('rgesn', '{"nothing": 1}'),
    (e) => e instanceof Error && e.code === 'invalid_document' && e.document === 'import_source' && e.issues.length > 0);
});

test('Éco-clic: a dump, its bytes and CSV exports give the referential and the assessments the CLI gives', async () => {
  const dir = join(root, 'tests', 'import-fixtures', 'ecoclic');
  const dump = readFileSync(join(dir, 'mini.sql'), 'utf8');
  const cliReferential = JSON.parse(runCli(['import', 'ecoclic', 'tests/import-fixtures/ecoclic/mini.sql', '-q']));
  const csv = Object.fromEntries(readdirSync(join(dir, 'mini-csv'))
    .map((f) => [f, readFileSync(join(dir, 'mini-csv', f), 'utf8')]));
  for (const source of [dump, new TextEncoder().encode(dump), { sql: dump }, { csv }]) {
    const imported = await sobriete.importEcoclic(source);
    assertPlain(imported);
    assert.deepStrictEqual(imported.referential, cliReferential);
  }
  assert.deepStrictEqual((await sobriete.importReferential('ecoclic', dump)).referential, cliReferential);
  const lines = runCli(['import', 'ecoclic-answers', 'tests/import-fixtures/ecoclic/mini.sql', '-q'])
    .trim().split('\n').map((l) => JSON.parse(l));
  const answers = await sobriete.importEcoclicAnswers({ csv });
  assert.deepStrictEqual(answers.assessments.map((a) => a.assessment), lines);
  // With the referential given (an instance of the main module).
  const ref = new Referential(cliReferential);
  const again = await sobriete.importEcoclicAnswers(dump, ref);
  assert.deepStrictEqual(again.assessments, answers.assessments);
  // Each collectivité's Éco-clic figure (hand-computed in core/tests/ecoclic.rs).
  const figures = Object.fromEntries(answers.assessments
    .map((a) => [a.collectivite, ref.score(a.assessment).eco_clic.index]));
  assert.deepStrictEqual(figures, { 'col-a': 42, 'col-b': 56, 'col-c': null, 'col-d': 28 });
  // A broken dump: a typed error naming its line.
  await assert.rejects(() => sobriete.importEcoclic(dump.slice(0, dump.indexOf('Une personne') + 5)),
    (e) => e.code === 'invalid_document' && e.issues[0].code === 'invalid_sql' && /^line \d+, column \d+/.test(e.issues[0].message));
  await assert.rejects(() => sobriete.importEcoclic({ xml: '' }), (e) => e.code === 'invalid_document');
});

test('three modules: the extras and importers modules load on first use, their functions return Promises', async () => {
  // The extras module runs its operations by name (`call`); the entry gives
  // each operation of the table that is not the main module's an async
  // method.
  const glue = await import('../pkg/sobriete_extras.js');
  const internal = new Set(['constructor', 'free', '__destroy_into_raw']);
  const methods = Object.getOwnPropertyNames(glue.Referential.prototype).filter((n) => !internal.has(n));
  assert.deepStrictEqual(methods, ['call']);
  const table = JSON.parse(readFileSync(join(root, 'tests', 'bindings', 'operations.json'), 'utf8'));
  const main = new Set(['score', 'score_summary', 'score_many', 'score_summaries', 'template']);
  const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  const extrasOps = table.operations.filter((op) => !op.module && !main.has(op.name)).map((op) => camel(op.name));
  assert.ok(extrasOps.length >= 25, extrasOps.join());
  for (const name of extrasOps) {
    assert.equal(typeof Referential.prototype[name], 'function', name);
    assert.equal(Referential.prototype[name].constructor.name, 'AsyncFunction', name);
  }
  // loadDefaultReferential: each module's, called by the entry when it loads it.
  const internalFns = ['default', 'initSync', 'Referential', 'loadDefaultReferential'];
  assert.equal(typeof glue.loadDefaultReferential, 'function');
  const functions = Object.keys(glue).filter((n) => typeof glue[n] === 'function' && !internalFns.includes(n));
  assert.deepStrictEqual(functions.sort(), ['call']);
  for (const name of ['invertCrosswalk', 'rollup']) assert.equal(sobriete[name].constructor.name, 'AsyncFunction', name);
  // The importers are their own module (the Éco-clic readers stay out of
  // the extras one), reached through the entry as async functions too.
  const importers = await import('../pkg/sobriete_importers.js');
  const imported = Object.keys(importers).filter((n) => typeof importers[n] === 'function' && !internalFns.includes(n));
  assert.deepStrictEqual(imported.sort(), ['importEcoclic', 'importEcoclicAnswers', 'importReferential']);
  for (const name of imported) assert.equal(sobriete[name].constructor.name, 'AsyncFunction', name);
  const first = await sobriete.loadImporters();
  assert.equal(await sobriete.loadImporters(), first);
  await sobriete.default({ importers: true });
  // The main module's methods stay synchronous.
  for (const name of ['score', 'scoreMany', 'scoreSummary', 'scoreSummaries', 'scoreTable', 'scoreTableJsonLines', 'template', 'toJSON']) {
    assert.notEqual(Referential.prototype[name].constructor.name, 'AsyncFunction', name);
  }
  // loadExtras() and init({extras: true}) preload it, once.
  const loaded = await sobriete.loadExtras();
  assert.equal(await sobriete.loadExtras(), loaded);
  await sobriete.default({ extras: true });
  await sobriete.default();
  // Errors of both modules are the same classes.
  const rejected = await r.renderReport({}).catch((e) => e);
  assert.ok(rejected instanceof sobriete.ValidationError && rejected instanceof Error);
  assert.equal(rejected.name, 'ValidationError');
  assert.ok(rejected.issues.length > 0);
  await assert.rejects(() => Referential.prototype.renderReport.call({}, commune), TypeError);
});
