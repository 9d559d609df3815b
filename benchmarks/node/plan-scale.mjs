// The plan proposal at the largest shape the limits allow, in WebAssembly:
// 2,000 yes/no questions in 20 themes, one action per question (effort and
// cost drawn at random), every answer "no" — the referential of the native
// benchmark (core/benches/support/gen.rs, `yes_no_scale`, same generator
// and seed). Prints, per target, the time of `propose` and the memory the
// process and the extras module's linear memory reached.
//
//   node plan-scale.mjs [--n 2000] [--targets 10,50,99]
//
// The package is SOBRIETE_PKG (default ../../bindings-wasm/pkg/index.js).

import { resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const n = Number(arg('n', '2000'));
const targets = arg('targets', '10,50,99').split(',').map(Number);
const pkg = process.env.SOBRIETE_PKG ?? resolve(here, '../../bindings-wasm/pkg/index.js');
const { Referential } = await import(pathToFileURL(pkg).href);

// xorshift64, as the native generator: the same referential, bit for bit.
const mask = (1n << 64n) - 1n;
let seed = 0x0b5e55edn;
const next = (m) => {
  seed ^= (seed << 13n) & mask;
  seed ^= seed >> 7n;
  seed ^= (seed << 17n) & mask;
  return Number(seed % BigInt(m));
};

const themes = Array.from({ length: 20 }, (_, t) => ({ id: `t${t}`, title: { fr: 't' } }));
const questions = Array.from({ length: n }, (_, i) => ({
  id: `q${i}`, theme: `t${i % 20}`, level: 1, prompt: { fr: 'q' }, rationale: { fr: 'r' },
  weight: 1 + next(3), response: { kind: 'yes_no' },
}));
const actions = Array.from({ length: n }, (_, i) => {
  const effort = ['low', 'medium', 'high'][next(3)];
  const cost = ['none', 'low', 'medium', 'high'][next(4)];
  return {
    id: `a${i}`, title: { fr: 'a' }, effort, impact: 'medium', cost,
    addresses: [{ question: `q${i}`, leads_to: { kind: 'yes' } }],
  };
});
const r = new Referential({
  id: 'scale', version: '1.0.0', title: { fr: 's' }, themes, questions, actions,
  grades: [{ grade: 'A', min: 0 }],
});
const assessment = {
  referential: { id: 'scale', version: '1.0.0' },
  profile: { name: 'x', kind: 'commune', population: 1 },
  date: '2026-01-01', level: 1,
  answers: Object.fromEntries(questions.map((q) => [q.id, { kind: 'no' }])),
};

const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
await r.candidates(assessment); // loads the extras module first
// The extras module's exports (its init returns them once it has run).
const extras = await (await import(pathToFileURL(resolve(dirname(pkg), 'sobriete_extras.js')).href)).default();
console.log(`| actions | target | time | exact | peak RSS of the process | extras module's linear memory |`);
console.log('|---|---|---|---|---|---|');
for (const target of targets) {
  const start = performance.now();
  const proposal = await r.propose(assessment, { target: { index: target } });
  const ms = performance.now() - start;
  const peak = process.resourceUsage().maxRSS * 1024;
  // Linear memory only grows: its size is the high-water mark so far.
  const linear = extras.memory.buffer.byteLength;
  console.log(`| ${n} | ${target} | ${(ms / 1000).toFixed(2)} s | ${proposal.exact} | ${mb(peak)} | ${mb(linear)} |`);
}
