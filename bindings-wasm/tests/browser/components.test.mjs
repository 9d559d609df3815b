// The web components <sobriete-questionnaire> and <sobriete-results>, on the
// demo page and on a plain existing page (demo/embed.html), served on
// localhost and driven in headless Chromium (Debian's chromium through
// playwright-core): answers of every kind, conditions that hide and restore
// answers, drafts kept across a reload, export and import of the file, a
// migration offered through a crosswalk, the plan for a typed target, a
// keyboard-only walk through a full level-1 questionnaire, axe-core at
// WCAG 2.1 AA (components and the library's HTML report), styles that do not
// leak either way, 320 px and 200 % zoom. Every figure shown is compared
// with the library's (computed here in Node.js) and the CLI's. Screenshots
// of both components at desktop and phone widths go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, writeFile, mkdir, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname, normalize, extname, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Referential } from '../../pkg/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const served = join(here, '..', '..'); // bindings-wasm/: demo/ and pkg/
const root = join(served, '..');
const cli = process.env.SOBRIETE_BIN ?? join(root, 'target', 'debug', 'sobriete');
const shots = join(root, 'target', 'screenshots');
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};

const r = Referential.default();
const commune = JSON.parse(await readFile(join(root, 'examples', 'commune-rurale-niveau1.json'), 'utf8'));

let server;
let origin;
let browser;

