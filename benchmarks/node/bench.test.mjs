// Smoke test of the Node benchmark (node --test): on 200 generated level-2
// assessments, the plain-JavaScript implementation of the documented
// formula and the WebAssembly package agree on the index, the grade and
// every theme score, through every batch and per-item entry point. A real
// check of the baseline (and of the package), not a timing.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { compareAll, differences, tableItems } from './compare.mjs';
import { ensureAssessments, loadPackage, packagePath } from './generate.mjs';
import { createScorer, round2 } from './plain.mjs';

const N = 200;
let work;
let Referential;
let referential;
let texts;
let plain;

before(async () => {
  ({ Referential } = await loadPackage());
  referential = Referential.default();
  work = mkdtempSync(join(tmpdir(), 'sobriete-bench-test-'));
  const path = ensureAssessments({
    referential: referential.toJSON(),
    n: N,
    seed: 7,
    level: 2,
    out: join(work, 'assessments.jsonl'),
  });
  texts = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const score = createScorer(referential.toJSON());
  plain = texts.map((t) => score(JSON.parse(t)));
});

after(() => {
  referential?.free();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the generator gives the requested number of assessments', () => {
  assert.equal(texts.length, N);
  assert.equal(new Set(texts).size, N);
});

test('round2 rounds half away from zero on the decimal value', () => {
  assert.equal(round2(25.625), 25.63); // the double is 25.62499999…
  assert.equal(round2(0.125), 0.13);
  assert.equal(round2(77.77777), 77.78);
  assert.equal(round2(-0.125), -0.13);
  assert.equal(round2(0), 0);
});

test('the baseline varies (not a degenerate comparison)', () => {
  const indexes = new Set(plain.map((p) => p.index));
  const grades = new Set(plain.map((p) => p.grade));
  assert.ok(indexes.size > N / 2, `${indexes.size} distinct indexes`);
  assert.ok(grades.size >= 4, `grades ${[...grades]}`);
});

test('plain JS and scoreSummaries(JSON strings) agree on every assessment', () => {
  const { mismatches, examples } = compareAll(plain, referential.scoreSummaries(texts));
  assert.equal(mismatches, 0, JSON.stringify(examples));
});

test('plain JS and scoreSummaries(objects) agree on every assessment', () => {
  const objects = texts.map((t) => JSON.parse(t));
  const { mismatches, examples } = compareAll(plain, referential.scoreSummaries(objects));
  assert.equal(mismatches, 0, JSON.stringify(examples));
});

test('plain JS and per-item scoreSummary agree on every assessment', () => {
  const summaries = texts.map((t, i) => (i % 2 ? referential.scoreSummary(t) : referential.scoreSummary(JSON.parse(t))));
  const { mismatches, examples } = compareAll(plain, summaries);
  assert.equal(mismatches, 0, JSON.stringify(examples));
});

test('plain JS and scoreTable / scoreTableJsonLines agree on every assessment', () => {
  const themeIds = referential.toJSON().themes.map((t) => t.id);
  for (const table of [
    referential.scoreTable(texts),
    referential.scoreTable(texts.map((t) => JSON.parse(t))),
    referential.scoreTableJsonLines(Buffer.from(texts.join('\n'))),
  ]) {
    const { mismatches, examples } = compareAll(plain, tableItems(table, themeIds));
    assert.equal(mismatches, 0, JSON.stringify(examples));
  }
});

test('the module browsers load (built for size) scores like the one Node loads (built for speed)', async () => {
  // A copy of the package without the speed build: the entry falls back
  // on the size build.
  const pkg = dirname(packagePath());
  assert.ok(existsSync(join(pkg, 'sobriete_node_bg.wasm')), 'the package has the speed build');
  const copy = join(work, 'pkg');
  cpSync(pkg, copy, { recursive: true, filter: (src) => !src.endsWith('sobriete_node_bg.wasm') });
  const sized = await import(pathToFileURL(join(copy, 'index.js')).href);
  const r = sized.Referential.default();
  assert.deepStrictEqual(r.scoreTable(texts), referential.scoreTable(texts));
  assert.deepStrictEqual(r.scoreSummaries(texts), referential.scoreSummaries(texts));
  // …and they are two different modules.
  assert.notDeepEqual(readFileSync(join(pkg, 'sobriete_bg.wasm')), readFileSync(join(pkg, 'sobriete_node_bg.wasm')));
});

test('the comparison does catch a difference', () => {
  const summary = referential.scoreSummary(texts[0]);
  assert.deepEqual(differences(plain[0], summary), []);
  const wrong = structuredClone(plain[0]);
  const theme = Object.keys(wrong.themes).find((id) => wrong.themes[id] !== null);
  wrong.themes[theme] += 0.01;
  assert.equal(differences(wrong, summary).length, 1);
  assert.equal(differences({ ...plain[0], grade: 'Z' }, summary).length, 1);
});
