// The agency's console at /verwaltung: a Bavarian operator signs in with their personal
// token, filters the list, opens the clerk's request, asks a Rückfrage (the note is
// required) and exports the list; an operator for NRW sees nothing of it; signing out
// forgets the token. The console is a module of its own: clerks never download it, and
// the console never downloads the clerk's app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { axe, heading, toSubmit } from '../support/journey.mjs';
import { download } from '../support/files.mjs';

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

/** A new operator account for `lands`; returns its token. */
function addOperator(name, lands) {
  return execFileSync(process.env.EFA_API_BIN,
    ['--data-dir', api.dataDir, 'operators', 'add', name, '--lands', lands],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** A status change by another operator (the account of every Land), through the API. */
async function colleague(id, change) {
  const r = await fetch(`${api.base}/api/v1/operator/connection-requests/${id}/status`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${api.operatorToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(change),
  });
  assert.equal(r.status, 200, await r.text());
}

/** Paths of every request `page` makes from now on. */
function requests(page) {
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}

// The clerk's app: its glue, main module and lazily loaded modules, in one hashed folder.
const CLERK_MAIN = /^\/efa-onboarding-[0-9a-f]+\/efa-onboarding_bg\.wasm$/;
const CLERK = /^\/efa-onboarding-[0-9a-f]+\//;
const CONSOLE = /^\/efa-console-[0-9a-f]+(\.js|_bg\.wasm)$/;

async function signIn(page, token) {
  await page.getByLabel('Persönliches Zugangstoken').fill(token);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await heading(page, 'Anschlussanträge');
}

test('agency staff work on a request in the console', async () => {
  // The clerk submits a request from Würzburg; their browser never loads the console.
  const clerkContext = await newContext(browser);
  const clerk = await clerkContext.newPage();
  const clerkPaths = requests(clerk);
  await toSubmit(clerk, api.base);
  await clerk.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(clerk, 'Antrag gesendet');
  const reference = (await clerk.locator('.reference').textContent()).trim();
  const statusLink = await clerk.getByRole('link', { name: /\/status\// }).getAttribute('href');
  const id = new URL(statusLink).pathname.split('/').pop();
  assert.ok(clerkPaths.some((p) => CLERK_MAIN.test(p)), 'the clerk loads the app');
  assert.deepEqual(clerkPaths.filter((p) => CONSOLE.test(p)), [], 'the clerk never loads the console');
  await clerkContext.close();

  const byToken = addOperator('by.anna', 'BY');
  const nwToken = addOperator('nw.ben', 'NW');

  // Sign-in: a wrong token is refused with an error summary; the right one opens the list.
  const context = await newContext(browser);
  const page = await context.newPage();
  const paths = requests(page);
  await page.goto(api.base + '/verwaltung');
  await heading(page, 'Anmelden');
  await axe(page, 'Verwaltung: Anmelden');
  await page.getByLabel('Persönliches Zugangstoken').fill('kein-gueltiges-token');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
  await summary.getByRole('link', { name: /Zugangstoken ist nicht gültig/ }).waitFor();
  assert.match(await page.title(), /^Fehler: /);
  await axe(page, 'Verwaltung: falsches Token');
  await signIn(page, byToken);
  const table = page.getByRole('table', { name: /^Anschlussanträge 1 bis 1 von 1/ });
  await table.getByRole('link', { name: reference }).waitFor();
  assert.equal(await table.getByRole('row').nth(1).getByRole('cell').nth(2).textContent(), 'Eingegangen');
  await axe(page, 'Verwaltung: Liste');
  assert.ok(paths.some((p) => CONSOLE.test(p)), 'the console module is loaded');
  assert.deepEqual(paths.filter((p) => CLERK.test(p)), [], 'the console never loads the clerk app');

  // Filters go into the URL, so a view can be bookmarked and reloaded.
  const search = page.getByRole('search', { name: 'Anträge filtern' });
  await search.getByLabel('Status').selectOption({ label: 'Rückfrage' });
  await search.getByRole('button', { name: 'Filtern' }).click();
  await page.getByText('Keine Anträge gefunden.').waitFor();
  assert.match(page.url(), /\/verwaltung\?status=rueckfrage$/);
  await axe(page, 'Verwaltung: leere Liste');
  await page.goto(api.base + '/verwaltung?status=eingegangen&land=BY');
  await heading(page, 'Anschlussanträge');
  assert.equal(await search.getByLabel('Status').inputValue(), 'eingegangen');
  assert.equal(await search.getByLabel('Land').inputValue(), 'BY');
  await table.getByRole('link', { name: reference }).waitFor();

  // The CSV export of the filter, fetched with the account's token.
  const csv = await download(page, page.getByRole('button', { name: 'Als CSV exportieren' }));
  assert.match(csv.name, /^anschlussantraege-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(readFileSync(csv.path, 'utf8').includes(reference), 'the export lists the request');

  // The request: its summary, then the status changes along the state machine.
  await table.getByRole('link', { name: reference }).click();
  await heading(page, `Antrag ${reference}`);
  await page.getByText('Würzburg', { exact: true }).first().waitFor();
  await page.getByText('digitalisierung@stadt.wuerzburg.de').waitFor();
  await axe(page, 'Verwaltung: Antrag');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Status ändern' }) });
  assert.deepEqual(await form.getByRole('radio').evaluateAll((rs) => rs.map((r) => r.value)),
    ['in_pruefung', 'abgelehnt'], 'only the transitions the state machine allows');
  await form.getByRole('radio', { name: 'In Prüfung' }).check();
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await page.getByText('Der Status ist jetzt „In Prüfung“.').waitFor();

  // A Rückfrage needs a note: without one, nothing is sent.
  let sends = 0;
  page.on('request', (r) => { if (r.method() === 'POST') sends += 1; });
  await form.getByRole('radio', { name: 'Rückfrage' }).check();
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await summary.getByRole('link', { name: /Geben Sie einen Hinweis an die Kommune ein/ }).waitFor();
  assert.equal(sends, 0, 'nothing sent without a note');
  assert.match(await page.title(), /^Fehler: /);
  await axe(page, 'Verwaltung: Rückfrage ohne Hinweis');
  await summary.getByRole('link', { name: /Geben Sie einen Hinweis/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'hinweis');
  const note = 'Bitte nennen Sie die Leitweg-ID der Wohngeldstelle.';
  await page.getByLabel('Hinweis an die Kommune').fill(note);

  // Meanwhile a colleague changes the request: nothing is overwritten, the note stays.
  await colleague(id, { status: 'rueckfrage', note: 'Bitte rufen Sie uns an.' });
  await colleague(id, { status: 'in_pruefung' });
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await summary.getByRole('link', { name: /inzwischen geändert/ }).waitFor();
  assert.equal(await page.getByLabel('Hinweis an die Kommune').inputValue(), note);
  await axe(page, 'Verwaltung: inzwischen geändert');
  await page.getByRole('button', { name: 'Neu laden' }).click();
  await page.getByRole('table', { name: 'Verlauf des Antrags' })
    .getByRole('cell', { name: 'Bitte rufen Sie uns an.' }).waitFor();
  assert.equal(await page.getByLabel('Hinweis an die Kommune').inputValue(), note);
  await form.getByRole('radio', { name: 'Rückfrage' }).check();
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await page.getByText('Der Status ist jetzt „Rückfrage“.').waitFor();
  const history = page.getByRole('table', { name: 'Verlauf des Antrags' });
  await history.getByRole('cell', { name: note }).waitFor();
  assert.equal(await history.getByRole('cell', { name: 'by.anna' }).count(), 2);
  await axe(page, 'Verwaltung: Antrag mit Rückfrage');
  // The list says so too.
  await page.getByRole('link', { name: 'Zur Liste der Anträge' }).click();
  await heading(page, 'Anschlussanträge');
  assert.equal(await table.getByRole('row').nth(1).getByRole('cell').nth(2).textContent(), 'Rückfrage');

  // Signing out forgets the token: a reload asks for it again.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await heading(page, 'Anmelden');
  await page.reload();
  await heading(page, 'Anmelden');
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await context.close();

  // An operator for NRW sees no Bavarian request, not even by its URL.
  const nwContext = await newContext(browser);
  const nw = await nwContext.newPage();
  await nw.goto(api.base + '/verwaltung');
  await heading(nw, 'Anmelden');
  await signIn(nw, nwToken);
  await nw.getByText('Keine Anträge gefunden.').waitFor();
  await nw.goto(api.base + `/verwaltung/antrag/${id}`);
  await heading(nw, 'Antrag nicht gefunden');
  await axe(nw, 'Verwaltung: Antrag nicht gefunden');
  await nwContext.close();
});

test('the list pages through more requests than fit on one page', async () => {
  // Its own server without a rate limit, so 27 submissions can go in at once.
  const paged = await startApi({ args: ['--rate-limit-per-second', '0'] });
  const context = await newContext(browser);
  try {
    const body = readFileSync(new URL('../../../crates/api/tests/fixtures/wuerzburg.json', import.meta.url));
    for (let i = 0; i < 27; i += 1) {
      const r = await fetch(`${paged.base}/api/v1/connection-requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `paging-${i}` },
        body,
      });
      assert.equal(r.status, 201, await r.text());
    }
    const page = await context.newPage();
    await page.goto(paged.base + '/verwaltung');
    await heading(page, 'Anmelden');
    await signIn(page, paged.operatorToken);
    const pages = page.getByRole('navigation', { name: 'Seiten' });
    await page.getByRole('table', { name: /^Anschlussanträge 1 bis 25 von 27$/ }).waitFor();
    assert.equal(await pages.getByRole('link', { name: 'Vorherige Seite' }).count(), 0);

    await pages.getByRole('link', { name: 'Nächste Seite' }).click();
    const second = page.getByRole('table', { name: /^Anschlussanträge 26 bis 27 von 27$/ });
    await second.waitFor();
    assert.equal(await second.getByRole('row').count(), 3, 'a header row and the last two requests');
    assert.equal(new URL(page.url()).searchParams.get('offset'), '25', 'the page is in the URL');
    assert.equal(await pages.getByRole('link', { name: 'Nächste Seite' }).count(), 0);
    await axe(page, 'Verwaltung: zweite Seite');

    // The bookmarked second page opens as it was; back leads to the first.
    await page.reload();
    await second.waitFor();
    await pages.getByRole('link', { name: 'Vorherige Seite' }).click();
    await page.getByRole('table', { name: /^Anschlussanträge 1 bis 25 von 27$/ }).waitFor();
  } finally {
    await context.close();
    await paged.stop();
    paged.cleanup();
  }
});