/** The demo and the package, the examples (for the migration), and one page of HTML given by the test. */
const extraPages = new Map();
before(async () => {
  server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extraPages.has(pathname)) {
      res.writeHead(200, { 'content-type': types['.html'] });
      res.end(extraPages.get(pathname));
      return;
    }
    const path = normalize(join(pathname.startsWith('/examples/') ? root : served, pathname));
    const allowed = [join(served, 'demo') + sep, join(served, 'pkg') + sep, join(root, 'examples') + sep].some((d) => path.startsWith(d));
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
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh page (own storage) that records errors and every request. */
async function open(path, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') page.errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (q) => page.requests.push(q.url()));
  if (path) {
    await page.goto(`${origin}${path}`);
    await page.waitForFunction(() => customElements.get('sobriete-questionnaire') !== undefined);
    await page.evaluate(() => Promise.all([...document.querySelectorAll('sobriete-questionnaire')].map((q) => q.ready)));
  }
  return page;
}

function cliIndex(file) {
  return JSON.parse(execFileSync(cli, ['report', file, '--format', 'json'], { encoding: 'utf8' })).index;
}

const value = (page) => page.evaluate(() => document.querySelector('sobriete-questionnaire').value);
const shownIndex = (page) => page.locator('sobriete-results .index').getAttribute('data-value');
const shown = (page, id) => page.locator(`#q-${id}`).isVisible();
const pick = (page, id, v) => page.locator(`#q-${id} input[value="${v}"]`).check();

/** Opens the example commune through the questionnaire's file field. */
async function openExample(page) {
  await page.locator('sobriete-questionnaire input[type=file]').setInputFiles(join(root, 'examples', 'commune-rurale-niveau1.json'));
  await page.waitForFunction(() => document.querySelector('sobriete-questionnaire').value.profile.name === 'Saint-Priest-sous-Ardour');
}

/** Waits until the results show the index of the questionnaire's assessment, and returns it. */
async function settled(page) {
  const expected = r.score(await value(page)).index;
  await page.waitForFunction((x) => document.querySelector('sobriete-results').shadowRoot
    .querySelector('.index')?.dataset.value === String(x), expected);
  return expected;
}

test('the questionnaire scores live, keeps every answer, saves drafts, exports and imports', async () => {
  const page = await open('/demo/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await shownIndex(page), String(r.score(await value(page)).index), 'empty questionnaire');

  // Conditions: flt-02 appears with flt-01 = yes and disappears with no.
  assert.equal(await shown(page, 'flt-02'), false);
  await pick(page, 'flt-01', 'yes');
  assert.equal(await shown(page, 'flt-02'), true);
  await pick(page, 'flt-02', 'yes');
  await pick(page, 'flt-01', 'no');
  assert.equal(await shown(page, 'flt-02'), false);
  assert.deepEqual((await value(page)).answers['flt-02'], { kind: 'yes' }, 'the hidden answer is kept');
  await pick(page, 'flt-01', 'yes');
  assert.equal(await page.locator('#q-flt-02 input[value=yes]').isChecked(), true, 'and restored');

  // Every kind of level 1, a comment and evidence, not applicable with its justification.
  await pick(page, 'gov-01', 'option:informal');
  await pick(page, 'pur-03', 'option:spare-parts');
  await pick(page, 'pur-03', 'option:repairability');
  await pick(page, 'awa-02', 'dont_know');
  await page.locator('#q-awa-01 input[value=yes]').check();
  await page.locator('#q-awa-01 details.notes summary').click();
  await page.locator('#q-awa-01 textarea.comment').fill('Séance du 12 mars');
  await page.locator('#q-awa-01 textarea.evidence').fill('https://example.org/compte-rendu\n');
  await pick(page, 'gov-04', 'not_applicable');
  assert.equal(await page.locator('#q-gov-04 .question-error').isVisible(), true, 'a required justification is asked for');
  assert.equal(await page.locator('#q-gov-04').getAttribute('aria-invalid'), 'true');
  await page.locator('#q-gov-04 input.justification-input').fill('Aucun agent dédié');
  assert.equal(await page.locator('#q-gov-04').getAttribute('aria-invalid'), null);
  let a = await value(page);
  assert.deepEqual(a.answers['awa-01'], { kind: 'yes', comment: 'Séance du 12 mars', evidence: ['https://example.org/compte-rendu'] });
  assert.deepEqual(a.answers['pur-03'], { kind: 'choice', options: ['spare-parts', 'repairability'] });
  assert.deepEqual(a.answers['gov-04'], { kind: 'not_applicable', justification: 'Aucun agent dédié' });

  // Level 2: numeric with its unit and bounds.
  await page.locator('sobriete-questionnaire select.level-select').selectOption('2');
  assert.equal(await shown(page, 'awa-21'), true);
  await page.locator('#q-awa-21 input.number').fill('45');
  a = await value(page);
  assert.equal(a.level, 2);
  assert.deepEqual(a.answers['awa-21'], { kind: 'number', value: 45 });
  const index = await settled(page);
  const report = r.score(a);
  assert.equal(await page.locator('sobriete-results .grade').textContent(), report.grade.grade);
  assert.equal(Number((await page.locator('sobriete-results .index').textContent()).replace(',', '.')), report.index);
  for (const th of report.themes) {
    assert.equal(await page.locator(`sobriete-results tr[data-theme="${th.id}"]`).getAttribute('data-value'), th.score === null ? '' : String(th.score));
  }
  assert.equal(await page.locator('sobriete-results .gaps > li').count(), report.gaps.length);

  // The file the user saves is the assessment, and the CLI gives the same index.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Enregistrer le fichier' }).click()]);
  const dir = await mkdtemp(join(tmpdir(), 'sobriete-components-'));
  const saved = join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  assert.deepEqual(JSON.parse(await readFile(saved, 'utf8')), a);
  assert.equal(cliIndex(saved), index, 'the CLI scores the exported file like the page');

  // Reload: the draft comes back.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => document.querySelector('sobriete-questionnaire').ready);
  assert.deepEqual(await value(page), a, 'nothing lost across a reload');
  assert.equal(await settled(page), index);
  // The page says level="1", the draft is of level 2: the list still switches both ways.
  const levelList = page.locator('sobriete-questionnaire select.level-select');
  assert.equal(await levelList.inputValue(), '2');
  await levelList.selectOption('1');
  assert.equal(await shown(page, 'awa-21'), false, 'level 1 again');
  await levelList.selectOption('2');
  assert.equal(await shown(page, 'awa-21'), true);
  assert.deepEqual(await value(page), a);

  // Import a file: the example commune, 28.82 E as everywhere.
  await openExample(page);
  assert.equal(await settled(page), 28.82);
  assert.equal(cliIndex(join(root, 'examples', 'commune-rurale-niveau1.json')), 28.82);
  assert.equal(await page.locator('sobriete-results .grade').textContent(), 'E');
  assert.deepEqual(await value(page), commune, 'the imported file comes back out unchanged');

  // A broken file is refused with its reason; the questionnaire is unchanged.
  await page.locator('sobriete-questionnaire input[type=file]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"referential": ') });
  await page.waitForFunction(() => /broken\.json/.test(document.querySelector('sobriete-questionnaire').shadowRoot.querySelector('.alert').textContent));
  assert.deepEqual(await value(page), commune);

  // The plan for a typed target is the library's.
  await page.locator('sobriete-results input.target-input').fill('50');
  const proposal = await r.propose(commune, { target: { index: 50 } });
  await page.waitForFunction((x) => document.querySelector('sobriete-results').shadowRoot
    .querySelector('.plan-summary')?.dataset.index === String(x), proposal.index);
  assert.equal(await page.locator('sobriete-results .schedule > li').count(), proposal.schedule.length);

  // English, through the attribute.
  await page.locator('#lang').selectOption('en');
  assert.equal(await page.locator('#q-flt-01 label').first().textContent(), 'Yes');
  assert.equal(await page.locator('sobriete-results h2').textContent(), 'Result');
  assert.equal(await page.locator('sobriete-results input.target-input').inputValue(), '50', 'the typed target is kept');
  await page.waitForFunction(() => /Index after the plan/.test(document.querySelector('sobriete-results').shadowRoot.querySelector('.plan-summary')?.textContent));
  assert.deepEqual(await value(page), commune, 'a change of language changes no answer');
  assert.deepEqual(page.errors, []);
  assert.ok(page.requests.every((u) => u.startsWith(origin) || u.startsWith('blob:')), 'no request leaves the page');
  await page.context().close();
});

