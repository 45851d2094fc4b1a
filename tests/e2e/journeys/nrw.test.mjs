// An NRW Kreis (d-NRW route) completes the journey using the keyboard only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { axe, heading, fillMunicipalityStep, storedRequests } from '../support/journey.mjs';

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

/** Presses Tab until the focused element matches `predicate` (bounded). */
async function tabTo(page, predicate, what) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`could not reach ${what} with Tab`);
}

const focusedText = (text) => `(() => { const e = document.activeElement; return !!e && e.textContent.trim() === ${JSON.stringify(text)}; })()`;
const focusedLabel = (label) => `(() => { const e = document.activeElement; return !!e && !!e.labels && [...e.labels].some(l => l.textContent.trim().startsWith(${JSON.stringify(label)})); })()`;

test('Kreis Mettmann completes the journey with the keyboard only', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(api.base + '/');
  await heading(page, 'EfA-Onboarding');

  await tabTo(page, focusedText('Starten'), 'Starten');
  await page.keyboard.press('Enter');
  await heading(page, 'Überblick');
  await tabTo(page, focusedText('Ihre Kommune'), 'Ihre Kommune');
  await page.keyboard.press('Enter');
  await heading(page, 'Ihre Kommune');

  // Combobox by keyboard: type, arrow down, Enter.
  await tabTo(page, `document.activeElement?.getAttribute('role') === 'combobox'`, 'the municipality search');
  await page.keyboard.type('Kreis Mettm', { delay: 20 });
  await page.getByRole('option', { name: /^Mettmann Kreis/ }).waitFor();
  const options = await page.getByRole('option').allTextContents();
  const index = options.findIndex((o) => /^Mettmann\s*Kreis/.test(o));
  assert.ok(index >= 0, `Kreis Mettmann offered: ${options}`);
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByText('05158000', { exact: true }).waitFor();
  await page.getByRole('heading', { name: /Vertragsweg: .*d-NRW/ }).waitFor();
  await page.getByText(/d-NRW AöR/).first().waitFor();

  // Typing into fields is keyboard input too; fill() types into the focused field.
  await fillMunicipalityStep(page, { street: 'Düsseldorfer Straße 26', plz: '40822', ort: 'Mettmann', domain: 'kreis-mettmann.de' });
  await tabTo(page, focusedText('Weiter'), 'Weiter');
  await page.keyboard.press('Enter');

  await heading(page, 'Leistungen auswählen');
  await tabTo(page, focusedLabel('Suchbegriff'), 'the search');
  await page.keyboard.type('Baugenehmigung');
  await tabTo(page, focusedLabel('Digitale Baugenehmigung'), 'the Bauantrag checkbox');
  await page.keyboard.press('Space');
  await page.getByText(/gefunden, 1 ausgewählt\./).waitFor();
  await tabTo(page, focusedText('Weiter'), 'Weiter');
  await page.keyboard.press('Enter');

  await heading(page, 'Voraussetzungen');
  await page.getByText('Rahmenvereinbarung mit d-NRW').first().waitFor();
  await axe(page, 'Voraussetzungen (NRW)');
  await tabTo(page, focusedText('Weiter'), 'Weiter');
  await page.keyboard.press('Enter');

  await heading(page, 'Angaben je Leistung');
  const section = page.getByRole('region', { name: /^Digitale Baugenehmigung/ });
  const type = async (label, value) => {
    await section.getByLabel(label).focus();
    await page.keyboard.type(value);
  };
  await type('Name der Stelle', 'Untere Bauaufsichtsbehörde Kreis Mettmann');
  await type('Straße und Hausnummer', 'Düsseldorfer Straße 26');
  await type('Postleitzahl', '40822');
  await type(/^Ort$/, 'Mettmann');
  await type(/^E-Mail-Adresse/, 'bauaufsicht@kreis-mettmann.de');
  await type(/^Telefonnummer/, '02104 99-0');
  await section.getByRole('radio', { name: 'OSCI/XTA mit DVDV-Eintrag' }).focus();
  await page.keyboard.press('Space');
  await type('DVDV-Organisationsschlüssel', 'bab:05158000');
  await type(/^Fachverfahren$/, 'ProBauG');
  await type('Hersteller des Fachverfahrens', 'Beispiel-Hersteller GmbH');
  await type('Kontakt beim Hersteller: Name', 'Vera Vertrieb');
  await type('Kontakt beim Hersteller: E-Mail', 'vera.vertrieb@beispiel-hersteller.de');
  await section.getByRole('radio', { name: 'Verlinkung auf den Onlinedienst' }).focus();
  await page.keyboard.press('Space');
  await type('Produktivstart (Go-Live)', '01062027');
  await tabTo(page, focusedText('Weiter'), 'Weiter');
  await page.keyboard.press('Enter');

  await heading(page, 'Angaben prüfen');
  await page.getByText('bab:05158000', { exact: false }).waitFor();
  await tabTo(page, focusedText('Weiter zum Absenden'), 'Weiter zum Absenden');
  await page.keyboard.press('Enter');

  await heading(page, 'Antrag absenden');
  for (const label of ['Ich bin berechtigt', 'Die Angaben sind richtig', 'Ich habe zur Kenntnis genommen']) {
    await tabTo(page, focusedLabel(label), label);
    await page.keyboard.press('Space');
  }
  await tabTo(page, focusedText('Antrag verbindlich absenden'), 'the submit button');
  await page.keyboard.press('Enter');

  await heading(page, 'Antrag gesendet');
  const reference = (await page.locator('.reference').textContent()).trim();
  assert.match(reference, /^NW-\d{4}-\d{6}$/);
  await axe(page, 'Bestätigung (NRW)');
  const stored = await storedRequests(api);
  assert.equal(stored.total, 1);
  assert.equal(stored.items[0].ags, '05158000');
  await context.close();
});
