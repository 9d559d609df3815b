// Node benchmark of the WebAssembly package against plain JavaScript.
//
//   node --expose-gc bench.mjs [--n 35000] [--seed 0] [--repeat 1]
//        [--startup-runs 5] [--profile-n 300] [--data FILE.jsonl]
//
// Everything is measured in the same run and printed as Markdown:
// (a) time from import() of the package to the first score of one
//     assessment, in fresh processes (median of --startup-runs);
// (b) the .wasm sizes, raw and gzipped (zlib, level 9);
// (c) scoring a batch of --n generated level-2 assessments (best of
//     --repeat): the plain-JavaScript implementation of the documented
//     formula (plain.mjs) from JSON strings, from objects and from the bytes
//     of a JSON Lines file, and the package's Referential#scoreTable (JSON
//     strings, objects), scoreTableJsonLines (the bytes), scoreSummaries
//     (JSON strings, objects) and per-item scoreSummary in a loop (JSON
//     strings, objects);
// (d) agreement: index, grade and every theme score of every assessment,
//     plain JavaScript against each of the package's methods (mismatches
//     must be 0);
// (e) where the package's time goes, per assessment, on --profile-n items.
// The package is SOBRIETE_PKG (default ../../bindings-wasm/pkg/index.js);
// the assessments come from generate.mjs (cached under data/).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { compareAll, tableItems } from './compare.mjs';
import { ensureAssessments, loadPackage, packagePath } from './generate.mjs';
import { createScorer } from './plain.mjs';

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}
const N = Number(option('n', 35000));
const SEED = Number(option('seed', 0));
const REPEAT = Math.max(1, Number(option('repeat', 1)));
const STARTUP_RUNS = Math.max(1, Number(option('startup-runs', 5)));
const PROFILE_N = Number(option('profile-n', 300));

const gc = globalThis.gc ?? (() => {});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** Best of REPEAT runs of `fn` (seconds) and the last result. */
function measure(fn, repeat = REPEAT) {
  let best = Infinity;
  let result;
  for (let i = 0; i < repeat; i++) {
    // Drop the previous run's result before collecting: it is not read, but
    // kept alive it would weigh on this run's garbage collection.
    // eslint-disable-next-line no-useless-assignment
    result = undefined;
    gc();
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return { seconds: best, result };
}

// ---------------------------------------------------------------- (a) startup

/** import() → Referential.default() → first scoreSummary, in a fresh process. */
function startupOnce(pkgUrl, assessmentText) {
  const script = `
    const t0 = performance.now();
    const { Referential } = await import(process.env.BENCH_PKG_URL);
    const t1 = performance.now();
    const r = Referential.default();
    const t2 = performance.now();
    const s = r.scoreSummary(process.env.BENCH_ASSESSMENT);
    const t3 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, defaultMs: t2 - t1, firstScoreMs: t3 - t2, totalMs: t3 - t0, index: s.index }));
  `;
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, BENCH_PKG_URL: pkgUrl, BENCH_ASSESSMENT: assessmentText },
    encoding: 'utf8',
  });
  const processMs = performance.now() - t0;
  if (run.status !== 0) throw new Error(`startup run failed: ${run.stderr}`);
  return { ...JSON.parse(run.stdout.trim().split('\n').pop()), processMs };
}

// ---------------------------------------------------------------- main

const pkgPath = packagePath();
const pkgUrl = pathToFileURL(pkgPath).href;
const pkg = await loadPackage(pkgPath);
const { Referential } = pkg;
const referential = Referential.default();
const referentialDoc = referential.toJSON();

// The wasm instance's exports (for its memory size): the generated glue
// returns the already initialised instance.
let wasmMemory = null;
try {
  const glue = await import(pathToFileURL(join(dirname(pkgPath), 'sobriete.js')).href);
  wasmMemory = (await glue.default()).memory ?? null;
} catch {
  // another layout: no memory figure
}
const wasmHeap = () => (wasmMemory ? wasmMemory.buffer.byteLength : NaN);

const dataPath = option('data', undefined)
  ? resolve(option('data'))
  : ensureAssessments({ referential: referentialDoc, n: N, seed: SEED, level: 2 });
const texts = readFileSync(dataPath, 'utf8').split('\n').filter((l) => l.length > 0).slice(0, N);
if (texts.length < N) throw new Error(`${dataPath} has ${texts.length} assessments, fewer than --n ${N}`);
const objects = texts.map((t) => JSON.parse(t));
const inputBytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);

// (a) startup, in fresh processes
const startups = [];
for (let i = 0; i < STARTUP_RUNS; i++) startups.push(startupOnce(pkgUrl, texts[0]));