test('events: sobriete-change carries the assessment and its summary; sobriete-submit on the button', async () => {
  const page = await open('/demo/index.html');
  await page.evaluate(() => {
    window.seen = [];
    const q = document.querySelector('sobriete-questionnaire');
    q.addEventListener('sobriete-change', (e) => window.seen.push(['change', e.detail.summary.index, e.detail.assessment.answers['flt-01']]));
    document.addEventListener('sobriete-submit', (e) => window.seen.push(['submit', e.detail.summary.index]));
  });
  await pick(page, 'flt-01', 'yes');
  await page.getByRole('button', { name: 'Voir le résultat' }).click();
  const seen = await page.evaluate(() => window.seen);
  const index = r.score(await value(page)).index;
  assert.deepEqual(seen.at(-2), ['change', index, { kind: 'yes' }]);
  assert.deepEqual(seen.at(-1), ['submit', index]);
  await page.context().close();
});

test('answers of another referential version are offered migration through a crosswalk', async () => {
  const crosswalk = JSON.parse(await readFile(join(root, 'examples', 'migration', 'crosswalk-1.1.0-to-2.0.0.json'), 'utf8'));
  const target = new Referential(await readFile(join(root, 'examples', 'migration', 'sobriete-reen-2.0.0.json'), 'utf8'));
  const expected = (await r.migrate(commune, crosswalk, target)).assessment;
  extraPages.set('/migration.html', `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Migration</title><link rel="icon" href="data:,">
    <script type="module" src="/pkg/components.js"></script></head><body><main>
    <sobriete-questionnaire id="q" referential-src="/examples/migration/sobriete-reen-2.0.0.json"></sobriete-questionnaire>
    <sobriete-results for="q"></sobriete-results></main></body></html>`);
  const page = await open('/migration.html');
  // Without a crosswalk: said so, nothing changes.
  const before = await value(page);
  await page.evaluate((a) => { document.querySelector('sobriete-questionnaire').value = a; }, commune);
  await page.waitForFunction(() => /Aucune table de correspondance/.test(document.querySelector('sobriete-questionnaire').shadowRoot.querySelector('.alert').textContent));
  assert.deepEqual(await value(page), before);
  await page.evaluate(async ([c, a]) => {
    const { Referential } = await import('/pkg/index.js');
    const q = document.querySelector('sobriete-questionnaire');
    q.migrations = [{ referential: Referential.default(), crosswalk: c }];
    q.value = a;
  }, [crosswalk, commune]);
  const convert = page.getByRole('button', { name: 'Convertir les réponses' });
  await convert.waitFor();
  assert.equal((await value(page)).referential.version, '2.0.0', 'nothing taken before the user agrees');
  await convert.click();
  await page.waitForFunction(() => document.querySelector('sobriete-questionnaire').value.profile.name === 'Saint-Priest-sous-Ardour');
  // The library's migration, with the questions it adds shown unanswered.
  const migrated = await value(page);
  const { answers, ...rest } = migrated;
  const { answers: expectedAnswers, ...expectedRest } = expected;
  assert.deepEqual(rest, expectedRest, 'the library\'s migration (and its record)');
  for (const [id, answer] of Object.entries(answers)) {
    assert.deepEqual(answer, expectedAnswers[id] ?? { kind: 'unanswered' }, id);
  }
  assert.ok(Object.keys(expectedAnswers).every((id) => id in answers), 'every migrated answer kept');
  await page.waitForFunction((x) => document.querySelector('sobriete-results').shadowRoot
    .querySelector('.index')?.dataset.value === String(x), target.score(expected).index);
  assert.match(await page.locator('sobriete-questionnaire .status').textContent(), /reprise/);
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // A draft saved on the older version: set aside as it is (the draft goes
  // on with the new version) until the user accepts its migration.
  extraPages.set('/migration-draft.html', extraPages.get('/migration.html')
    .replace('<sobriete-questionnaire id="q"', '<sobriete-questionnaire id="q" storage-key="draft-1"'));
  const again = await open(null);
  await again.addInitScript((a) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('draft-1', a);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(commune));
  await again.goto(`${origin}/migration-draft.html`);
  await again.evaluate(() => document.querySelector('sobriete-questionnaire').ready);
  const stored = (key = 'draft-1') => again.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
  assert.match(await again.locator('sobriete-questionnaire .alert').textContent(), /Aucune table de correspondance/);
  assert.deepEqual(await stored('draft-1:set-aside'), commune, 'the older draft is kept while its migration is pending');
  // They can be saved to a file at any time.
  const [aside] = await Promise.all([again.waitForEvent('download'), again.getByRole('button', { name: 'Enregistrer ces réponses dans un fichier' }).click()]);
  assert.deepEqual(JSON.parse(await readFile(await aside.path(), 'utf8')), commune);
  await again.evaluate(async (c) => {
    const { Referential } = await import('/pkg/index.js');
    document.querySelector('sobriete-questionnaire').migrations = [{ referential: Referential.default(), crosswalk: c }];
  }, crosswalk);
  await again.getByRole('button', { name: 'Convertir les réponses' }).click();
  await again.waitForFunction(() => JSON.parse(localStorage.getItem('draft-1')).profile.name === 'Saint-Priest-sous-Ardour');
  assert.deepEqual((await stored()).answers, (await value(again)).answers);
  assert.equal(await stored('draft-1:set-aside'), null, 'nothing left aside once migrated');
  assert.deepEqual(again.errors, []);
  await again.context().close();
});

