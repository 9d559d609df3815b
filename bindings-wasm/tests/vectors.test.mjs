// Golden vectors: every tests/vectors/*.json computed through the npm
// package exactly as core/tests/vectors.rs computes it in Rust, compared by
// deep equality (exact numbers) with the vector's `expected`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Referential, rollup, importEcoclic, importEcoclicAnswers, SobrieteError,
} from '../pkg/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'vectors');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** The error in the vectors' shape (core/tests/vectors.rs `error_value`). */
function errorValue(e) {
  assert.ok(e instanceof SobrieteError, `expected a SobrieteError, got ${e}`);
  assert.ok(e instanceof Error);
  const issues = e.issues.map(({ code, path, severity }) => ({ code, path, severity }));
  return { error: { code: e.code, document: e.document, issues } };
}

/** A batch's `ScoreSummaryItem`s in the vectors' shape: `{ summary }` or the error. */
function summaryItems(items) {
  assert.ok(Array.isArray(items));
  return items.map((item) => (item instanceof SobrieteError ? errorValue(item) : { summary: item }));
}

async function compute(c) {
  const nullable = (v) => (v === undefined ? null : v);
  try {
    const r = c.referential === undefined ? Referential.default() : new Referential(c.referential);
    switch (c.operation ?? 'score') {
      case 'score': return { report: r.score(nullable(c.assessment)) };
      case 'propose': return { proposal: await r.propose(nullable(c.assessment), nullable(c.request)) };
      case 'plan_status': return { status: await r.planStatus(nullable(c.plan), null, c.as_of ?? '') };
      case 'history': return { history: await r.history(c.assessments) };
      case 'compare':
        return { comparison: await r.compare(nullable(c.assessment), nullable(c.peers), c.min_group_size ?? null) };
      case 'rollup': return { rollup: await rollup(nullable(c.peers), c.expected_members ?? null) };
      case 'migrate': {
        // As in Rust: the assessment, then the new version, then the crosswalk.
        const a = nullable(c.assessment);
        return c.simulate === true
          ? { simulation: await r.simulateMigration(a, nullable(c.crosswalk), nullable(c.to_referential)) }
          : { migration: await r.migrate(a, nullable(c.crosswalk), nullable(c.to_referential)) };
      }
      case 'summaries': return { summaries: summaryItems(r.scoreSummaries(c.assessments)) };
      case 'import_ecoclic': return { imported: await importEcoclic(c.source) };
      case 'import_ecoclic_answers':
        // The questionnaire is imported on the way unless one is given.
        return { answers: await importEcoclicAnswers(c.source, c.referential === undefined ? null : r) };
      default: throw new Error(`unknown operation ${c.operation}`);
    }
  } catch (e) {
    return errorValue(e);
  }
}

test('there are at least 32 golden vectors', async () => {
  assert.ok(files.length >= 32, `found ${files.length}`);
});

for (const file of files) {
  test(`golden vector ${file}`, async () => {
    const c = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    assert.deepStrictEqual(await compute(c), c.expected);
  });
}

test('a batch scores like one call per item', async () => {
  const cases = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((c) => c.referential === undefined && (c.operation ?? 'score') === 'score');
  assert.ok(cases.length >= 3);
  const results = Referential.default().scoreMany(cases.map((c) => c.assessment));
  assert.equal(results.length, cases.length);
  results.forEach((item, i) => {
    if (cases[i].expected.report) assert.deepStrictEqual(item, cases[i].expected.report);
    else assert.deepStrictEqual(errorValue(item), cases[i].expected);
  });
});

test('summaries vectors: the batch of JSON strings gives the same items as objects', () => {
  const cases = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((c) => c.operation === 'summaries');
  assert.ok(cases.length >= 2, `found ${cases.length}`);
  for (const c of cases) {
    const r = c.referential === undefined ? Referential.default() : new Referential(c.referential);
    const texts = c.assessments.map((a) => JSON.stringify(a));
    assert.deepStrictEqual({ summaries: summaryItems(r.scoreSummaries(texts)) }, c.expected, c.name);
    // One call per item (`scoreSummary`, which throws) agrees with the batch.
    c.assessments.forEach((a, i) => {
      let one;
      try {
        one = { summary: r.scoreSummary(a) };
      } catch (e) {
        one = errorValue(e);
      }
      assert.deepStrictEqual(one, c.expected.summaries[i], `${c.name} item ${i}`);
    });
  }
});

/**
 * Checks a `ScoreTable` against a summaries vector's expected items: every
 * column equals the summary; an error row has only `null` cells and the
 * message of the error's first issue (as Python's `score_table`).
 */
function checkTable(r, table, expected, name) {
  const themeIds = r.toJSON().themes.map((t) => t.id);
  const columns = [
    'name', 'kind', 'population', 'insee', 'date', 'level', 'index', 'grade', 'complete',
    'completeness', 'dont_know_share', 'eco_clic', 'conformity',
    ...themeIds.map((t) => `theme:${t}`), 'error',
  ];
  const lines = Object.keys(table)[0] === 'line';
  assert.deepStrictEqual(Object.keys(table), lines ? ['line', ...columns] : columns, name);
  for (const column of Object.values(table)) assert.equal(column.length, expected.length, name);
  expected.forEach((item, i) => {
    const row = Object.fromEntries(columns.map((k) => [k, table[k][i]]));
    if (item.summary) {
      const s = item.summary;
      const p = s.profile;
      const want = {
        name: p.name, kind: p.kind, population: p.population, insee: p.insee ?? null,
        date: s.date, level: s.level, index: s.index, grade: s.grade, complete: s.complete,
        completeness: s.completeness, dont_know_share: s.dont_know_share,
        eco_clic: s.eco_clic, conformity: s.conformity,
        ...Object.fromEntries(s.themes.map((t) => [`theme:${t.id}`, t.score])),
        error: null,
      };
      assert.deepStrictEqual(row, want, `${name} row ${i}`);
    } else {
      const e = item.error;
      const first = e.issues.find((x) => x.severity === 'error');
      assert.equal(typeof row.error, 'string', `${name} row ${i}`);
      assert.ok(
        row.error.startsWith(`invalid ${e.document}: error[${first.code}] at ${first.path}:`),
        `${name} row ${i}: ${row.error}`,
      );
      for (const [k, v] of Object.entries(row)) if (k !== 'error') assert.equal(v, null, `${name} row ${i} ${k}`);
    }
  });
}

test('summaries vectors: scoreTable and scoreTableJsonLines give the summaries as columns', () => {
  const cases = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((c) => c.operation === 'summaries');
  assert.ok(cases.length >= 2, `found ${cases.length}`);
  for (const c of cases) {
    const r = c.referential === undefined ? Referential.default() : new Referential(c.referential);
    const expected = c.expected.summaries;
    const texts = c.assessments.map((a) => JSON.stringify(a));
    checkTable(r, r.scoreTable(c.assessments), expected, `${c.name} (objects)`);
    checkTable(r, r.scoreTable(texts), expected, `${c.name} (JSON strings)`);
    // JSON Lines, with a blank line first and CRLF endings: line numbers
    // count every line, blank ones included.
    const jsonl = `\r\n${texts.join('\r\n')}\r\n`;
    for (const input of [jsonl, new TextEncoder().encode(jsonl)]) {
      const table = r.scoreTableJsonLines(input);
      checkTable(r, table, expected, `${c.name} (JSON Lines)`);
      assert.deepStrictEqual(table.line, texts.map((_, i) => i + 2));
    }
  }
});
