// The HTML report opens in a real browser (Debian's Chromium, driven by
// playwright-core) with no console error and no request leaving the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.SOBRIETE_BIN ?? join(root, 'target', 'debug', 'sobriete');

function report(args) {
  return execFileSync(cli, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

test('the HTML report loads cleanly in Chromium', async () => {
  const html = report([
    'report', 'examples/commune-rurale-niveau1.json', '--format', 'html', '--target', '50',
    '--history', 'examples/commune-rurale-niveau1.json', '--peers', 'examples/peers/communes-creuse.json',
  ]);
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/report.html`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // playwright-core runs headless with a fresh profile of its own; the
    // flags keep Chromium from calling hosts this machine cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    assert.deepEqual(errors, [], 'console errors');
    assert.deepEqual(requests, [url], 'the page requests nothing but itself');
    assert.equal(await page.locator('h1').count(), 1);
    assert.ok((await page.locator('svg').count()) >= 2, 'radar and evolution charts');
    const text = await page.locator('body').innerText();
    assert.match(text, /Indice/);
    assert.match(text, /Communes/);
    const shot = join(root, 'target', 'report-screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
  } finally {
    await browser.close();
    server.close();
  }
});