test('a referential that fails to load, a new source, drafts per storage key, focus kept across a rebuild', async () => {
  extraPages.set('/loading.html', `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Chargement</title><link rel="icon" href="data:,">
    <script type="module" src="/pkg/components.js"></script></head><body><main>
    <sobriete-questionnaire id="q" referential-src="/pkg/missing.json" storage-key="k1"></sobriete-questionnaire>
    <sobriete-results for="q"></sobriete-results></main></body></html>`);
  const page = await open(null);
  await page.goto(`${origin}/loading.html`);
  await page.waitForFunction(() => customElements.get('sobriete-questionnaire') !== undefined);
  // `ready` rejects (it used to stay pending), and the error is shown.
  const failure = await page.evaluate(() => document.querySelector('sobriete-questionnaire').ready.then(() => 'resolved', (e) => e.message));
  assert.match(failure, /missing\.json: HTTP 404/);
  assert.match(await page.locator('sobriete-questionnaire [role=alert]').textContent(), /missing\.json/);
  // A new source after the failure loads, with a new `ready`.
  await page.evaluate(() => {
    const q = document.querySelector('sobriete-questionnaire');
    q.setAttribute('referential-src', '/pkg/default-referential.json');
    return q.ready;
  });
  const [first, second] = r.toJSON().questions.filter((q) => q.level === 1 && q.response.kind === 'yes_no' && !q.condition && !q.applies_to);
  await pick(page, first.id, 'yes');
  const stored = (key) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
  assert.deepEqual((await stored('k1')).answers[first.id], { kind: 'yes' });
  // Another storage key: a new questionnaire, the first draft kept under its key.
  await page.evaluate(() => document.querySelector('sobriete-questionnaire').setAttribute('storage-key', 'k2'));
  assert.deepEqual((await value(page)).answers, {});
  await pick(page, second.id, 'no');
  assert.deepEqual((await stored('k2')).answers, { [second.id]: { kind: 'no' } });
  assert.deepEqual((await stored('k1')).answers, { [first.id]: { kind: 'yes' } });
  // Back to the first key: its draft again, and said so.
  await page.evaluate(() => document.querySelector('sobriete-questionnaire').setAttribute('storage-key', 'k1'));
  assert.deepEqual((await value(page)).answers, { [first.id]: { kind: 'yes' } });
  assert.match(await page.locator('sobriete-questionnaire .status').textContent(), /Brouillon restauré/);
  // From no key to a key, the answers on screen are kept and saved.
  await page.evaluate(() => document.querySelector('sobriete-questionnaire').removeAttribute('storage-key'));
  assert.deepEqual((await value(page)).answers, { [first.id]: { kind: 'yes' } }, 'the form stays without a key');
  await pick(page, second.id, 'yes');
  await page.evaluate(() => document.querySelector('sobriete-questionnaire').setAttribute('storage-key', 'k3'));
  assert.deepEqual((await stored('k3')).answers, { [first.id]: { kind: 'yes' }, [second.id]: { kind: 'yes' } });
  // A rebuild (an assessment given as `value`) keeps the focused control
  // focused, and the live regions are the same nodes, so what they say
  // next is announced.
  await page.locator('sobriete-questionnaire button.submit').focus();
  await page.evaluate((a) => { document.querySelector('sobriete-questionnaire').value = { ...a, date: '2026-02-02' }; }, commune);
  await page.waitForFunction(() => document.querySelector('sobriete-questionnaire').value.date === '2026-02-02');
  assert.equal((await focused(page)).text, 'Voir le résultat', 'the submit button, not the first button');
  await page.locator(`#q-${second.id} input[value="no"]`).focus();
  await page.evaluate(() => { document.querySelector('sobriete-questionnaire').shadowRoot.querySelector('.status').marked = true; });
  await page.evaluate((a) => { document.querySelector('sobriete-questionnaire').value = a; }, commune);
  await page.waitForFunction(() => document.querySelector('sobriete-questionnaire').value.profile.name === 'Saint-Priest-sous-Ardour');
  const f = await focused(page);
  assert.deepEqual([f.question, f.value, f.host], [second.id, 'no', 'sobriete-questionnaire']);
  assert.equal(await page.evaluate(() => document.querySelector('sobriete-questionnaire').shadowRoot.querySelector('.status').marked), true);
  // A source that fails once the form is built leaves the form as it is.
  const kept = await value(page);
  const again = await page.evaluate(() => {
    const q = document.querySelector('sobriete-questionnaire');
    q.setAttribute('referential-src', '/pkg/gone.json');
    return q.ready.then(() => 'resolved', (e) => e.message);
  });
  assert.match(again, /gone\.json: HTTP 404/);
  assert.deepEqual(await value(page), kept);
  assert.match(await page.locator('sobriete-questionnaire .alert').textContent(), /gone\.json/);
  // The form still takes a value, and a referential given as a property
  // settles a new `ready`.
  await page.evaluate((a) => { document.querySelector('sobriete-questionnaire').value = { ...a, date: '2026-03-03' }; }, commune);
  assert.equal((await value(page)).date, '2026-03-03');
  assert.equal(await page.evaluate(async () => {
    const { Referential } = await import('/pkg/index.js');
    const q = document.querySelector('sobriete-questionnaire');
    q.referential = Referential.default();
    return q.ready.then(() => 'resolved', (e) => e.message);
  }), 'resolved');
  // The results element opens its <details> for printing only while it is
  // in the page.
  const openOnPrint = () => page.evaluate(() => {
    const results = document.querySelector('sobriete-results');
    for (const d of results.shadowRoot.querySelectorAll('details')) d.open = false;
    dispatchEvent(new Event('beforeprint'));
    const open = [...results.shadowRoot.querySelectorAll('details')].some((d) => d.open);
    dispatchEvent(new Event('afterprint'));
    return open;
  });
  await settled(page);
  assert.equal(await openOnPrint(), true);
  await page.evaluate(() => { window.results = document.querySelector('sobriete-results'); window.results.remove(); });
  assert.equal(await page.evaluate(() => {
    for (const d of window.results.shadowRoot.querySelectorAll('details')) d.open = false;
    dispatchEvent(new Event('beforeprint'));
    return [...window.results.shadowRoot.querySelectorAll('details')].some((d) => d.open);
  }), false, 'no listener left behind by a removed element');
  await page.evaluate(() => document.querySelector('main').append(window.results));
  assert.equal(await openOnPrint(), true);
  // The two failed fetches are the only console errors.
  assert.deepEqual(page.errors.filter((e) => !/404/.test(e)), []);
  await page.context().close();
});

