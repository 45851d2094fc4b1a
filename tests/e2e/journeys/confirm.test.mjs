// A submitted request is confirmed through the link mailed to its Funktionspostfach: the
// confirmation page says where the mail went and by when to confirm; the link sends nothing
// when opened (mail scanners open links) and confirms on "Anfrage bestätigen"; the status
// page then shows the request confirmed. A second use says it is already confirmed, a
// wrong code or an unknown request that the link is invalid or expired.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { axe, heading, toSubmit } from '../support/journey.mjs';
import { waitForMail, confirmLink } from '../support/mail.mjs';

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

const DAY = 24 * 60 * 60 * 1000;
const MAILBOX = 'digitalisierung@stadt.wuerzburg.de'; // the Funktionspostfach `toSubmit` enters

/** Records the method of every request `page` makes to the confirmation endpoint. */
function confirmationCalls(page) {
  const calls = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('/confirmation')) calls.push(r.method());
  });
  return calls;
}

async function pressConfirm(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/confirmation')),
    page.getByRole('button', { name: 'Anfrage bestätigen' }).click(),
  ]);
  return response.status();
}

/** The outcome that replaced the form has keyboard focus (fails after a few seconds). */
async function expectFocusOnOutcome(page) {
  await page.waitForFunction(() => document.activeElement?.id === 'bestaetigung-ergebnis', null, { timeout: 5_000 });
}

/** The value of the status page's summary row `term`. */
async function summaryValue(page, term) {
  const row = page.locator('.summary-list__row').filter({ has: page.locator('dt', { hasText: term }) });
  return (await row.locator('dd').textContent()).trim();
}

