// A Bavarian municipality (Würzburg, BayKommun route) goes from "Starten" to a submitted
// request with the mouse, axe-core checking every step; the status link then works in a
// fresh browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import {
  OPERATOR_TOKEN, axe, heading, clickContinue, start, chooseMunicipality, fillMunicipalityStep,
  chooseService, prerequisite, serviceDetails, declarations, storedRequests,
} from '../support/journey.mjs';

let api;
let browser;

before(async () => {
  api = await startApi({ args: ['--operator-token', OPERATOR_TOKEN] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await api?.stop();
  api?.cleanup();
});

test('Würzburg completes the journey and submits to the BayKommun route', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await start(page, api.base);

  // Ihre Kommune: "würzb" offers Würzburg; choosing fills the registry facts and the route.
  await chooseMunicipality(page, 'würzb', /^Würzburg Kreisfreie Stadt/);
  await page.getByText('096630000000').waitFor();
  await page.getByText('133.258').waitFor();
  await page.getByRole('heading', { name: /Vertragsweg: BayKommun/ }).waitFor();
  await page.getByText('BayKommun AöR').first().waitFor();
  await fillMunicipalityStep(page, { street: 'Rückermainhof 1', plz: '97070', ort: 'Würzburg', domain: 'stadt.wuerzburg.de' });
  await page.getByText(/Gespeichert um \d\d:\d\d Uhr/).waitFor();
  await axe(page, 'Ihre Kommune');
  await clickContinue(page);

  // Leistungen: search, profile with sources, select.
  await heading(page, 'Leistungen auswählen');
  await page.getByLabel('Suchbegriff').fill('wohngeld');
  await page.getByText(/Leistungen? gefunden, 0 ausgewählt\./).waitFor();
  await chooseService(page, /^Wohngeld \(Mietzuschuss/);
  await page.getByText(/gefunden, 1 ausgewählt\./).waitFor();
  await axe(page, 'Leistungen auswählen');
  await clickContinue(page);

  // Voraussetzungen: deduplicated checklist; a blocked item says what it waits for.
  await heading(page, 'Voraussetzungen');
  await page.getByRole('heading', { name: 'Stand je Leistung' }).waitFor();
  await page.getByText(/^Wartet auf:/).first().waitFor();
  await prerequisite(page, 'ELSTER-Unternehmenskonto', 'Erledigt', { 'E-Mail': 'elster@stadt.wuerzburg.de' });
  await prerequisite(page, 'Datenschutzerklärung veröffentlichen', 'In Arbeit');
  await axe(page, 'Voraussetzungen');
  await clickContinue(page);

  // Angaben je Leistung.
  await heading(page, 'Angaben je Leistung');
  await serviceDetails(page, /^Wohngeld/, {
    office: 'Wohngeldstelle der Stadt Würzburg', street: 'Karmelitenstraße 20', plz: '97070', ort: 'Würzburg',
    email: 'wohngeld@stadt.wuerzburg.de', phone: '0931 37-2512',
    channel: 'FIT-Connect', channelLabel: 'FIT-Connect-Destination-ID', channelValue: '36141427-d405-40a4-8f8b-3592d544e85b',
    fachverfahren: 'WoGGsoft', vendor: 'Beispiel-Hersteller GmbH', test: '2027-01-15', goLive: '2027-03-01',
  });
  await axe(page, 'Angaben je Leistung');
  await clickContinue(page);

  // Prüfen: every answer, open prerequisites listed honestly, "Ändern" returns here.
  await heading(page, 'Angaben prüfen');
  await page.getByText('Wohngeldstelle der Stadt Würzburg').waitFor();
  await page.getByText(/noch nicht erfüllt/).waitFor();
  await axe(page, 'Angaben prüfen');
  await page.getByRole('link', { name: 'Ändern Fachliche Ansprechperson' }).click();
  await heading(page, 'Ihre Kommune');
  const fach = page.getByRole('group', { name: /^Fachliche Ansprechperson/ });
  await fach.getByLabel(/^Telefonnummer/).fill('0931 37-1000');
  await page.getByRole('button', { name: 'Speichern und zurück zur Prüfung' }).click();
  await heading(page, 'Angaben prüfen');
  await page.getByText(/0931 37-1000/).waitFor();
  await page.getByRole('button', { name: 'Weiter zum Absenden' }).click();

  // Absenden.
  await heading(page, 'Antrag absenden');
  await declarations(page);
  await axe(page, 'Antrag absenden');
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();

  // Bestätigung.
  await heading(page, 'Antrag gesendet');
  const reference = (await page.locator('.reference').textContent()).trim();
  assert.match(reference, /^BY-\d{4}-\d{6}$/);
  await page.getByText('BayKommun AöR').first().waitFor();
  await axe(page, 'Bestätigung');
  const statusLink = await page.getByRole('link', { name: /\/status\// }).getAttribute('href');
  assert.match(statusLink, /\/status\/[0-9a-f-]+#token=.+/);

  // The API stored exactly this request, once.
  const stored = await storedRequests(api.base);
  assert.equal(stored.total, 1);
  assert.equal(stored.items[0].reference, reference);
  assert.equal(stored.items[0].ags, '09663000');

  // The status link works in a fresh browser (no local draft).
  const other = await newContext(browser);
  const p2 = await other.newPage();
  await p2.goto(statusLink);
  await heading(p2, 'Stand Ihres Antrags');
  await p2.getByText(reference).waitFor();
  await p2.getByText('Eingegangen').first().waitFor();
  await axe(p2, 'Status');
  await other.close();
  await context.close();
});
