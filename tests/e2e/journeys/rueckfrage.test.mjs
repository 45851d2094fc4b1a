// The agency asks a Rückfrage and the clerk answers it on the status page: the mail says
// a question waits, the status page shows the question and a form; an empty answer is
// caught before anything is sent, a failed send keeps the text, and a sent answer puts
// the request back into review, shows in the history as the clerk's and comes first in
// the agency's list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { axe, heading, toSubmit, amendWithEinbuergerung } from '../support/journey.mjs';
import { waitForMail } from '../support/mail.mjs';
import { download, pdfText } from '../support/files.mjs';

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

async function operator(path, { method = 'GET', body } = {}) {
  const r = await fetch(api.base + '/api/v1/operator/connection-requests' + path, {
    method,
    headers: { Authorization: `Bearer ${api.operatorToken}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  assert.equal(r.status, 200, `${method} ${path}: ${await r.clone().text()}`);
  return r.json();
}

/** The value of the status page's summary row `term`. */
async function summaryValue(page, term) {
  const row = page.locator('.summary-list__row').filter({ has: page.locator('dt', { hasText: term }) });
  return (await row.locator('dd').textContent()).trim();
}

test('the clerk answers the agency’s Rückfrage on the status page', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await toSubmit(page, api.base);
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(page, 'Antrag gesendet');
  const reference = (await page.locator('.reference').textContent()).trim();
  const statusLink = await page.getByRole('link', { name: /\/status\// }).getAttribute('href');
  const id = new URL(statusLink).pathname.split('/').pop();

  // The agency reviews the request and asks a question.
  const question = 'Bitte nennen Sie die Leitweg-ID der Wohngeldstelle.\nOhne sie können wir nicht abrechnen.';
  await operator(`/${id}/status`, { method: 'POST', body: { status: 'in_pruefung' } });
  await operator(`/${id}/status`, { method: 'POST', body: { status: 'rueckfrage', note: question } });
  const mail = await waitForMail(api, reference, { ready: (text) => text.includes('Neuer Status: Rückfrage') });
  assert.ok(mail.includes('Bitte beantworten Sie die Rückfrage auf der Statusseite'), mail);

  // The status page shows the question and asks for the answer.
  const clerk = await context.newPage();
  await clerk.goto(statusLink);
  await heading(clerk, 'Stand Ihres Antrags');
  assert.equal(await summaryValue(clerk, 'Aktueller Stand'), 'Rückfrage');
  const asked = clerk.getByRole('region', { name: 'Rückfrage der Stelle' });
  await asked.getByText('Bitte nennen Sie die Leitweg-ID der Wohngeldstelle.', { exact: false }).waitFor();
  const field = asked.getByRole('textbox', { name: 'Ihre Antwort' });
  await field.waitFor();
  await axe(clerk, 'Status mit Rückfrage');

  // An empty answer is caught before anything is sent; the summary links to the field.
  let sends = 0;
  clerk.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('/answer')) sends += 1; });
  await asked.getByRole('button', { name: 'Antwort senden' }).click();
  const summary = clerk.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
  await summary.getByRole('link', { name: 'Füllen Sie dieses Feld aus.' }).waitFor();
  assert.equal(sends, 0, 'nothing sent for an empty answer');
  assert.match(await clerk.title(), /^Fehler: /);
  await axe(clerk, 'Status mit Rückfrage: leere Antwort');
  await summary.getByRole('link', { name: 'Füllen Sie dieses Feld aus.' }).click();
  await clerk.waitForFunction(() => document.activeElement?.id === 'f-answer');

  // The network fails once: the text stays, with a message to try again.
  const answer = 'Die Leitweg-ID lautet 09663000-WOHNGELD-12.\nMit freundlichen Grüßen';
  await field.fill(answer);
  await clerk.route('**/answer', (route) => route.abort('internetdisconnected'), { times: 1 });
  await asked.getByRole('button', { name: 'Antwort senden' }).click();
  await clerk.getByRole('alert').filter({ hasText: 'weil der Server nicht erreichbar ist' }).waitFor();
  assert.equal(await field.inputValue(), answer, 'the typed answer is kept');
  await axe(clerk, 'Status mit Rückfrage: Netzfehler');

  // Sent: a note that takes focus, the request back in review, the answer in the history.
  await asked.getByRole('button', { name: 'Antwort senden' }).click();
  const sent = clerk.getByRole('status').filter({ hasText: 'Ihre Antwort wurde gesendet.' });
  await sent.waitFor();
  await clerk.waitForFunction(() => document.activeElement?.id === 'antwort-gesendet');
  assert.equal(await summaryValue(clerk, 'Aktueller Stand'), 'In Prüfung');
  assert.equal(await clerk.getByRole('region', { name: 'Rückfrage der Stelle' }).count(), 0, 'nothing is asked any more');
  const last = clerk.locator('.history li').last();
  assert.match(await last.textContent(), /In Prüfung.*Ihre Antwort: Die Leitweg-ID lautet 09663000-WOHNGELD-12\./s);
  await axe(clerk, 'Status nach der Antwort');

  // A reload shows the same: the answer was stored, and the token stayed in this tab.
  await clerk.reload();
  await heading(clerk, 'Stand Ihres Antrags');
  assert.equal(await summaryValue(clerk, 'Aktueller Stand'), 'In Prüfung');
  await clerk.getByText('Ihre Antwort:', { exact: false }).waitFor();

  // The agency: the answered request first, the answer as the municipality's.
  const list = await operator('');
  assert.equal(list.items[0].id, id);
  assert.ok(list.items[0].answered_at, 'marked as answered');
  const detail = await operator(`/${id}`);
  const entry = detail.history.at(-1);
  assert.deepEqual([entry.status, entry.note, entry.by_municipality, entry.account], ['in_pruefung', answer, true, null]);
  await context.close();
});

test('the clerk answers with a new version from another browser: a changed contact and one more service', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await toSubmit(page, api.base);
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(page, 'Antrag gesendet');
  const reference = (await page.locator('.reference').textContent()).trim();
  const statusLink = await page.getByRole('link', { name: /\/status\// }).getAttribute('href');
  const id = new URL(statusLink).pathname.split('/').pop();
  await context.close();

  const question = 'Bitte nehmen Sie auch die Einbürgerung auf und nennen Sie eine Durchwahl der Fachlichen Ansprechperson.';
  await operator(`/${id}/status`, { method: 'POST', body: { status: 'in_pruefung' } });
  await operator(`/${id}/status`, { method: 'POST', body: { status: 'rueckfrage', note: question } });
  const before = await operator(`/${id}`);

  // Another browser: only the status link is there, no draft.
  const other = await newContext(browser);
  const clerk = await other.newPage();
  await clerk.goto(statusLink);
  await heading(clerk, 'Stand Ihres Antrags');
  const asked = clerk.getByRole('region', { name: 'Rückfrage der Stelle' });
  await asked.getByRole('heading', { name: 'Oder: Antrag ergänzen' }).waitFor();
  await asked.getByRole('button', { name: 'Antrag ergänzen' }).click();

  // The stored request opens on the check page, as a draft of its own; the clerk changes
  // a contact's phone and adds the Einbürgerung.
  await amendWithEinbuergerung(clerk, '0931 37-4711');
  await axe(clerk, 'Angaben prüfen (Ergänzung)');

  // "Absenden" says this is the next version of the same request.
  await clerk.getByRole('button', { name: 'Weiter zum Absenden' }).click();
  await heading(clerk, 'Antrag absenden');
  await clerk.getByText(`Sie senden eine neue Fassung (Fassung 2) des Antrags ${reference}`, { exact: false }).waitFor();
  await axe(clerk, 'Antrag absenden (Ergänzung)');
  await clerk.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(clerk, 'Antrag gesendet');
  assert.equal((await clerk.locator('.reference').textContent()).trim(), reference, 'the same reference');
  await clerk.getByText('Fassung 2 ist eingegangen.', { exact: false }).waitFor();
  await axe(clerk, 'Bestätigung (Fassung 2)');
  // Its documents say which version they are.
  const pdf = await download(clerk, clerk.getByRole('button', { name: 'Anschlussantrag als PDF herunterladen' }));
  assert.match(pdf.name, /^Anschlussantrag_Wuerzburg_\d{4}-\d{2}-\d{2}_Fassung-2\.pdf$/);
  const text = pdfText(pdf.path);
  assert.ok(text.includes(`Aktenzeichen ${reference} · Fassung 2`), 'every page names the version');
  assert.ok(text.includes('0931 37-4711') && text.includes('Antrag auf Einbürgerung'), 'the PDF is of version 2');

  // The status page: back in review, the version in the history, nothing asked.
  await clerk.goto(statusLink);
  await heading(clerk, 'Stand Ihres Antrags');
  assert.equal(await summaryValue(clerk, 'Aktueller Stand'), 'In Prüfung');
  await clerk.getByText('Sie haben Fassung 2 des Antrags eingereicht.').waitFor();
  assert.equal(await clerk.getByRole('region', { name: 'Rückfrage der Stelle' }).count(), 0);
  await axe(clerk, 'Status nach Fassung 2');

  // The agency: version 2 among the answers that come first in the list (the first
  // test's answer, older, before it), both versions kept with their fingerprints.
  const list = await operator('');
  const answered = list.items.filter((i) => i.answered_at);
  assert.deepEqual(list.items.slice(0, answered.length), answered, 'answers first');
  const mine = answered.find((i) => i.id === id);
  assert.ok(mine, 'marked as answered');
  assert.equal(mine.version, 2);
  const detail = await operator(`/${id}`);
  assert.equal(detail.version, 2);
  assert.deepEqual(detail.versions.map((v) => v.version), [1, 2]);
  assert.equal(detail.versions[0].fingerprint, before.fingerprint);
  assert.notEqual(detail.versions[1].fingerprint, before.fingerprint);
  assert.equal(detail.document.contacts.fachlich.phone, '0931 37-4711');
  assert.deepEqual(detail.services.map((s) => s.name).sort(), [
    ...before.services.map((s) => s.name), 'Antrag auf Einbürgerung',
  ].sort());
  const v1 = await operator(`/${id}/versions/1`);
  assert.deepEqual(v1.document, before.document, 'version 1 is kept as it was');
  await other.close();
});
