// Both sides of one request, with a real SMTP server: a Bavarian operator signs in to the
// console, finds the confirmed request by its reference, asks a Rückfrage; the
// municipality is mailed and answers in a few words; asked again, it opens its status
// link in another browser and answers with version 2 (a changed contact and one more
// service); the operator sees the two versions
// compared field by field and accepts; the clerk's status page shows "Angenommen". An
// operator for NRW sees none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { axe, heading, toSubmit, amendWithEinbuergerung } from '../support/journey.mjs';
import { startSmtp, confirmLink } from '../support/mail.mjs';
import { download, pdfText } from '../support/files.mjs';

let smtp;
let api;
let browser;

before(async () => {
  smtp = await startSmtp();
  api = await startApi({ args: ['--smtp-url', smtp.url] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await api?.stop();
  api?.cleanup();
  await smtp?.stop();
});

function addOperator(name, lands) {
  return execFileSync(process.env.EFA_API_BIN,
    ['--data-dir', api.dataDir, 'operators', 'add', name, '--lands', lands],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

async function signIn(page, token) {
  await page.goto(api.base + '/verwaltung');
  await heading(page, 'Anmelden');
  await page.getByLabel('Persönliches Zugangstoken').fill(token);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await heading(page, 'Anschlussanträge');
}

/** The value of the status page's summary row `term`. */
async function summaryValue(page, term) {
  const row = page.locator('.summary-list__row').filter({ has: page.locator('dt', { hasText: term }) });
  return (await row.locator('dd').textContent()).trim();
}

/** The counts per status as the console shows them: `{ Alle: 1, Eingegangen: 1, … }`. */
async function counts(page) {
  const nav = page.getByRole('navigation', { name: 'Anzahl nach Status' });
  await nav.waitFor();
  const texts = await nav.getByRole('link').allTextContents();
  return Object.fromEntries(texts.map((t) => {
    const [label, n] = t.split(': ');
    return [label, Number(n)];
  }));
}

test('operator and municipality work a Rückfrage through to acceptance', async () => {
  // The clerk submits and confirms through the mailed link.
  const clerkContext = await newContext(browser);
  const clerk = await clerkContext.newPage();
  await toSubmit(clerk, api.base);
  await clerk.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(clerk, 'Antrag gesendet');
  const reference = (await clerk.locator('.reference').textContent()).trim();
  const statusLink = await clerk.getByRole('link', { name: /\/status\// }).getAttribute('href');
  const confirmation = await smtp.waitFor(reference, { ready: (m) => m.includes('/bestaetigen/') });
  await clerk.goto(confirmLink(confirmation));
  await clerk.getByRole('button', { name: 'Anfrage bestätigen' }).click();
  await clerk.getByText('bestätigt', { exact: false }).first().waitFor();
  // A second, unconfirmed request from the same Land, which the filter leaves out.
  const otherContext = await newContext(browser);
  const other = await otherContext.newPage();
  await toSubmit(other, api.base);
  await other.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(other, 'Antrag gesendet');
  await otherContext.close();

  // The operator: the header names the account and its Land; counts per status.
  const byToken = addOperator('by.anna', 'BY');
  const opContext = await newContext(browser);
  const op = await opContext.newPage();
  await signIn(op, byToken);
  const account = op.getByRole('navigation', { name: 'Verwaltung' });
  await account.getByText('Angemeldet als by.anna · Bayern').waitFor();
  assert.deepEqual(await op.getByRole('search').getByLabel('Land').locator('option').allTextContents(),
    ['Alle Länder Ihres Kontos', 'Bayern'], 'only the account’s Länder are offered');
  assert.equal((await counts(op)).Eingegangen, 2);
  await axe(op, 'Verwaltung: Liste mit Zählern');

  // Confirmed requests, found by their reference: one.
  const search = op.getByRole('search', { name: 'Anträge filtern' });
  await search.getByLabel('Bestätigt').selectOption({ label: 'Bestätigt' });
  await search.getByLabel('Suche').fill(reference.toLowerCase());
  await search.getByRole('button', { name: 'Filtern' }).click();
  const table = op.getByRole('table', { name: /^Anschlussanträge 1 bis 1 von 1/ });
  await table.getByRole('link', { name: reference }).waitFor();
  assert.match(op.url(), new RegExp(`[?&]q=${reference.toLowerCase()}(&|$)`), 'the search is in the URL');
  assert.equal((await counts(op)).Alle, 1, 'counts follow the other filters');
  await axe(op, 'Verwaltung: Suche');
  // A bookmark of this view opens it again.
  await op.reload();
  await table.getByRole('link', { name: reference }).waitFor();
  assert.equal(await search.getByLabel('Suche').inputValue(), reference.toLowerCase());

  // Open it: the request as the clerk's review page shows it, the prerequisite snapshot
  // with its open points, and the documents made again from the stored data, whose
  // fingerprint is the one of the submission.
  await table.getByRole('link', { name: reference }).click();
  await heading(op, `Antrag ${reference}`);
  await op.getByRole('heading', { level: 3, name: /^Wohngeld/ }).waitFor();
  const office = op.locator('.summary-list__row').filter({ has: op.locator('dt', { hasText: /^Zuständige Organisationseinheit$/ }) });
  assert.match((await office.first().locator('dd').first().textContent()).trim(), /^Wohngeldstelle/);
  assert.equal(await op.getByRole('link', { name: /^Ändern/ }).count(), 0, 'nothing to change here');
  await op.getByRole('heading', { level: 2, name: 'Voraussetzungen bei Einreichung' }).waitFor();
  await op.getByText(/bei der Einreichung noch nicht erfüllt; der Antrag weist sie als offen aus\./).waitFor();
  const check = op.getByRole('status').filter({ hasText: 'Fingerabdruck geprüft' });
  await check.waitFor();
  const fingerprint = (await check.textContent()).match(/ergeben ([0-9a-f]{16})/)[1];
  await axe(op, 'Verwaltung: Antrag mit Dokumenten');
  const pdf = await download(op, op.getByRole('button', { name: 'Anschlussantrag als PDF' }));
  assert.match(pdf.name, /^Anschlussantrag_Wuerzburg_\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfWords = pdfText(pdf.path);
  assert.ok(pdfWords.includes(`Aktenzeichen ${reference}`), 'the final document, with its reference');
  assert.ok(pdfWords.includes(`Fingerabdruck ${fingerprint}`), 'the regenerated PDF prints the stored fingerprint');

  // Ask a Rückfrage.
  const form = op.locator('form').filter({ has: op.getByRole('button', { name: 'Status ändern' }) });
  await form.getByRole('radio', { name: 'In Prüfung' }).check();
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await op.getByText('Der Status ist jetzt „In Prüfung“.').waitFor();
  const question = 'Bitte nehmen Sie auch die Einbürgerung auf und nennen Sie eine Durchwahl der Fachlichen Ansprechperson.';
  await form.getByRole('radio', { name: 'Rückfrage' }).check();
  await op.getByLabel('Hinweis an die Kommune').fill(question);
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await op.getByText('Der Status ist jetzt „Rückfrage“.').waitFor();

  // The municipality is mailed and answers in a few words first.
  const asked = await smtp.waitFor(reference, { ready: (m) => m.includes('Bitte nehmen Sie auch die Einbürgerung auf') });
  assert.ok(asked.includes('Neuer Status: R'), 'the mail names the new status');
  await clerk.goto(statusLink);
  await heading(clerk, 'Stand Ihres Antrags');
  const firstQuestion = clerk.getByRole('region', { name: 'Rückfrage der Stelle' });
  const answer = 'Die Durchwahl ist 0931 37-4711. Die Einbürgerung nehmen wir gern auf.';
  await firstQuestion.getByRole('textbox', { name: 'Ihre Antwort' }).fill(answer);
  await firstQuestion.getByRole('button', { name: 'Antwort senden' }).click();
  await clerk.getByRole('status').filter({ hasText: 'Ihre Antwort wurde gesendet.' }).waitFor();
  await clerkContext.close();

  // The operator reads the answer in the history and asks for the amended request.
  await op.getByRole('button', { name: 'Neu laden' }).click();
  const history = op.getByRole('table', { name: 'Verlauf des Antrags' });
  const answered = history.getByRole('row').filter({ has: op.getByRole('cell', { name: answer }) });
  await answered.getByRole('cell', { name: 'Antwort der Kommune' }).waitFor();
  const followUp = 'Danke. Bitte reichen Sie den Antrag mit der Einbürgerung und der Durchwahl ergänzt ein.';
  await form.getByRole('radio', { name: 'Rückfrage' }).check();
  await op.getByLabel('Hinweis an die Kommune').fill(followUp);
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await op.getByText('Der Status ist jetzt „Rückfrage“.').waitFor();
  await smtp.waitFor(reference, { ready: (m) => m.includes('Bitte reichen Sie den Antrag mit der Einbürgerung') });

  // Version 2, from another browser that has only the status link.
  const secondContext = await newContext(browser);
  const second = await secondContext.newPage();
  await second.goto(statusLink);
  await heading(second, 'Stand Ihres Antrags');
  const region = second.getByRole('region', { name: 'Rückfrage der Stelle' });
  await region.getByText('Bitte reichen Sie den Antrag mit der Einbürgerung', { exact: false }).waitFor();
  await region.getByRole('button', { name: 'Antrag ergänzen' }).click();
  await amendWithEinbuergerung(second, '0931 37-4711');
  await second.getByRole('button', { name: 'Weiter zum Absenden' }).click();
  await heading(second, 'Antrag absenden');
  await second.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(second, 'Antrag gesendet');
  await second.getByText('Fassung 2 ist eingegangen.', { exact: false }).waitFor();

  // The operator: the answer first in the list, the comparison of the two versions.
  await op.getByRole('link', { name: 'Zur Liste der Anträge' }).click();
  await heading(op, 'Anschlussanträge');
  const first = op.getByRole('table', { name: /^Anschlussanträge/ }).getByRole('row').nth(1);
  await first.getByText('Antwort der Kommune').waitFor();
  await first.getByRole('link', { name: reference }).click();
  await heading(op, `Antrag ${reference}`);
  const comparison = op.getByRole('table', { name: /^Änderungen von Fassung 1 zu Fassung 2/ });
  await comparison.waitFor();
  const phone = comparison.getByRole('row').filter({ has: op.getByRole('rowheader', { name: 'Fachliche Ansprechperson · Telefon' }) });
  const cells = (await phone.getByRole('cell').allTextContents()).map((t) => t.trim());
  assert.equal(cells[0], 'Ansprechpersonen');
  assert.equal(cells[1], 'geändert');
  assert.deepEqual(cells.slice(2), ['0931 37-0', '0931 37-4711']);
  const added = comparison.getByRole('row').filter({ has: op.getByRole('rowheader', { name: /^Antrag auf Einbürgerung/ }) });
  assert.deepEqual((await added.getByRole('cell').allTextContents()).slice(0, 2), ['Leistungen', 'hinzugefügt']);
  await axe(op, 'Verwaltung: Vergleich der Fassungen');
  // The documents are now those of version 2.
  await op.getByRole('status').filter({ hasText: 'Fingerabdruck geprüft' }).waitFor();
  const pdf2 = await download(op, op.getByRole('button', { name: 'Anschlussantrag als PDF' }));
  assert.match(pdf2.name, /_Fassung-2\.pdf$/);
  assert.ok(pdfText(pdf2.path).includes('Antrag auf Einbürgerung'), 'version 2 has the added service');
  // One version with itself: nothing differs.
  await op.getByLabel('Frühere Fassung').selectOption('2');
  await op.getByRole('button', { name: 'Vergleichen' }).click();
  await op.getByText('Fassung 2 und Fassung 2 unterscheiden sich nicht.').waitFor();

  // Accepted.
  await form.getByRole('radio', { name: 'Angenommen' }).check();
  await form.getByRole('button', { name: 'Status ändern' }).click();
  await op.getByText('Der Status ist jetzt „Angenommen“.').waitFor();
  await axe(op, 'Verwaltung: angenommen');

  // The clerk's status page says so.
  await second.goto(statusLink);
  await heading(second, 'Stand Ihres Antrags');
  assert.equal(await summaryValue(second, 'Aktueller Stand'), 'Angenommen');
  await axe(second, 'Status: angenommen');
  await secondContext.close();
  await opContext.close();

  // An operator for NRW: nothing, not by search, not by its address.
  const nwToken = addOperator('nw.ben', 'NW');
  const nwContext = await newContext(browser);
  const nw = await nwContext.newPage();
  await signIn(nw, nwToken);
  await nw.getByRole('navigation', { name: 'Verwaltung' }).getByText('Angemeldet als nw.ben · Nordrhein-Westfalen').waitFor();
  await nw.getByText('Keine Anträge gefunden.').waitFor();
  assert.equal((await counts(nw)).Alle, 0);
  await nw.goto(`${api.base}/verwaltung?q=${reference}`);
  await nw.getByText('Keine Anträge gefunden.').waitFor();
  const id = new URL(statusLink).pathname.split('/').pop();
  await nw.goto(`${api.base}/verwaltung/antrag/${id}`);
  await heading(nw, 'Antrag nicht gefunden');
  await nwContext.close();
});
