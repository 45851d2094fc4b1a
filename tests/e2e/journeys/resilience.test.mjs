// Resilience: the API goes away during submission (the draft stays and the retry after the
// restart stores exactly one request), the registry arrives late (the server suggests
// meanwhile; without it, the suggestions follow the registry), a page's module cannot be
// fetched (the page says so and tries again), nor can the reader of a returning clerk's
// draft (the same, and the stored draft stays untouched) or the rules' module (the
// overview says so and loads it again), or the line drops once the app is in (every page
// still opens), and an agency that does not serve the Land refuses with the agency that
// does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext, expectNoAxeViolations } from '../support/harness.mjs';
import {
  heading, toSubmit, storedRequests, chooseMunicipality, chooseService, clickContinue,
} from '../support/journey.mjs';

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

test('submit while the API is down keeps the draft; the retry stores exactly one request', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await toSubmit(page, api.base);
  // Let the autosave settle, then take the server away.
  await page.getByText(/Gespeichert um/).waitFor();
  await api.stop();

  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await page.getByText(/Der Server ist nicht erreichbar/).waitFor();
  await page.getByText('Ihre Angaben sind gespeichert und gehen nicht verloren.').waitFor();
  const draft = await page.evaluate(() => {
    const id = localStorage.getItem('efa-onboarding:current');
    return JSON.parse(localStorage.getItem('efa-onboarding:draft:' + id));
  });
  assert.equal(draft.request.municipality.ags, '09663000');
  const key = draft.submission.idempotency_key;
  assert.ok(key && key.length >= 16);

  // Restart on the same port and database; retry twice (a double click must not matter).
  api = await startApi({ dataDir: api.dataDir, port: api.port, owns: true, operatorToken: api.operatorToken });
  await page.getByRole('button', { name: 'Erneut senden' }).click();
  await heading(page, 'Antrag gesendet');
  const after = await page.evaluate(() => {
    const id = localStorage.getItem('efa-onboarding:current');
    return JSON.parse(localStorage.getItem('efa-onboarding:draft:' + id));
  });
  assert.equal(after.submission.idempotency_key, key, 'the retry reused the key');

  // A second send of the same content (e.g. from another tab) is answered from the record.
  const replay = await fetch(api.base + '/api/v1/connection-requests', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: after.submission.body,
  });
  assert.equal(replay.status, 201);
  const stored = await storedRequests(api);
  assert.equal(stored.total, 1, 'exactly one request stored');
  await context.close();
});

test('straight to the municipality step: the server suggests at once, the registry follows, a choice waits for it', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // What the page asks for, in order: the registry must not compete with the first search.
  const events = [];
  page.on('request', (r) => events.push(['request', new URL(r.url()).pathname]));
  page.on('requestfinished', (r) => events.push(['finished', new URL(r.url()).pathname]));
  // The registry is held back, as on a slow line.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/data/registry.tsv', async (route) => { await held; await route.continue(); });
  await page.goto(api.base + '/kommune');
  await heading(page, 'Ihre Kommune');
  const loading = page.getByRole('status').filter({ hasText: 'Gemeindeverzeichnis wird geladen' });
  assert.equal(await loading.count(), 0, 'nothing waits for the registry yet, so nothing is said about it');
  assert.ok(!events.some(([, path]) => path === '/data/registry.tsv'), 'the registry is not requested before the clerk types');

  const box = page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' });
  await box.click();
  await box.pressSequentially('Wür', { delay: 20 });
  // Suggested by the server, typo tolerance and all, while the registry is still held.
  await page.getByRole('option', { name: /^Würzburg Kreisfreie Stadt, Bayern/ }).waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await page.locator('#f-municipality-status').filter({ hasText: /Vorschläge? verfügbar/ }).waitFor();
  const firstAnswer = events.findIndex(([what, path]) => what === 'finished' && path === '/api/v1/municipalities');
  const registryAsked = events.findIndex(([what, path]) => what === 'request' && path === '/data/registry.tsv');
  assert.ok(firstAnswer >= 0, 'the server was asked');
  assert.ok(registryAsked > firstAnswer, `the registry is requested after the first answer (${JSON.stringify(events)})`);
  await box.fill('');
  await box.pressSequentially('Würzbrg', { delay: 20 });
  await page.getByRole('option', { name: /^Würzburg Kreisfreie Stadt/ }).waitFor();
  await expectNoAxeViolations(assert, page, 'Ihre Kommune, suggestions from the server');

  // Chosen before the registry is here: the field shows the choice, the page says what it
  // waits for, and the choice takes effect when the registry arrives.
  await page.getByRole('option', { name: /^Würzburg Kreisfreie Stadt/ }).click();
  assert.equal(await box.inputValue(), 'Würzburg');
  await loading.waitFor();
  release();
  await page.getByRole('heading', { name: 'Gewählte Kommune' }).waitFor();
  await page.getByText('096630000000').waitFor();
  assert.equal(await loading.count(), 0);
  // From now on the app searches by itself: no further request for more typing.
  const asked = events.filter(([what, path]) => what === 'request' && path === '/api/v1/municipalities').length;
  await box.fill('');
  await box.pressSequentially('Kitzingen', { delay: 20 });
  await page.getByRole('option', { name: /^Kitzingen/ }).first().waitFor();
  assert.equal(events.filter(([what, path]) => what === 'request' && path === '/api/v1/municipalities').length, asked);
  await expectNoAxeViolations(assert, page, 'Ihre Kommune, chosen from the server\'s suggestions');
  await context.close();
});

