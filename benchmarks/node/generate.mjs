// Generated assessments for the Node benchmark, as JSON lines.
//
//   node generate.mjs [--n 35000] [--seed 0] [--level 2] [--out FILE]
//
// The assessments are those of the Python benchmark: the deterministic
// generator bindings-python/benchmarks/generate.py (standard library only),
// run with `python3` on the default referential taken from the WebAssembly
// package (`Referential.default().toJSON()`), so the same seed gives the
// same assessments in both benchmarks. The file is cached: by default
// data/assessments-level<L>-n<N>-seed<S>.jsonl next to this script.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

/** The package entry (env SOBRIETE_PKG, else the built package of the repository). */
export function packagePath() {
  return resolve(process.env.SOBRIETE_PKG ?? join(here, '..', '..', 'bindings-wasm', 'pkg', 'index.js'));
}

/** Imports the package (once per process). */
export async function loadPackage(path = packagePath()) {
  if (!existsSync(path)) {
    throw new Error(`no package at ${path}: build it with bindings-wasm/build.sh or set SOBRIETE_PKG`);
  }
  return import(pathToFileURL(path).href);
}

export function defaultDataPath({ n, seed, level }) {
  return join(here, 'data', `assessments-level${level}-n${n}-seed${seed}.jsonl`);
}

/**
 * Writes `n` generated assessments to `out` (JSON lines) unless the file
 * exists; returns its path. `referential` is the referential document (an
 * object).
 */
export function ensureAssessments({ referential, n = 35000, seed = 0, level = 2, out }) {
  out = resolve(out ?? defaultDataPath({ n, seed, level }));
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'sobriete-bench-'));
  try {
    const refPath = join(work, 'referential.json');
    writeFileSync(refPath, JSON.stringify(referential));
    const partial = `${out}.partial`;
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(root, 'bindings-python', 'benchmarks'))})`,
      'import generate',
      'ref = json.load(open(sys.argv[1], encoding="utf-8"))',
      'with open(sys.argv[2], "w", encoding="utf-8") as f:',
      '    for a in generate.generate(ref, int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])):',
      '        f.write(json.dumps(a, ensure_ascii=False) + "\\n")',
    ].join('\n');
    const run = spawnSync(
      process.env.PYTHON ?? 'python3',
      ['-c', script, refPath, partial, String(n), String(seed), String(level)],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`generate.py failed (exit ${run.status})`);
    renameSync(partial, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const n = Number(option(args, 'n', 35000));
  const seed = Number(option(args, 'seed', 0));
  const level = Number(option(args, 'level', 2));
  const { Referential } = await loadPackage();
  const path = ensureAssessments({
    referential: Referential.default().toJSON(),
    n,
    seed,
    level,
    out: option(args, 'out', undefined),
  });
  console.log(path);
}