test('the mailed link confirms the request once; the status page shows it confirmed', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await toSubmit(page, api.base);
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();

  // Bestätigung: where the mail went and by when to confirm.
  await heading(page, 'Antrag gesendet');
  const reference = (await page.locator('.reference').textContent()).trim();
  assert.match(reference, /^BY-\d{4}-\d{6}$/);
  await page.getByRole('heading', { level: 2, name: 'Wichtig: Antrag per E-Mail bestätigen' }).waitFor();
  await page.getByText(`Sie bekommen eine E-Mail an das Funktionspostfach ${MAILBOX}.`).waitFor();
  const receipt = await page.evaluate(() => {
    const id = localStorage.getItem('efa-onboarding:current');
    return JSON.parse(localStorage.getItem('efa-onboarding:draft:' + id)).submission.receipt;
  });
  assert.equal(receipt.confirmed, false);
  const confirmBy = Date.parse(receipt.confirm_by);
  assert.ok(confirmBy > Date.now() && confirmBy < Date.now() + 16 * DAY,
    `the deadline lies ahead, about 14 days by default: ${receipt.confirm_by}`);
  // The deadline as the browser shows it in its local time.
  const shown = await page.evaluate((ts) => {
    const d = new Date(ts);
    const two = (n) => String(n).padStart(2, '0');
    return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())} Uhr`;
  }, receipt.confirm_by);
  await page.getByText(`Bestätigen Sie den Antrag bis zum ${shown}.`).waitFor();
  await page.getByText(/mit allen Angaben gelöscht/).waitFor();
  await axe(page, 'Bestätigung (noch nicht bestätigt)');
  const statusLink = await page.getByRole('link', { name: /\/status\// }).getAttribute('href');
  const id = new URL(statusLink).pathname.split('/').pop();

  // The status page says the request still waits for its confirmation.
  const clerk = await context.newPage();
  await clerk.goto(statusLink);
  await heading(clerk, 'Stand Ihres Antrags');
  await clerk.getByText('Dieser Antrag ist noch nicht bestätigt.', { exact: false }).waitFor();
  assert.equal(await summaryValue(clerk, 'Bestätigung'), 'Noch nicht bestätigt');
  await axe(clerk, 'Status (noch nicht bestätigt)');

  // The mail in the Funktionspostfach carries the link, to this API and this request.
  const mail = await waitForMail(api, reference, { ready: (text) => confirmLink(text) !== null });
  assert.match(mail, new RegExp(`^To:.*${MAILBOX.replace(/\./g, '\\.')}`, 'mi'), 'addressed to the Funktionspostfach');
  const link = confirmLink(mail);
  assert.ok(link.startsWith(`${api.base}/bestaetigen/${id}#code=`), link);
  const code = new URL(link).hash.slice('#code='.length);

  // Someone else's mail program opens the link: a form, and nothing is sent.
  const other = await newContext(browser);
  const mailPage = await other.newPage();
  const calls = confirmationCalls(mailPage);
  await mailPage.goto(link);
  await heading(mailPage, 'Anfrage bestätigen');
  await mailPage.waitForFunction(() => !location.href.includes('code='));
  assert.ok(mailPage.url().endsWith(`/bestaetigen/${id}`), mailPage.url());
  await mailPage.waitForLoadState('networkidle');
  assert.deepEqual(calls, [], 'opening the link confirms nothing');
  await axe(mailPage, 'Anfrage bestätigen');

  // A wrong code of the same shape (in another tab, so it does not replace the right one):
  // invalid or expired, with the way to make the request again.
  const wrong = await other.newPage();
  await wrong.goto(`${api.base}/bestaetigen/${id}#code=${code.split('').reverse().join('')}`);
  await heading(wrong, 'Anfrage bestätigen');
  assert.equal(await pressConfirm(wrong), 404);
  await heading(wrong, 'Link ungültig oder abgelaufen');
  const invalid = wrong.getByRole('alert');
  await invalid.getByText(/nach Ablauf der Frist mit allen Angaben gelöscht/).waitFor();
  await expectFocusOnOutcome(wrong);
  assert.equal(await wrong.getByRole('link', { name: 'Zur Startseite, um die Anfrage neu zu stellen' }).getAttribute('href'), '/');
  assert.equal(await wrong.getByRole('button', { name: 'Anfrage bestätigen' }).count(), 0);
  await axe(wrong, 'Anfrage bestätigen: falscher Code');

  // The server is busy once: the form stays, with a message to try again.
  await mailPage.route('**/confirmation', (route) => route.fulfill({
    status: 503,
    headers: { 'Retry-After': '5', 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ title: 'Service Unavailable', status: 503 }),
  }), { times: 1 });
  await mailPage.getByRole('button', { name: 'Anfrage bestätigen' }).click();
  await mailPage.getByRole('alert').filter({ hasText: 'Bitte versuchen Sie es in einigen Minuten erneut' }).waitFor();
  await heading(mailPage, 'Anfrage bestätigen');
  await axe(mailPage, 'Anfrage bestätigen: Server überlastet');

  // The press confirms (the code survived the busy answer and a reload in this tab).
  await mailPage.reload();
  await heading(mailPage, 'Anfrage bestätigen');
  assert.equal(await pressConfirm(mailPage), 200);
  await heading(mailPage, 'Anfrage bestätigt');
  const done = mailPage.getByRole('status').filter({ hasText: 'ist bestätigt' });
  await done.waitFor();
  assert.match(await done.textContent(), new RegExp(`Ihre Anfrage mit dem Aktenzeichen ${reference} ist bestätigt\\.`));
  await expectFocusOnOutcome(mailPage);
  assert.equal(await mailPage.getByRole('button', { name: 'Anfrage bestätigen' }).count(), 0);
  await axe(mailPage, 'Anfrage bestätigt');

  // The status page shows it confirmed, without the reminder.
  await clerk.reload();
  await heading(clerk, 'Stand Ihres Antrags');
  await clerk.getByText(reference).waitFor();
  assert.equal(await summaryValue(clerk, 'Bestätigung'), 'Bestätigt');
  assert.equal(await clerk.getByText('Dieser Antrag ist noch nicht bestätigt.', { exact: false }).count(), 0);
  await axe(clerk, 'Status (bestätigt)');

  // The clerk opens the link again in the browser they submitted from: already
  // confirmed, which is information, not an error; the confirmation page stops asking.
  await page.goto(link);
  await heading(page, 'Anfrage bestätigen');
  assert.equal(await pressConfirm(page), 409);
  await heading(page, 'Anfrage bestätigt');
  const already = page.getByRole('status').filter({ hasText: 'Diese Anfrage ist bereits bestätigt.' });
  await already.waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await expectFocusOnOutcome(page);
  await axe(page, 'Anfrage bereits bestätigt');
  await page.goto(api.base + '/bestaetigung');
  await heading(page, 'Antrag gesendet');
  assert.equal((await page.locator('.reference').textContent()).trim(), reference);
  assert.equal(await page.getByRole('heading', { name: 'Wichtig: Antrag per E-Mail bestätigen' }).count(), 0);

  await other.close();
  await context.close();
});

test('a link without its code, or to an unknown request, explains what to do', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const calls = confirmationCalls(page);

  // Cut off before the code (a mail program broke the line, say).
  await page.goto(api.base + '/bestaetigen/0b6f8a52-3c1e-4d7a-9f00-5a1c2e3d4b6f');
  await heading(page, 'Link unvollständig');
  await page.getByText(/fehlt der Bestätigungscode/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Anfrage bestätigen' }).count(), 0);
  await axe(page, 'Link unvollständig');

  // A request that does not exist (or no longer: deleted after its deadline).
  const unknown = await context.newPage();
  await unknown.goto(api.base + '/bestaetigen/0b6f8a52-3c1e-4d7a-9f00-5a1c2e3d4b6f#code=ZmFsc2NoZXItY29kZS0xMjM0NTY');
  await heading(unknown, 'Anfrage bestätigen');
  // 404 by the contract; a server that finds the made-up code malformed (400, 422) first
  // is answered with the same page.
  assert.ok([404, 400, 422].includes(await pressConfirm(unknown)));
  await heading(unknown, 'Link ungültig oder abgelaufen');
  await unknown.getByRole('alert').getByText(/Stellen Sie die Anfrage dann bitte neu/).waitFor();
  await axe(unknown, 'Link ungültig oder abgelaufen');
  assert.deepEqual(calls, [], 'the page without a code sent nothing');
  await context.close();
});
