// The cross-language table (tests/bindings/operations.json) from
// JavaScript: every operation of the table is a method of `Referential` (or
// a function of the package) with the table's name in camelCase, and every
// case gives the outcome the table states (the kind of value, some of its
// values, or the error's code, document, argument and issue paths). Python
// and Kotlin read the same table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const sobriete = await import('../pkg/index.js');
const { Referential, SobrieteError } = sobriete;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const table = load('tests/bindings/operations.json');
const operations = new Map(table.operations.map((op) => [op.name, op]));

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function handle(on, field = 'referential') {
  return on === 'default' ? Referential.default() : new Referential(load(on)[field]);
}

/** A table argument as JavaScript data (documents as objects). */
function resolve(spec) {
  if (Array.isArray(spec)) return spec.map(resolve);
  if (spec === null || typeof spec !== 'object') return spec;
  if ('$text' in spec) return spec.$text;
  if ('$files' in spec) return spec.$files.map(load);
  if ('$file' in spec) {
    let value = load(spec.$file);
    if (spec.$field) value = value[spec.$field];
    if (spec.$baseline) value = value.baseline;
    return value;
  }
  if ('$referential' in spec) return handle(spec.$referential, spec.$field ?? 'referential');
  return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, resolve(v)]));
}

/** The full report's inputs object has JavaScript's camelCase keys. */
const inputsObject = (inputs) =>
  inputs && Object.fromEntries(Object.entries(inputs).map(([k, v]) => [camel(k), v]));

async function call(testCase) {
  const op = operations.get(testCase.operation);
  const args = Object.fromEntries(Object.entries(testCase.args).map(([k, v]) => [k, resolve(v)]));
  if ('inputs' in args) args.inputs = inputsObject(args.inputs);
  const order = op.js ?? op.params.map(([name]) => name);
  const positional = order.map((name) => args[name]);
  while (positional.length > 0 && positional.at(-1) === undefined) positional.pop();
  if (op.module) return sobriete[camel(op.name)](...positional);
  const r = handle(testCase.on);
  return r[camel(op.name)](...positional);
}

function pointer(value, path) {
  return path
    .split('/')
    .slice(1)
    .reduce((v, part) => (v == null ? undefined : v[Array.isArray(v) ? Number(part) : part]), value);
}

test('every operation of the table has its camelCase name in JavaScript', () => {
  for (const op of table.operations) {
    const owner = op.module ? sobriete : Referential.prototype;
    assert.equal(typeof owner[camel(op.name)], 'function', `no ${camel(op.name)} for ${op.name}`);
    for (const name of op.js ?? []) {
      assert.ok(op.params.some(([p]) => p === name), `${op.name}: ${name} is not a parameter`);
    }
  }
});

for (const testCase of table.cases) {
  test(`${testCase.operation}: ${testCase.description}`, async () => {
    const expect = testCase.expect;
    if (expect.error) {
      const want = expect.error;
      await assert.rejects(
        async () => call(testCase),
        (e) => {
          assert.ok(e instanceof SobrieteError, `${e}`);
          assert.equal(e.code, want.code);
          assert.equal(e.document, want.document);
          assert.equal(e.argument, want.argument);
          if (want.paths) assert.deepEqual(e.issues.map((i) => i.path), want.paths);
          if (want.codes) assert.deepEqual(e.issues.map((i) => i.code), want.codes);
          assert.deepEqual(e.toJSON().argument, want.argument);
          return true;
        },
      );
      return;
    }
    const result = await call(testCase);
    const kind = { data: 'object', list: 'array', text: 'string' }[expect.returns];
    const actual = Array.isArray(result) ? 'array' : typeof result;
    assert.equal(actual, kind);
    if ('length' in expect) assert.equal(result.length, expect.length);
    if ('starts_with' in expect) assert.ok(result.startsWith(expect.starts_with), result.slice(0, 80));
    for (const [path, value] of Object.entries(expect.values ?? {})) {
      assert.deepEqual(pointer(result, path), value, path);
    }
    for (const path of expect.present ?? []) {
      assert.ok(pointer(result, path) != null, `${path} absent`);
    }
  });
}