/** The element focused, through shadow roots. */
function focused(page) {
  return page.evaluate(() => {
    let node = document.activeElement;
    while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
    const question = node?.closest?.('fieldset.question');
    const host = node?.getRootNode?.().host;
    const style = node ? getComputedStyle(node) : null;
    return {
      tag: node?.tagName.toLowerCase(), type: node?.type ?? null, value: node?.value ?? null,
      question: question?.dataset.id ?? null, host: host?.tagName.toLowerCase() ?? null,
      answered: question ? [...question.querySelectorAll('input.choice')].some((i) => i.checked) : null,
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : null,
      text: node?.textContent?.trim().slice(0, 40) ?? '',
    };
  });
}

test('keyboard only: a full level-1 questionnaire, then the result', async () => {
  const page = await open('/demo/index.html');
  await page.evaluate(() => {
    window.submitted = false;
    document.addEventListener('sobriete-submit', () => { window.submitted = true; });
  });
  const answered = new Set();
  let arrows = 0;
  let submitted = false;
  let outlines = 0;
  for (let step = 0; step < 1500 && !submitted; step++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.question && f.tag === 'input' && (f.type === 'radio' || f.type === 'checkbox') && !f.answered) {
      // Alternate Space (the focused first choice) and an arrow (the next one).
      if (f.type === 'radio' && answered.size % 3 === 2) {
        await page.keyboard.press('ArrowDown');
        arrows += 1;
      } else await page.keyboard.press('Space');
      answered.add(f.question);
      if (!f.outline.startsWith('none')) outlines += 1;
    } else if (f.tag === 'button' && f.host === 'sobriete-questionnaire' && /résultat/.test(f.text)) {
      await page.keyboard.press('Enter');
      submitted = await page.evaluate(() => window.submitted);
    }
  }
  assert.ok(submitted, 'the submit button was reached and pressed');
  const a = await value(page);
  const report = r.score(a);
  assert.equal(report.complete, true, `every shown level-1 question answered (${answered.size} by keyboard, ${arrows} by arrow keys)`);
  assert.equal(report.counts.unanswered, 0);
  assert.equal(answered.size, report.counts.shown, 'each shown question answered with the keyboard');
  assert.ok(outlines === answered.size, 'a visible focus outline on every control answered');
  // Tab on to the result and its target field: reached by the keyboard too.
  let inTarget = false;
  for (let step = 0; step < 200 && !inTarget; step++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    inTarget = f.host === 'sobriete-results' && f.type === 'number';
  }
  assert.ok(inTarget, 'the target field of the results is reached by Tab');
  // Back to "Save the file" with Shift+Tab, and save with Enter: the CLI
  // scores the file to the index shown.
  let onSave = false;
  for (let step = 0; step < 1500 && !onSave; step++) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused(page);
    onSave = f.tag === 'button' && /Enregistrer/.test(f.text);
  }
  assert.ok(onSave, '"Save the file" is reached by the keyboard');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const saved = join(await mkdtemp(join(tmpdir(), 'sobriete-keyboard-')), 'evaluation.json');
  await download.saveAs(saved);
  assert.deepEqual(JSON.parse(await readFile(saved, 'utf8')), a);
  assert.equal(cliIndex(saved), report.index, 'the CLI gives the index the page shows');
  // Reload: nothing lost.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await value(page), a, 'the answers survive a reload');
  for (let step = 0; step < 1500; step++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.host === 'sobriete-results' && f.type === 'number') break;
  }
  await page.keyboard.type('60');
  const proposal = await r.propose(a, { target: { index: 60 } });
  await page.waitForFunction((x) => document.querySelector('sobriete-results').shadowRoot
    .querySelector('.plan-summary')?.dataset.index === String(x), proposal.index);
  assert.equal(await settled(page), report.index);
  // The index change was announced politely.
  const live = page.locator('sobriete-results .announcement');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  await page.waitForFunction(() => /\d/.test(document.querySelector('sobriete-results').shadowRoot.querySelector('.announcement').textContent));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** axe-core's violations at WCAG 2.1 A and AA on the page as it is. */
