// Every method of the package on the examples, cross-checked against the
// CLI (the core compiled for the host) where the CLI has the same operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const t0 = performance.now();
const sobriete = await import('../pkg/index.js');
const { Referential, rollup, version, invertCrosswalk } = sobriete;
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

test('import to first score is quick', () => {
  assert.ok(firstScoreMs < 2000, `${firstScoreMs} ms`);
});

test('the default referential', () => {
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
  assert.match(r.markdown(), /^# /m);
  assert.notEqual(r.markdown('en'), r.markdown('fr'));
});

test('score and every report format match the CLI', () => {
  assertPlain(firstReport);
  const path = 'examples/commune-rurale-niveau1.json';
  assert.deepStrictEqual(firstReport, JSON.parse(runCli(['report', path, '--format', 'json'])).report ?? JSON.parse(runCli(['report', path, '--format', 'json'])));
  assert.deepStrictEqual(r.score(JSON.stringify(commune)), firstReport);
  for (const format of ['text', 'markdown', 'html']) {
    for (const lang of ['fr', 'en']) {
      assert.equal(r.renderReport(commune, format, lang), runCli(['report', path, '--format', format, '--lang', lang]), `${format} ${lang}`);
    }
  }
  assert.equal(r.renderReport(commune), r.renderReport(commune, 'text', 'fr'));
  assert.deepStrictEqual(JSON.parse(r.renderReport(commune, 'json')), firstReport);
});

test('the full report matches the CLI', () => {
  const path = 'examples/commune-rurale-niveau1.json';
  const args = ['--target', '50', '--history', path, '--peers', 'examples/peers/communes-creuse.json'];
  const inputs = { target: { index: 50 }, history: [commune], peers };
  for (const format of ['html', 'markdown', 'text']) {
    assert.equal(r.fullReport(commune, inputs, format, 'fr'), runCli(['report', path, '--format', format, ...args]), format);
  }
  assert.deepStrictEqual(JSON.parse(r.fullReport(commune, inputs, 'json')), JSON.parse(runCli(['report', path, '--format', 'json', ...args])));
  const data = r.fullReportData(commune, inputs);
  assertPlain(data);
  assert.deepStrictEqual(data, JSON.parse(r.fullReport(commune, inputs, 'json')));
  assert.ok(data.proposal && data.gap && data.history && data.comparison);
  assert.equal(data.status, null);
});

test('template, validation, target gap, candidates, proposal and plan', () => {
  const t = r.template(1, commune.profile, '2026-01-15');
  assertPlain(t);
  assert.equal(t.date, '2026-01-15');
  assert.ok(Object.values(t.answers).every((a) => a.kind === 'unanswered'));
  assert.equal(r.score(t).index, 0);
  const t2 = r.template(2);
  assert.ok(Object.keys(t2.answers).length > Object.keys(r.template(1).answers).length);

  assert.deepStrictEqual(r.validate(commune), { document: 'assessment', valid: true, issues: [] });
  assert.equal(r.validate(r.toJSON()).document, 'referential');
  assert.equal(r.validate(peers).document, 'peers');

  const gap = r.targetGap(commune, { index: 80 });
  assertPlain(gap);
  assert.equal(gap.current_index, firstReport.index);
  assert.equal(gap.target_index, 80);
  assert.equal(gap.reached, false);
  const c = r.candidates(commune);
  assertPlain(c);
  assert.ok(c.actions.length > 0);
  assert.equal(c.index, firstReport.index);

  const request = { target: { index: firstReport.index + 10 } };
  const proposal = r.propose(commune, request);
  assertPlain(proposal);
  assert.equal(proposal.reachable, true);
  assert.ok(proposal.index >= firstReport.index + 10);
  const plan = r.planFromProposal(commune, request, proposal, '2026-04-01');
  assertPlain(plan);
  assert.equal(plan.actions.length, proposal.schedule.length);
  assert.deepStrictEqual(r.validatePlan(plan), { document: 'plan', valid: true, issues: [] });
  assert.equal(r.validate(plan).document, 'plan');
  const status = r.planStatus(plan, null, '2026-06-01');
  assertPlain(status);
  assert.equal(status.index.achieved, firstReport.index);
  assert.deepStrictEqual(r.planStatus(plan, commune, '2026-06-01'), status);
  // Every action done: the next assessment reaches the proposal's index.
  const done = { ...plan, actions: plan.actions.map((a) => ({ ...a, status: 'done', progress: 1, completed: '2026-05-01' })) };
  const next = r.nextAssessment(commune, done, '2027-03-01');
  assertPlain(next);
  assert.equal(r.score(next).index, proposal.index);
  const diff = r.diff(commune, next);
  assertPlain(diff);
  const history = r.history([commune, next]);
  assert.deepStrictEqual(history.entries.map((e) => e.index), [firstReport.index, proposal.index]);
  const series = r.progressSeries([commune, next], done);
  assertPlain(series);
  assert.ok(series.length >= 2);
  assert.match(r.planCsv(plan), /\n/);
  assert.match(r.evolutionSvg([commune, next], done), /^<svg/);
  assert.match(r.evolutionSvg([commune, next]), /^<svg/);
  const review = r.annualReview(commune, plan, 2026);
  assert.match(review, /^# /m);
  assert.equal(r.annualReview(commune, null, 2026, null, 'en') === review, false);
});

test('peers, roll-up, CSV and charts', () => {
  const comparison = r.compare(commune, peers);
  assertPlain(comparison);
  assert.deepStrictEqual(r.compare(commune, peers, 5), comparison);
  assert.notDeepStrictEqual(r.compare(commune, peers, 1000), comparison);
  const mine = r.peerResult(commune);
  assert.equal(mine.index, firstReport.index);
  const roll = rollup(peers);
  assertPlain(roll);
  assert.equal(rollup(JSON.stringify(peers), 100).expected_members ?? 100, 100);
  assert.equal(r.answersCsv(commune).trim().split('\n').length, 1 + firstReport.questions.length);
  assert.equal(r.themesCsv(commune, 'en').trim().split('\n').length, 1 + firstReport.themes.length);
  const radar = r.radarSvg(commune, { themes: { [firstReport.themes[0].id]: 90 } }, peers, 'fr');
  assert.match(radar, /^<svg/);
  assert.equal(radar, runCli(['chart', 'radar', 'examples/commune-rurale-niveau1.json', '--theme-target', `${firstReport.themes[0].id}=90`, '--peers', 'examples/peers/communes-creuse.json']).replace(/\n$/, radar.endsWith('\n') ? '\n' : ''));
});

test('score summaries are the reports\' headline figures', () => {
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

test('migration to another version matches the CLI', () => {
  const to = load('examples/migration/sobriete-reen-2.0.0.json');
  const crosswalk = load('examples/migration/crosswalk-1.0.0-to-2.0.0.json');
  const args = ['migrate', 'examples/commune-rurale-niveau1.json', '--to', 'examples/migration/sobriete-reen-2.0.0.json',
    '--crosswalk', 'examples/migration/crosswalk-1.0.0-to-2.0.0.json'];
  const m = r.migrate(commune, crosswalk, to);
  assertPlain(m);
  assert.deepStrictEqual(m.assessment, JSON.parse(runCli(args)));
  // A Referential instance works as `to` (its toJSON is its document).
  assert.deepStrictEqual(r.migrate(commune, crosswalk, new Referential(to)), m);
  const migrated = new Referential(to).score(m.assessment);
  assert.equal(migrated.referential.version, to.version);
  const s = r.simulateMigration(commune, JSON.stringify(crosswalk), JSON.stringify(to));
  assertPlain(s);
  assert.deepStrictEqual(JSON.parse(r.renderMigrationSimulation(commune, crosswalk, to, 'json')), JSON.parse(runCli([...args, '--simulate', '--format', 'json'])));
  for (const format of ['text', 'markdown']) {
    assert.equal(r.renderMigrationSimulation(commune, crosswalk, to, format, 'fr'), runCli([...args, '--simulate', '--format', format]), format);
  }
  assert.match(r.renderMigration(commune, crosswalk, to), /\S/);
  assert.deepStrictEqual(r.validateCrosswalk(crosswalk, to), { document: 'crosswalk', valid: true, issues: [] });
  assert.equal(r.validate(crosswalk).document, 'crosswalk');
  const back = invertCrosswalk(crosswalk);
  assertPlain(back);
  assert.deepStrictEqual(back, JSON.parse(runCli(['crosswalk', 'invert', 'examples/migration/crosswalk-1.0.0-to-2.0.0.json'])));
  const bad = r.validateCrosswalk({ ...crosswalk, mappings: [{ kind: 'nope' }] }, to);
  assert.equal(bad.valid, false);
  assert.equal(bad.document, 'crosswalk');
});

test('the other examples score like the CLI', () => {
  for (const path of ['examples/agglomeration-niveau2.json', 'examples/departement-niveau2.json']) {
    const cliReport = JSON.parse(runCli(['report', path, '--format', 'json']));
    assert.deepStrictEqual(r.score(load(path)), cliReport.report ?? cliReport, path);
  }
});

test('importers: published referentials become referentials, as the CLI makes them', () => {
  for (const [format, file, questions, themes] of [
    ['rgesn', 'rgesn-2024.json', 78, 9],
    ['minumeco', 'minumeco-guide-v1.json', 59, 9],
    ['wsg', 'wsg-ninth-draft.json', 94, 4],
  ]) {
    const path = join('tests', 'import-fixtures', 'published', file);
    const imported = sobriete.importReferential(format, readFileSync(join(root, path), 'utf8'));
    assertPlain(imported);
    assert.equal(imported.referential.questions.length, questions, format);
    assert.equal(imported.referential.themes.length, themes, format);
    assert.deepEqual(imported.referential, JSON.parse(runCli(['import', format, path, '-q'])), format);
    const loaded = new Referential(imported.referential);
    assert.equal(loaded.id, imported.referential.id);
  }
  assert.throws(() => sobriete.importReferential('pdf', '{}'), (e) => e instanceof Error && e.code === 'invalid_argument');
  assert.throws(() => sobriete.importReferential('rgesn', '{"nothing": 1}'),
    (e) => e instanceof Error && e.code === 'invalid_document' && e.document === 'import_source' && e.issues.length > 0);
});