// (b) module size
const wasmPath = join(dirname(pkgPath), 'sobriete_bg.wasm');
const wasmBytes = readFileSync(wasmPath);
const gzBytes = gzipSync(wasmBytes, { level: 9 }).length;
const nodeWasmPath = join(dirname(pkgPath), 'sobriete_node_bg.wasm');
const nodeWasmBytes = existsSync(nodeWasmPath) ? readFileSync(nodeWasmPath) : null;

// (c) batches
const score = createScorer(referentialDoc);
const rows = [];
const run = (name, input, fn) => {
  const { seconds, result } = measure(fn);
  rows.push({ name, input, seconds, result, rss: process.memoryUsage().rss, heap: wasmHeap() });
  return result;
};

const jsonLines = Buffer.from(`${texts.join('\n')}\n`);
const plainFromText = run('plain JS: JSON.parse + score', 'text', () => texts.map((t) => score(JSON.parse(t))));
run('plain JS: score (objects)', 'objects', () => objects.map(score));
run('plain JS: JSON Lines bytes → toString, split, JSON.parse + score', 'JSON Lines', () =>
  jsonLines.toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => score(JSON.parse(l))),
);
const plainRows = rows.length;
const plainPeakRss = process.resourceUsage().maxRSS * 1024;
const wasmHeapBefore = wasmHeap();

const themeIds = referentialDoc.themes.map((t) => t.id);
run('wasm: scoreTable(JSON strings) (columns)', 'text', () => tableItems(referential.scoreTable(texts), themeIds));
run('wasm: scoreTable(objects) (columns)', 'objects', () => tableItems(referential.scoreTable(objects), themeIds));
run('wasm: scoreTableJsonLines(bytes) (columns)', 'JSON Lines', () =>
  tableItems(referential.scoreTableJsonLines(jsonLines), themeIds),
);
run('wasm: scoreSummaries(JSON strings)', 'text', () => referential.scoreSummaries(texts));
run('wasm: scoreSummaries(objects)', 'objects', () => referential.scoreSummaries(objects));
run('wasm: scoreSummary(JSON string) per item', 'text', () => texts.map((t) => referential.scoreSummary(t)));
run('wasm: scoreSummary(object) per item', 'objects', () => objects.map((o) => referential.scoreSummary(o)));
const peakRss = process.resourceUsage().maxRSS * 1024;

// (d) agreement
// Plain JS from objects and from JSON Lines against plain JS from text (the
// same function: identical results), then every method of the package
// against plain JS.
for (const row of rows.slice(1, plainRows)) {
  let mismatches = Math.abs(row.result.length - plainFromText.length);
  row.result.forEach((r, i) => {
    if (JSON.stringify(r) !== JSON.stringify(plainFromText[i])) mismatches++;
  });
  row.check = { mismatches, examples: [] };
}
for (const row of rows.slice(plainRows)) {
  row.check = compareAll(plainFromText, row.result);
}
for (const row of rows) row.result = undefined;
gc();

// (e) where the package's time goes, per assessment (on the first items)
const profile = [];
if (PROFILE_N > 0) {
  const sampleTexts = texts.slice(0, PROFILE_N);
  const sampleObjects = objects.slice(0, PROFILE_N);
  const summaries = referential.scoreSummaries(sampleTexts);
  const prettyOut = summaries.map((s) => JSON.stringify(s, null, 2));
  const refText = JSON.stringify(referentialDoc);
  // validate() is in the package's extras module: async (the warm-up loads it).
  const per = async (label, fn, count = PROFILE_N) => {
    await fn(); // warm-up
    const t0 = performance.now();
    await fn();
    profile.push({ label, us: ((performance.now() - t0) * 1000) / count });
  };
  await per('scoreSummary(JSON string), the whole call', () => sampleTexts.forEach((t) => referential.scoreSummary(t)));
  await per('scoreSummary(object), the whole call', () => sampleObjects.forEach((o) => referential.scoreSummary(o)));
  await per('validate(JSON string): parse + validate the assessment + report back to JS', async () => {
    for (const t of sampleTexts) await referential.validate(t);
  });
  const reps = Math.max(3, Math.min(20, Math.round(PROFILE_N / 30)));
  await per(
    'validate(referential JSON string): parse + validate the referential + report back',
    async () => {
      for (let i = 0; i < reps; i++) await referential.validate(refText);
    },
    reps,
  );
  await per('JS only: JSON.stringify(object) (what the binding does to an object)', () =>
    sampleObjects.forEach((o) => JSON.stringify(o)),
  );
  await per('JS only: JSON.parse(pretty summary) (how the binding returns a summary)', () =>
    prettyOut.forEach((t) => JSON.parse(t)),
  );
  await per('plain JS: JSON.parse + score', () => sampleTexts.forEach((t) => score(JSON.parse(t))));
}