async function axe(page) {
  await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('axe-core: no violation at WCAG 2.1 AA on the questionnaire, the results and the HTML report', async () => {
  const page = await open('/demo/index.html');
  await openExample(page);
  await settled(page);
  await page.locator('sobriete-results input.target-input').fill('50');
  await page.waitForSelector('sobriete-results .plan-summary');
  await page.waitForSelector('sobriete-results .radar svg');
  // Everything on demand open too: help, rationale, notes, an error.
  await pick(page, 'gov-04', 'not_applicable');
  await page.locator('#q-gov-04 .question-error').waitFor();
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('sobriete-questionnaire, sobriete-results')) {
      for (const d of host.shadowRoot.querySelectorAll('details')) d.open = true;
    }
  });
  assert.deepEqual(await axe(page), [], 'demo page, French');
  await page.locator('#q-gov-04 input.justification-input').fill('Aucun agent dédié');
  await page.locator('#lang').selectOption('en');
  await settled(page);
  assert.deepEqual(await axe(page), [], 'demo page, English');
  await page.context().close();

  const embed = await open('/demo/embed.html');
  await settled(embed);
  assert.deepEqual(await axe(embed), [], 'embedding page');
  await embed.context().close();

  const html = await r.renderReport(commune, 'html', 'fr');
  extraPages.set('/report.html', html);
  const report = await open();
  await report.goto(`${origin}/report.html`);
  assert.deepEqual(await axe(report), [], 'the library\'s HTML report');
  await report.context().close();
});

