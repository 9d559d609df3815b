// The hostile-input corpus (tests/bad-inputs/manifest.json) through the
// npm package: every case throws a SobrieteError carrying its expected code
// (or gives an invalid validation report), never another exception nor a
// trap; the module still works after the whole corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Referential, rollup, importReferential, SobrieteError } from '../pkg/index.js';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'bad-inputs');
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8'));
const base = (name) => readFileSync(join(corpus, manifest.base[name]), 'utf8');

function fill(spec) {
  switch (spec.kind) {
    case 'deep_array': return '['.repeat(spec.depth) + ']'.repeat(spec.depth);
    case 'deep_object': return '{"a":'.repeat(spec.depth) + 'null' + '}'.repeat(spec.depth);
    case 'string': return '"' + (spec.char ?? 'x').repeat(spec.length) + '"';
    case 'padding': return ' '.repeat(spec.length);
    case 'repeat': return Array.from({ length: spec.count }, (_, i) => spec.item.replaceAll('{i}', String(i))).join(',');
    default: throw new Error(`unknown generator ${spec.kind}`);
  }
}

/** The case's document: a string when it is UTF-8, else its bytes (a Uint8Array). */
function input(c) {
  if (c.file) {
    const bytes = readFileSync(join(corpus, c.file));
    try {
      // ignoreBOM keeps a byte order mark in the text, as the file has it.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return new Uint8Array(bytes);
    }
  }
  const filled = fill(c.generate.fill);
  return c.generate.template
    ? readFileSync(join(corpus, c.generate.template), 'utf8').replace('@@', () => filled)
    : filled;
}

/** The codes of the typed error a case throws (or of its invalid report). */
async function run(c) {
  const doc = input(c);
  const get = (name, baseName) => (c.role === name ? doc : base(baseName));
  try {
    switch (c.operation) {
      case 'validate': {
        const report = await new Referential(base('referential')).validate(doc);
        return report.valid ? [] : report.issues.map((i) => i.code);
      }
      case 'import': await importReferential(c.format, doc); return [];
      case 'rollup': await rollup(get('peers', 'peers')); return [];
      case 'migrate': {
        const from = new Referential(get('referential', 'migrate_from'));
        const to = new Referential(get('to_referential', 'to_referential'));
        await from.migrate(get('assessment', 'migrate_assessment'), get('crosswalk', 'crosswalk'), to);
        return [];
      }
      default: break;
    }
    const r = new Referential(get('referential', 'referential'));
    const a = get('assessment', 'assessment');
    switch (c.operation) {
      case 'load_referential': break;
      case 'score': r.score(a); break;
      case 'report':
        if (c.format === 'csv') await r.answersCsv(a, 'fr');
        else await r.renderReport(a, c.format, 'en');
        break;
      case 'propose': await r.propose(a, get('request', 'request')); break;
      case 'compare': await r.compare(a, get('peers', 'peers')); break;
      case 'plan_status': await r.planStatus(get('plan', 'plan'), null, '2026-09-01'); break;
      default: throw new Error(`unknown operation ${c.operation}`);
    }
    return [];
  } catch (e) {
    assert.ok(e instanceof SobrieteError, `${c.id}: expected a SobrieteError, got ${e}`);
    return e.code === 'invalid_argument' ? ['invalid_argument'] : e.issues.map((i) => i.code);
  }
}

test('the corpus has at least 110 documents', async () => {
  assert.ok(manifest.cases.length >= 110, `${manifest.cases.length} cases`);
});

test('every hostile input throws its typed error, then the module still works', async () => {
  const failures = [];
  let pending = 0;
  for (const c of manifest.cases) {
    if (c.pending) {
      pending += 1;
      continue;
    }
    const codes = await run(c);
    if (codes.length === 0) failures.push(`${c.id}: accepted (expected ${c.expect})`);
    else if (!codes.includes(c.expect)) failures.push(`${c.id}: expected ${c.expect}, got ${[...new Set(codes)]}`);
  }
  console.log(`${manifest.cases.length} cases: ${manifest.cases.length - pending - failures.length} passed, ${pending} pending`);
  assert.deepEqual(failures, []);
  // A trap would have killed the instance: it still scores.
  const r = new Referential(base('referential'));
  assert.equal(typeof r.score(base('assessment')).index, 'number');
});
