// Invalid answers: validation on "Weiter", an error summary that takes focus and links to
// each field, inline messages wired to the inputs, and "Fehler: " in the page title.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { axe, heading, clickContinue, start, chooseMunicipality } from '../support/journey.mjs';

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

test('invalid input gets a focused error summary with links and inline messages', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await start(page, api.base);
  await chooseMunicipality(page, 'würzb', /^Würzburg Kreisfreie Stadt/);
  const vertretung = page.getByRole('group', { name: /^Vertretungsberechtigte Person/ });
  await vertretung.getByLabel(/^E-Mail-Adresse/).fill('ob(at)wuerzburg');
  // No validation while typing or on blur.
  await page.getByLabel('Straße und Hausnummer').click();
  assert.equal(await page.getByRole('alert').count(), 0);

  // The question page is a form: Enter in a field submits it as "Weiter" does.
  await page.getByLabel('Straße und Hausnummer').press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' });
  await summary.waitFor();
  assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'the summary has focus');
  assert.match(await page.title(), /^Fehler: Ihre Kommune/);
  // The same wording as the API's: the e-mail message names what is expected.
  const link = summary.getByRole('link', { name: /E-Mail-Adresse/ }).first();
  await link.click();
  const email = vertretung.getByLabel(/^E-Mail-Adresse/);
  assert.equal(await email.evaluate((el) => el === document.activeElement), true, 'the link focuses the field');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const describedBy = await email.getAttribute('aria-describedby');
  assert.ok(describedBy && describedBy.includes('-error'), describedBy);
  const inline = await page.locator(`#${describedBy.split(' ').pop()}`).textContent();
  assert.match(inline, /Fehler: /);
  // What was typed is still there.
  assert.equal(await email.inputValue(), 'ob(at)wuerzburg');
  await axe(page, 'Ihre Kommune mit Fehlern');

  // No services chosen: the services step says so.
  await page.goto(api.base + '/leistungen');
  await heading(page, 'Leistungen auswählen');
  // Enter in the search only searches: the filters are a form of their own.
  await page.getByLabel('Suchbegriff').press('Enter');
  assert.equal(await page.getByRole('alert').count(), 0);
  await heading(page, 'Leistungen auswählen');
  await clickContinue(page);
  await page.getByRole('alert').filter({ hasText: 'Es gibt ein Problem' }).waitFor();
  assert.match(await page.title(), /^Fehler: /);
  await axe(page, 'Leistungen mit Fehler');
  await context.close();
});

test('the interface switches to English and back', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(api.base + '/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await heading(page, 'EfA-Onboarding');
  await page.getByRole('button', { name: 'Start' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await axe(page, 'Start (English)');
  await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
  await page.getByRole('button', { name: 'Starten' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  await context.close();
});

test('a narrow screen (320 px) keeps the form usable without horizontal scrolling', async () => {
  const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(api.base + '/kommune');
  await heading(page, 'Ihre Kommune');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
  await context.close();
});