test('without the server\'s search, what is typed gets its suggestions, announced, when the registry arrives', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // The search endpoint is unreachable and the registry is held back until the clerk has typed.
  await page.route('**/api/v1/municipalities*', (route) => route.abort('internetdisconnected'));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/data/registry.tsv', async (route) => { await held; await route.continue(); });
  await page.goto(api.base + '/kommune');
  await heading(page, 'Ihre Kommune');
  const box = page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' });
  await box.click();
  await box.pressSequentially('Wür', { delay: 20 });
  // The search failed, so the page now waits for the registry and says so.
  const loading = page.getByRole('status').filter({ hasText: 'Gemeindeverzeichnis wird geladen' });
  await loading.waitFor();
  assert.equal(await page.getByRole('option').count(), 0, 'nothing to suggest yet');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');

  release();
  // No further key: the suggestions for "Wür" appear and the live region announces them.
  await page.getByRole('option', { name: /^Würzburg Kreisfreie Stadt/ }).waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  await page.locator('#f-municipality-status').filter({ hasText: /Vorschläge? verfügbar/ }).waitFor();
  assert.equal(await loading.count(), 0);
  assert.equal(await box.inputValue(), 'Wür', 'what was typed stays');
  await expectNoAxeViolations(assert, page, 'Ihre Kommune after the registry arrived');
  await context.close();
});

/** The lazily loaded modules of the clerk's app (`split_<name>.wasm` and the chunks they share). */
const PAGE_MODULE = /\/efa-onboarding-[0-9a-f]+\/(split|chunk)_[^/]*\.wasm$/;

