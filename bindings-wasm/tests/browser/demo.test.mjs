// The demo page served on localhost and driven in headless Chromium
// (Debian's chromium through playwright-core): answers questions, checks
// that conditional questions appear and disappear, that the displayed
// index, grade and theme scores are the library's (computed here in Node and
// by the CLI), that a plan is proposed for a typed target, no console error,
// no request leaving localhost; saves demo/screenshot.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname, normalize, extname, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Referential } from '../../pkg/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const served = join(here, '..', '..'); // bindings-wasm/: demo/ and pkg/
const root = join(served, '..');
const cli = process.env.SOBRIETE_BIN ?? join(root, 'target', 'debug', 'sobriete');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};

function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(join(served, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    const allowed = [join(served, 'demo') + sep, join(served, 'pkg') + sep].some((d) => path.startsWith(d));
    try {
      if (!allowed) throw new Error('forbidden');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const r = Referential.default();
const doc = r.toJSON();

/** The assessment the page should be scoring after our answers. */
function expected(level, given) {
  const answers = {};
  for (const q of doc.questions) if (q.level <= level) answers[q.id] = given[q.id] ?? { kind: 'unanswered' };
  return {
    referential: { id: doc.id, version: doc.version },
    profile: { name: 'Ma collectivité', kind: 'commune', population: 1000 },
    date: new Date().toISOString().slice(0, 10),
    level,
    answers,
  };
}

test('the demo page scores live in Chromium, like the library and the CLI', async () => {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (q) => requests.push(q.url()));
    const t0 = Date.now();
    await page.goto(`${origin}/demo/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.ok(!requests.some((u) => u.includes('sobriete_extras')), 'the extras module is not loaded with the page');
    console.log(`demo ready (load, wasm, questionnaire, first score) in ${Date.now() - t0} ms`);

    const index = () => page.locator('#index').getAttribute('data-value');
    const shown = (id) => page.locator(`#q-${id}`).isVisible();
    const pick = (id, value) => page.locator(`#q-${id} input[value="${value}"]`).check();

    // Nothing answered: the library's index of an empty level-1 assessment.
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await index(), String(r.score(expected(1, {})).index));

    // A conditional question appears and disappears with its parent's answer.
    assert.equal(await shown('flt-02'), false, 'flt-02 hidden until flt-01 is yes');
    await pick('flt-01', 'yes');
    assert.equal(await shown('flt-02'), true, 'flt-02 shown when flt-01 is yes');
    await pick('flt-01', 'no');
    assert.equal(await shown('flt-02'), false, 'flt-02 hidden again when flt-01 is no');
    assert.equal(await shown('gov-22'), false, 'level-2 questions hidden at level 1');

    // Answer a few questions of every kind of level 1.
    await pick('flt-01', 'yes');
    await pick('flt-02', 'yes');
    await pick('gov-01', 'option:informal');
    await pick('pur-03', 'option:spare-parts');
    await pick('pur-03', 'option:repairability');
    await pick('awa-01', 'yes');
    await pick('awa-02', 'dont_know');
    const given = {
      'flt-01': { kind: 'yes' },
      'flt-02': { kind: 'yes' },
      'gov-01': { kind: 'choice', options: ['informal'] },
      'pur-03': { kind: 'choice', options: ['spare-parts', 'repairability'] },
      'awa-01': { kind: 'yes' },
      'awa-02': { kind: 'dont_know' },
    };
    const assessment = expected(1, given);
    const report = r.score(assessment);
    assert.ok(report.index > 0);
    assert.equal(await index(), String(report.index));
    const shownText = (await page.locator('#index').textContent()).replace(',', '.');
    assert.equal(Number(shownText), report.index, 'the displayed figure (French format)');
    assert.equal(await page.locator('#grade').textContent(), report.grade.grade);
    for (const theme of report.themes) {
      const value = await page.locator(`#themes tr[data-theme="${theme.id}"]`).getAttribute('data-value');
      assert.equal(value, theme.score === null ? '' : String(theme.score), theme.id);
    }
    // The core itself (the CLI, compiled for the host) gives the same index.
    assert.ok(existsSync(cli), `the CLI is needed: cargo build -p sobriete-cli (missing ${cli})`);
    const file = join(await mkdtemp(join(tmpdir(), 'sobriete-demo-')), 'assessment.json');
    await writeFile(file, JSON.stringify(assessment));
    const fromCli = JSON.parse(execFileSync(cli, ['report', file, '--format', 'json'], { encoding: 'utf8' }));
    assert.equal((fromCli.report ?? fromCli).index, report.index);
    // Practices not in place: the report's gaps, in order.
    const gaps = await page.locator('#gaps li').evaluateAll((items) => items.map((li) => li.dataset.question));
    assert.deepEqual(gaps, report.gaps.map((g) => g.question));

    // A target: the proposed plan is the library's.
    const target = Math.min(100, Math.ceil(report.index) + 15);
    await page.locator('#target').fill(String(target));
    // (propose() comes from the extras module, loaded now: wait for it.)
    const proposal = await r.propose(assessment, { target: { index: target } });
    await page.locator(`#proposal-summary[data-index="${proposal.index}"]`).waitFor();
    assert.equal(await page.locator('#proposal-summary').getAttribute('data-index'), String(proposal.index));
    assert.equal(await page.locator('#schedule li').count(), proposal.schedule.length);
    assert.ok(proposal.schedule.length > 0);

    // Level 2: a numeric question and its conditional follower.
    await page.locator('#level').selectOption('2');
    assert.equal(await shown('flt-26'), true);
    assert.equal(await shown('flt-29'), false, 'flt-29 hidden while flt-26 is unanswered');
    await page.locator('#q-flt-26 input[data-number]').fill('40');
    assert.equal(await shown('flt-29'), true, 'flt-29 shown when flt-26 ≥ 1');
    await page.locator('#q-flt-29 input[data-number]').fill('3');
    const level2 = r.score(expected(2, { ...given, 'flt-26': { kind: 'number', value: 40 }, 'flt-29': { kind: 'number', value: 3 } }));
    assert.equal(await index(), String(level2.index));
    await page.locator('#q-flt-26 input[data-number]').fill('0');
    assert.equal(await shown('flt-29'), false, 'flt-29 hidden again when flt-26 < 1');
    await page.locator('#q-flt-26 input[data-number]').fill('40');

    // English, then back to French.
    await page.locator('#lang').selectOption('en');
    assert.equal(await page.locator('h1').textContent(), 'Digital sobriety maturity index');
    assert.equal(await index(), String(level2.index), 'answers survive the language switch');
    await page.locator('#lang').selectOption('fr');

    // Hostile text typed by the user stays text.
    await page.locator('#name').fill('<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('img').count(), 0);

    await page.locator('#name').fill('Commune de démonstration');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(served, 'demo', 'screenshot.png'), fullPage: false });
    assert.deepEqual(errors, [], 'console errors or warnings');
    assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`)), [], 'requests leaving localhost');
    assert.ok(requests.some((u) => u.endsWith('/pkg/sobriete_bg.wasm')));
    // The extras module was fetched on the first target typed, not before.
    assert.ok(requests.some((u) => u.endsWith('/pkg/sobriete_extras_bg.wasm')));
  } finally {
    await browser.close();
    server.close();
  }
});
