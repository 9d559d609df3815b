// The extras module's functions read their arguments as they are at the
// call, even when the module is still loading: a caller changing an object
// right after the call does not change the result. A process of its own, so
// that the extras module is not loaded yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const { Referential, rollup } = await import('../pkg/index.js');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));

test('arguments changed while the extras module loads do not change the result', async () => {
  const r = Referential.default();
  const commune = load('examples/commune-rurale-niveau1.json');
  const expected = r.score(commune).index;
  const peers = load('examples/peers/communes-creuse.json');
  // Both calls start before the module is loaded; the objects then change.
  const pending = r.fullReportData(commune);
  const rolled = rollup(peers);
  commune.answers = {};
  peers.peers = [];
  const data = await pending;
  assert.equal(data.report.index, expected);
  assert.ok(expected > 0);
  const unchanged = await rollup(load('examples/peers/communes-creuse.json'));
  assert.ok(unchanged.members > 0);
  assert.deepEqual(await rolled, unchanged);
  // Once loaded, calls read their arguments at once (no copy needed).
  assert.equal((await r.fullReportData(commune)).report.index, r.score(commune).index);
});

test('what cannot be copied is passed as is; what is not JSON is a typed error', async () => {
  const r = Referential.default();
  const commune = load('examples/commune-rurale-niveau1.json');
  // A function cannot be copied: the object is passed as is (JSON drops it).
  const report = await r.validate({ ...commune, f() {} });
  assert.equal(typeof report.valid, 'boolean');
  // A BigInt is copied, then refused by the module as not JSON.
  await assert.rejects(r.fullReportData({ ...commune, level: 1n }), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'invalid_document');
    assert.equal(e.issues[0].code, 'invalid_json');
    return true;
  });
});