test('a page whose module cannot be fetched says so, keeps the draft, and opens on "Erneut versuchen"', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // The module of "Leistungen auswählen" (named after its split point in src/routes.rs)
  // cannot be fetched, as on a line that dropped just then.
  const SERVICES_MODULE = /\/efa-onboarding-[0-9a-f]+\/split_services_page\.wasm$/;
  await page.route((url) => SERVICES_MODULE.test(url.pathname), (route) => route.abort('internetdisconnected'));
  await page.goto(api.base + '/kommune');
  await heading(page, 'Ihre Kommune');
  await chooseMunicipality(page, 'Würzburg', /^Würzburg Kreisfreie Stadt/);
  await page.getByText(/Gespeichert um/).waitFor();

  await page.getByRole('link', { name: 'Überblick' }).first().click();
  await heading(page, 'Überblick');
  await page.getByRole('link', { name: 'Leistungen auswählen' }).click();
  await heading(page, 'Diese Seite konnte nicht geladen werden');
  await page.getByRole('alert').filter({ hasText: 'Ihre Angaben bleiben in diesem Browser gespeichert.' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus is on the heading');
  assert.match(await page.title(), /^Diese Seite konnte nicht geladen werden/);
  await expectNoAxeViolations(assert, page, 'a page that could not be loaded');

  // Still cut off: the retry says it failed again; nothing else changes.
  const retry = page.getByRole('button', { name: 'Erneut versuchen' });
  await retry.click();
  await page.getByRole('status').filter({ hasText: 'Das Laden ist erneut fehlgeschlagen.' }).waitFor();
  // The line is back: the same button opens the page, with the draft as it was.
  await page.unrouteAll();
  await retry.click();
  await heading(page, 'Leistungen auswählen');
  const draft = await page.evaluate(() => {
    const id = localStorage.getItem('efa-onboarding:current');
    return JSON.parse(localStorage.getItem('efa-onboarding:draft:' + id));
  });
  assert.equal(draft.request.municipality.ags, '09663000');
  await expectNoAxeViolations(assert, page, 'Leistungen auswählen after the retry');
  await context.close();
});

test('a returning clerk whose draft reader cannot be fetched is told so, nothing is overwritten, and the retry opens the draft', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // The module that reads stored drafts (split point `draft_reader` in src/draft.rs).
  const READER = /\/efa-onboarding-[0-9a-f]+\/split_draft_reader\.wasm$/;
  const reads = [];
  page.on('requestfinished', (r) => {
    if (READER.test(new URL(r.url()).pathname)) reads.push(r.url());
  });
  await page.goto(api.base + '/kommune');
  await heading(page, 'Ihre Kommune');
  assert.deepEqual(reads, [], 'a first visit has no draft to read and does not fetch the reader');
  await chooseMunicipality(page, 'Würzburg', /^Würzburg Kreisfreie Stadt/);
  await page.getByText(/Gespeichert um/).waitFor();
  const storage = () => page.evaluate(() => {
    const id = localStorage.getItem('efa-onboarding:current');
    return { id, text: localStorage.getItem('efa-onboarding:draft:' + id), keys: localStorage.length };
  });
  const stored = await storage();
  assert.equal(JSON.parse(stored.text).request.municipality.ags, '09663000');

  // The next visit, on a line that drops the reader's module (routing also bypasses the
  // browser's cache).
  await page.route((url) => READER.test(url.pathname), (route) => route.abort('internetdisconnected'));
  await page.goto(api.base + '/ueberblick');
  await heading(page, 'Ihr Entwurf konnte nicht geladen werden');
  await page.getByRole('alert').filter({ hasText: 'Ihre Angaben bleiben in diesem Browser gespeichert.' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus is on the heading');
  assert.match(await page.title(), /^Ihr Entwurf konnte nicht geladen werden/);
  assert.equal(await page.getByRole('heading', { name: 'Überblick' }).count(), 0, 'no page on a stand-in draft');
  await expectNoAxeViolations(assert, page, 'a draft that could not be read');

  const retry = page.getByRole('button', { name: 'Erneut versuchen' });
  await retry.click();
  await page.getByRole('status').filter({ hasText: 'Das Laden ist erneut fehlgeschlagen.' }).waitFor();
  // Leaving the page saves; neither that nor the stand-in may replace the stored draft.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  assert.deepEqual(await storage(), stored, 'the stored draft is untouched');

  // The line is back: the same button opens the overview with the clerk's draft.
  await page.unrouteAll();
  await retry.click();
  await heading(page, 'Überblick');
  await page.locator('p.lead').filter({ hasText: 'Würzburg' }).waitFor();
  // The overview notes the step in the same draft, as it always does.
  const after = await storage();
  assert.equal(after.id, stored.id, 'the clerk goes on with the stored draft');
  assert.equal(after.keys, stored.keys, 'no second draft');
  assert.equal(JSON.parse(after.text).request.municipality.ags, '09663000');
  await expectNoAxeViolations(assert, page, 'Überblick after the draft was read');
  await context.close();
});

test('the overview says when the rules\' module cannot be fetched, and loads it again on request', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // The module with the request's checks and their wording (split point `request_rules`
  // in src/rules.rs), without which no section has a status.
  const RULES = /\/efa-onboarding-[0-9a-f]+\/split_request_rules\.wasm$/;
  await page.route((url) => RULES.test(url.pathname), (route) => route.abort('internetdisconnected'));
  await page.goto(api.base + '/ueberblick');
  await heading(page, 'Überblick');
  const alert = page.getByRole('alert').filter({ hasText: 'Die Prüfdaten (Leistungskatalog oder Gemeindeverzeichnis) konnten nicht geladen werden.' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Ihre Angaben sind gespeichert/);
  const municipality = page.locator('#status-kommune');
  assert.equal((await municipality.textContent()).trim(), 'unbekannt', 'no status, and not "Wird geladen"');
  await expectNoAxeViolations(assert, page, 'Überblick without the rules');

  await page.unrouteAll();
  await page.getByRole('button', { name: 'Erneut versuchen' }).click();
  await page.locator('#status-kommune').filter({ hasText: 'Nicht begonnen' }).waitFor();
  assert.equal(await alert.count(), 0, 'the notice is gone');
  await page.getByRole('link', { name: 'Ihre Kommune' }).waitFor();
  await expectNoAxeViolations(assert, page, 'Überblick after the rules arrived');
  await context.close();
});

test('once catalog and registry are in, every page\'s module is fetched, and the pages open offline', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const fetched = [];
  page.on('requestfinished', (r) => {
    const path = new URL(r.url()).pathname;
    if (PAGE_MODULE.test(path)) fetched.push(path);
  });
  await page.goto(api.base + '/kommune');
  await heading(page, 'Ihre Kommune');
  assert.deepEqual(fetched, [], 'no page module before the clerk has what the step needs');
  await chooseMunicipality(page, 'Würzburg', /^Würzburg Kreisfreie Stadt/);
  // Every module the split's loader names (an empty one is named nowhere) arrives without
  // the clerk going anywhere.
  const html = await (await fetch(api.base + '/')).text();
  const folder = html.match(/\/efa-onboarding-[0-9a-f]+\//)[0];
  const loader = await (await fetch(api.base + folder + '__wasm_split.js')).text();
  const expected = [...loader.matchAll(/"\.\/((?:split|chunk)_[^"]+\.wasm)"/g)].map((m) => folder + m[1]);
  assert.ok(expected.length > 5, `the loader names the modules (${expected.length})`);
  while (!expected.every((path) => fetched.includes(path))) {
    await page.waitForEvent('requestfinished');
  }

  // Offline from here on: the clerk goes on through the steps and to the drafts.
  await context.setOffline(true);
  await page.getByRole('link', { name: 'Überblick' }).first().click();
  await heading(page, 'Überblick');
  await page.getByRole('link', { name: 'Leistungen auswählen' }).click();
  await heading(page, 'Leistungen auswählen');
  await page.getByLabel('Suchbegriff').fill('wohngeld');
  await chooseService(page, /^Wohngeld \(Mietzuschuss/);
  await clickContinue(page);
  await heading(page, 'Voraussetzungen');
  await clickContinue(page);
  await heading(page, 'Angaben je Leistung');
  await page.getByRole('link', { name: 'Entwürfe' }).first().click();
  await heading(page, 'Entwürfe');
  await context.close();
});

test('a Land this agency does not serve: the clerk reads which agency does, and nothing is stored', async () => {
  const nrwOnly = await startApi({ args: ['--accepted-lands', 'NW'] });
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await toSubmit(page, nrwOnly.base);
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'nimmt diese Stelle nicht entgegen' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Zuständig ist BayKommun/);
    await alert.getByText('Ihre Angaben sind gespeichert und gehen nicht verloren.').waitFor();
    await expectNoAxeViolations(assert, page, 'Antrag absenden, refused for its Land');
    assert.equal((await storedRequests(nrwOnly)).total, 0);
  } finally {
    await context.close();
    await nrwOnly.stop();
    nrwOnly.cleanup();
  }
});