test('hostile referential texts are shown as text, never run', async () => {
  const doc = structuredClone(r.toJSON());
  const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>"\'><svg onload="window.pwned=3">';
  doc.themes[0].title = { fr: hostile, en: hostile };
  doc.questions[0].prompt = { fr: hostile, en: hostile };
  doc.questions[0].help = { fr: hostile, en: hostile };
  const page = await open('/demo/index.html');
  await page.evaluate((d) => {
    document.querySelector('sobriete-questionnaire').referential = d;
  }, doc);
  await page.locator(`#q-${doc.questions[0].id} input.choice`).first().check();
  await page.waitForSelector('sobriete-results .radar svg');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator(`#q-${doc.questions[0].id} legend`).evaluate((n) => n.firstChild.textContent), hostile);
  assert.equal(await page.locator('sobriete-results tbody th').first().textContent(), hostile);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('embedded in a styled page: no style leaks in or out', async () => {
  const page = await open('/demo/embed.html');
  await settled(page);
  const styles = await page.evaluate(() => {
    const q = document.querySelector('sobriete-questionnaire').shadowRoot;
    const css = (node, prop) => getComputedStyle(node).getPropertyValue(prop);
    return {
      pageFieldset: css(document.getElementById('page-fieldset'), 'border-top-style'),
      pageButton: css(document.getElementById('page-button'), 'background-color'),
      pageH2: css(document.getElementById('page-heading'), 'color'),
      pageLabel: css(document.querySelector('label[for=page-input]'), 'display'),
      question: css(q.querySelector('fieldset.question'), 'border-top-style'),
      button: css(q.querySelector('button[type=submit]'), 'background-color'),
      heading: css(q.querySelector('h2'), 'color'),
      headingVariant: css(q.querySelector('h2'), 'font-variant-caps'),
      font: css(q.querySelector('legend'), 'font-family'),
    };
  });
  // The page keeps its own look...
  assert.equal(styles.pageFieldset, 'dashed');
  assert.equal(styles.pageButton, 'rgb(255, 212, 0)');
  assert.equal(styles.pageH2, 'rgb(122, 31, 31)');
  assert.equal(styles.pageLabel, 'block');
  // ...its rules do not reach inside, and its accent does, through the custom property.
  assert.equal(styles.question, 'solid');
  assert.equal(styles.button, 'rgb(91, 42, 134)');
  assert.equal(styles.heading, 'rgb(91, 42, 134)');
  assert.equal(styles.headingVariant, 'normal');
  assert.doesNotMatch(styles.font, /Georgia/);
  // The target given as an attribute: the plan shows without typing.
  await page.waitForSelector('sobriete-results .plan-summary');
  // Printed: the results without their controls, the plan kept.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('sobriete-results button').isVisible(), false, 'no button on paper');
  assert.equal(await page.locator('sobriete-questionnaire .toolbar').first().isVisible(), false);
  assert.equal(await page.locator('sobriete-results .plan-summary').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('320 px wide, 200 % zoom, reduced motion; screenshots of both components', async () => {
  for (const [name, viewport, scale] of [['desktop', { width: 1280, height: 900 }, 1], ['phone', { width: 320, height: 640 }, 2], ['zoom-200', { width: 640, height: 450 }, 2]]) {
    const page = await open(null, { viewport, deviceScaleFactor: scale, reducedMotion: 'reduce' });
    await page.goto(`${origin}/demo/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await openExample(page);
    await settled(page);
    await page.locator('sobriete-results input.target-input').fill('50');
    await page.waitForSelector('sobriete-results .plan-summary');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `${name}: no horizontal scrolling (${width} px for ${viewport.width})`);
    const transition = await page.evaluate(() => getComputedStyle(document.querySelector('sobriete-questionnaire').shadowRoot.querySelector('button')).transitionDuration);
    assert.equal(transition, '0s', 'no animation when reduced motion is asked for');
    if (name !== 'zoom-200') {
      // The whole results, not the demo's scrolling column.
      await page.addStyleTag({ content: 'sobriete-results { position: static !important; max-height: none !important; }' });
      await page.locator('sobriete-questionnaire').screenshot({ path: join(shots, `questionnaire-${name}.png`) });
      await page.locator('sobriete-results').screenshot({ path: join(shots, `results-${name}.png`) });
      assert.ok(existsSync(join(shots, `results-${name}.png`)));
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  await writeFile(join(shots, 'README.txt'), 'Screenshots of the web components, written by bindings-wasm/tests/browser/components.test.mjs.\n');
});
