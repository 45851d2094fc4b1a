// The walking skeleton and the progressive start: the API serves the built app; a
// first-time visitor gets the start page as plain HTML (no wasm, no catalog needed to show
// it), the app downloads in the background and takes over on "Starten".
import { test, before, after } from 'node:test';
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext, expectNoAxeViolations } from '../support/harness.mjs';

let api;
let browser;

before(async () => {
  api = await startApi();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await api?.stop();
  api?.cleanup();
});

/** Every request of the page, by path, in order. */
function requests(page) {
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  return seen;
}

/** Records whether the static start page was ever painted (checked on every frame until the
 * app replaces it). */
const WATCH_STATIC_START = () => {
  window.__staticStartShown = false;
  const check = () => {
    const el = document.querySelector('.boot-start');
    if (el && getComputedStyle(el).display !== 'none') window.__staticStartShown = true;
    if (!document.readyState.startsWith('l') && !document.getElementById('boot')) return;
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

test('the start page is plain HTML; the app loads in the background and takes over on "Starten"', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const seen = requests(page);
  const wasmDone = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto(api.base + '/');

  await page.getByRole('heading', { level: 1, name: 'EfA-Onboarding' }).waitFor();
  await page.getByRole('button', { name: 'Starten' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  await expectNoAxeViolations(assert, page, 'the static start page');

  // The app arrives while the clerk reads, but does not replace the page by itself.
  await (await wasmDone).finished();
  assert.ok(seen.some((p) => p.endsWith('.js')), `the app's script was fetched: ${seen}`);
  assert.ok(!seen.some((p) => p.startsWith('/api/')), `the start page needs no API call: ${seen}`);
  assert.ok(!seen.some((p) => p.startsWith('/data/')), `the start page needs no registry: ${seen}`);
  assert.equal(await page.locator('#boot').count(), 1, 'the static page is still shown');

  await page.getByRole('button', { name: 'Starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Überblick' }).waitFor();
  await page.waitForURL('**/ueberblick');
  assert.equal(await page.locator('#boot').count(), 0, 'the app replaced the static page');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus is on the new heading');
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-boot')), false);
  const catalog = await (await fetch(api.base + '/api/v1/catalog')).json();
  assert.ok(catalog.services.length >= 25, 'the shipped catalog holds at least 25 services');

  // Back goes to the start page, now drawn by the app.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'EfA-Onboarding' }).waitFor();
  await page.getByRole('button', { name: 'Starten' }).waitFor();
  await expectNoAxeViolations(assert, page, 'the start page drawn by the app');
  await context.close();
});

test('a deep link starts the app at once and never shows the static start page', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.addInitScript(WATCH_STATIC_START);
  await page.goto(api.base + '/leistungen');
  await page.getByRole('heading', { level: 1, name: 'Leistungen auswählen' }).waitFor();
  await page.getByText(/\d+ Leistungen gefunden/).waitFor();
  assert.equal(await page.evaluate(() => window.__staticStartShown), false);

  // A returning visitor (a draft in this browser) gets the app's start page with its
  // "continue" link, not the static copy.
  await page.getByRole('checkbox', { name: /^Wohngeld \(Mietzuschuss/ }).check();
  await page.getByText(/^Gespeichert um/).waitFor();
  const again = await context.newPage();
  await again.addInitScript(WATCH_STATIC_START);
  await again.goto(api.base + '/');
  await again.getByRole('link', { name: 'Mit dem aktuellen Entwurf fortfahren' }).waitFor();
  assert.equal(await again.evaluate(() => window.__staticStartShown), false);
  await context.close();
});

test('if the app cannot be loaded the start page says so, and "Starten" tries again', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
  await page.goto(api.base + '/');
  await page.getByRole('button', { name: 'Starten' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Die Anwendung konnte nicht geladen werden' });
  await status.waitFor();
  assert.match(await status.textContent(), /Internetverbindung/);
  // Nothing is lost: the start page is back, its links still work.
  await page.getByRole('button', { name: 'Starten' }).waitFor({ state: 'visible' });
  await expectNoAxeViolations(assert, page, 'the start page after a failed load');

  await page.unroute('**/*.wasm');
  await page.getByRole('button', { name: 'Starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Überblick' }).waitFor();
  await context.close();
});

test('the start-up works under the served Content-Security-Policy (no inline script unhashed)', async () => {
  // The other journeys bypass the CSP to inject axe-core; this one keeps it.
  const context = await newContext(browser, { bypassCSP: false });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const response = await page.goto(api.base + '/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  await page.getByRole('button', { name: 'Starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Überblick' }).waitFor();
  const deep = await context.newPage();
  deep.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await deep.goto(api.base + '/kommune');
  await deep.getByRole('heading', { level: 1, name: 'Ihre Kommune' }).waitFor();
  // The PDF module is loaded by the app with a dynamic import.
  await deep.goto(api.base + '/pruefen');
  const [download] = await Promise.all([
    deep.waitForEvent('download'),
    deep.getByRole('button', { name: 'Offene Punkte (Entwurf) als PDF herunterladen' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the PDF module loads only with the documents, and a failed load can be retried', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const seen = requests(page);
  await page.goto(api.base + '/');
  await page.getByRole('button', { name: 'Starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Überblick' }).waitFor();
  await page.getByRole('link', { name: 'Ihre Kommune' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihre Kommune' }).waitFor();
  assert.ok(!seen.some((p) => p.includes('efa-pdf')), `no PDF code before the documents: ${seen}`);

  // Offline for the module: the download says so; nothing the clerk entered is touched.
  await page.route('**/efa-pdf-*', (route) => route.abort('internetdisconnected'));
  await page.goto(api.base + '/pruefen');
  await page.getByRole('heading', { level: 1, name: 'Angaben prüfen' }).waitFor();
  const button = page.getByRole('button', { name: 'Anschlussantrag (Entwurf) als PDF herunterladen' });
  await button.click();
  await page.getByRole('alert').filter({ hasText: 'Das Dokument konnte nicht erstellt werden' }).waitFor();
  await expectNoAxeViolations(assert, page, 'Prüfen with a failed document');

  await page.unroute('**/efa-pdf-*');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.match(download.suggestedFilename(), /^Anschlussantrag_Kommune_\d{4}-\d{2}-\d{2}_Entwurf\.pdf$/);
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(await page.getByRole('alert').filter({ hasText: 'Das Dokument konnte nicht erstellt werden' }).count(), 0);
  assert.ok(seen.some((p) => /\/efa-pdf-[0-9a-f]+_bg\.wasm$/.test(p)), 'the module came under its hashed name');
  await context.close();
});

test('on a slow line the start page stays in place after "Starten" and the status says the app is loading', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.route('**/*.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await page.goto(api.base + '/');
  const start = page.getByRole('button', { name: 'Starten' });
  await start.click();
  await page.getByRole('status').filter({ hasText: 'Die Anwendung wird geladen …' }).waitFor();
  assert.ok(await start.isVisible(), 'the page does not go blank');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), 'Starten', 'focus stays');
  await page.getByRole('heading', { level: 1, name: 'Überblick' }).waitFor();
  await context.close();
});