// ---------------------------------------------------------------- report

const baseline = Object.fromEntries(rows.slice(0, plainRows).map((r) => [r.input, r.seconds]));
const fmt = (x, d) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const out = [];
const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
out.push(`# sobriete: Node batch benchmark`, '');
out.push(`- CPU: ${cpuModel()}, ${os.availableParallelism?.() ?? os.cpus().length} usable cores; load average at the end: ${load}`);
out.push(`- Node ${process.version} (V8 ${process.versions.v8}), ${os.platform()} ${os.release()}`);
out.push(`- package: ${pkgPath} (wasm built ${statSync(wasmPath).mtime.toISOString()})`);
out.push(
  `- assessments: ${N.toLocaleString('en-US')} generated level-2 (seed ${SEED}, ${mb(inputBytes)} of JSON, ${fmt(inputBytes / N / 1024, 1)} KB each), ${dataPath}`,
);
out.push(`- timings: best of ${REPEAT} run(s)${globalThis.gc ? ', garbage collected before each' : ''}`);
out.push('');
out.push('## Module size and start-up', '');
out.push(`| figure | value |`, `|---|---|`);
out.push(`| sobriete_bg.wasm, raw | ${wasmBytes.length.toLocaleString('en-US')} bytes (${fmt(wasmBytes.length / 1024, 1)} KB) |`);
out.push(`| sobriete_bg.wasm, gzip -9 | ${gzBytes.toLocaleString('en-US')} bytes (${fmt(gzBytes / 1024, 1)} KB) |`);
if (nodeWasmBytes) {
  out.push(`| sobriete_node_bg.wasm (the same module built for speed: what Node loads), raw | ${nodeWasmBytes.length.toLocaleString('en-US')} bytes (${fmt(nodeWasmBytes.length / 1024, 1)} KB) |`);
}
const med = (k) => fmt(median(startups.map((s) => s[k])), 1);
out.push(`| import() of the package (compile + instantiate), median of ${STARTUP_RUNS} fresh processes | ${med('importMs')} ms |`);
out.push(`| then Referential.default() (the embedded referential read and checked) | ${med('defaultMs')} ms |`);
out.push(`| then the first scoreSummary(JSON string) | ${med('firstScoreMs')} ms |`);
out.push(`| import() to first score | ${med('totalMs')} ms |`);
out.push(`| whole process (node start-up included) | ${med('processMs')} ms |`);
out.push('');
out.push(`## Batch of ${N.toLocaleString('en-US')} level-2 assessments`, '');
out.push('Speed-up against plain JavaScript on the same input (JSON strings, objects already parsed, or the bytes of a JSON Lines file); > 1 means faster than plain JS. Under Node the package runs its main module built for speed (sobriete_node_bg.wasm). The plain-JS rows other than the first are checked against the first.', '');
out.push('| method | input | total s | µs/assessment | speed-up vs plain JS | mismatches vs plain JS |');
out.push('|---|---|---:|---:|---:|---:|');
for (const r of rows) {
  const speedup = baseline[r.input] / r.seconds;
  const check = r === rows[0] ? '(reference)' : String(r.check.mismatches);
  out.push(
    `| ${r.name} | ${r.input} | ${fmt(r.seconds, 3)} | ${fmt((r.seconds * 1e6) / N, 1)} | ${fmt(speedup, speedup < 1 ? 3 : 2)}× | ${check} |`,
  );
}
out.push('');
out.push(`- peak RSS (process.resourceUsage().maxRSS): ${mb(plainPeakRss)} after the plain-JS runs (input strings and objects loaded), ${mb(peakRss)} at the end`);
if (wasmMemory) {
  out.push(`- wasm linear memory: ${mb(wasmHeapBefore)} before the package's batches, ${mb(wasmHeap())} after (it never shrinks: its high-water mark)`);
}
const failed = rows.filter((r) => r.check && r.check.mismatches > 0);
out.push(`- agreement: ${failed.length === 0 ? 'index, grade and every theme score identical for every assessment and every method' : 'MISMATCHES, see below'}`);
for (const r of failed) {
  out.push(`  - ${r.name}: ${r.check.mismatches} mismatches; first: ${JSON.stringify(r.check.examples)}`);
}
if (profile.length > 0) {
  out.push('');
  out.push(`## Where the package's time goes (µs per assessment, first ${PROFILE_N} assessments)`, '');
  out.push('| call | µs |', '|---|---:|');
  for (const p of profile) out.push(`| ${p.label} | ${fmt(p.us, 1)} |`);
}
console.log(out.join('\n'));
process.exitCode = failed.length === 0 ? 0 : 1;
