// A Samtgemeinde in Niedersachsen applies: it is found by name with its kind word, shows
// its Verband key, its members and that it has no AGS (its ARS identifies it), takes the
// office of one service over for the next with "Gleiche Stelle wie bei …", chooses
// Einbürgerung over OSCI/XTA with a DVDV key of a category no source names (a warning
// that names Einbürgerung, not an error), and is stored by the API under its ARS alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import {
  axe, heading, clickContinue, start, chooseMunicipality, fillMunicipalityStep, chooseService,
  serviceDetails, declarations, storedRequests,
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

/** The value of the summary row `term` on the page (or inside one part of it). */
async function summaryValue(scope, term) {
  // The inner locator of a filter is relative to the row, so it starts from the page.
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  const row = scope.locator('.summary-list__row').filter({ has: page.locator('dt', { hasText: new RegExp('^' + term + '$') }) });
  return (await row.first().locator('dd').first().textContent()).trim();
}

test('Samtgemeinde Bersenbrück applies by its ARS and copies an office to a second service', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await start(page, api.base);
  await chooseMunicipality(page, 'Samtgemeinde Bersenbrück', /^Bersenbrück Samtgemeinde/);
  assert.equal(await summaryValue(page, 'Art'), 'Samtgemeinde');
  assert.equal(await summaryValue(page, 'Amtlicher Regionalschlüssel \\(ARS\\)'), '034595402000');
  assert.match(await summaryValue(page, 'Amtlicher Gemeindeschlüssel \\(AGS\\)'), /^keiner/);
  assert.equal(await summaryValue(page, 'Verbandsschlüssel'), '034595402');
  assert.match(await summaryValue(page, 'Mitgliedsgemeinden'), /Alfhausen, Ankum, Bersenbrück, Eggermühlen/);
  await axe(page, 'municipality step, Samtgemeinde');
  await fillMunicipalityStep(page, { street: 'Lindenstraße 2', plz: '49593', ort: 'Bersenbrück', domain: 'bersenbrueck.de' });
  await clickContinue(page);

  await heading(page, 'Leistungen auswählen');
  await chooseService(page, /^eWA – Elektronische Wohnsitzanmeldung/);
  await chooseService(page, /^Antrag auf Einbürgerung/);
  await clickContinue(page);
  await heading(page, 'Voraussetzungen');
  await clickContinue(page);

  await heading(page, 'Angaben je Leistung');
  const common = {
    channel: 'E-Mail (unverschlüsselt, nicht empfohlen)', channelLabel: /^E-Mail-Adresse für die Anträge/,
    test: '2027-02-01', goLive: '2027-04-01',
  };
  await serviceDetails(page, /^eWA/, {
    office: 'Bürgerbüro der Samtgemeinde Bersenbrück', street: 'Lindenstraße 2', plz: '49593', ort: 'Bersenbrück',
    email: 'buergerbuero@bersenbrueck.de', phone: '05439 962-0', channelValue: 'buergerbuero@bersenbrueck.de', ...common,
  });
  const ehe = page.getByRole('region', { name: /^Antrag auf Einbürgerung/ });
  // Nothing to copy into the first service from itself; the second offers the first.
  const same = ehe.getByLabel('Gleiche Stelle wie bei');
  const options = await same.locator('option').allTextContents();
  const label = options.find((o) => o.startsWith('eWA'));
  assert.ok(label, `the first service is offered: ${options}`);
  assert.ok(label.includes('(Bürgerbüro der Samtgemeinde Bersenbrück)'), label);
  await same.selectOption({ label });
  await ehe.getByRole('button', { name: 'Angaben übernehmen' }).click();
  await ehe.getByRole('status').filter({ hasText: 'übernommen' }).waitFor();
  assert.equal(await ehe.getByLabel('Name der Stelle').inputValue(), 'Bürgerbüro der Samtgemeinde Bersenbrück');
  assert.equal(await ehe.getByLabel('Postleitzahl').inputValue(), '49593');
  assert.equal(await ehe.getByLabel(/^Telefonnummer/).inputValue(), '05439 962-0');
  // Each copied field stays editable.
  await ehe.getByLabel('Name der Stelle').fill('Einbürgerungsstelle der Samtgemeinde Bersenbrück');
  await axe(page, 'service details with "Gleiche Stelle wie bei"');
  await ehe.getByRole('radio', { name: 'OSCI/XTA mit DVDV-Eintrag' }).check();
  // A real key whose category (sta) no source names for Einbürgerung: a warning, no error.
  const key = ehe.getByLabel('DVDV-Organisationsschlüssel');
  await key.fill('sta034595402000');
  await ehe.getByText(/„Antrag auf Einbürgerung“: .*Kategorie sta/).first().waitFor();
  assert.equal(await key.getAttribute('aria-invalid'), null);
  await ehe.getByLabel('Fachverfahren', { exact: true }).fill('EinsA');
  await ehe.getByLabel('Hersteller des Fachverfahrens').fill('AKDB');
  await ehe.getByLabel('Kontakt beim Hersteller: Name').fill('Vera Vertrieb');
  await ehe.getByLabel('Kontakt beim Hersteller: E-Mail').fill('vera.vertrieb@akdb.de');
  // The area of responsibility was copied with the office: the Samtgemeinde's own ARS.
  assert.equal(await ehe.getByLabel('Zuständigkeitsgebiet').inputValue(), '034595402000');
  // Embedded as an HTML5 snippet: the operator must allow the domains (Einbürgerung's
  // Nachnutzungsanfrage asks for them).
  await ehe.getByRole('radio', { name: 'HTML5-Snippet auf der eigenen Website' }).check();
  await ehe.getByLabel('Freizugebende Domains').fill('https://www.bersenbrueck.de');
  await clickContinue(page);
  const summary = page.getByRole('alert');
  await summary.getByRole('link', { name: /Domain ohne https/ }).click();
  await ehe.getByLabel('Freizugebende Domains').fill('www.bersenbrueck.de service.bersenbrueck.de');
  assert.equal(await ehe.getByLabel('Freizugebende Domains').inputValue(), 'www.bersenbrueck.de, service.bersenbrueck.de');
  await ehe.getByLabel(/^Test ab/).fill(common.test);
  await ehe.getByLabel('Produktivstart (Go-Live)').fill(common.goLive);
  await clickContinue(page);

  await heading(page, 'Angaben prüfen');
  // Niedersachsen's route (EfA-Marktplatz) asks for the Leitweg-ID: a warning, not a stop.
  await page.getByText(/fragt die Leitweg-ID für E-Rechnungen ab/).first().waitFor();
  const eheSummary = page.locator('h3', { hasText: /^Antrag auf Einbürgerung/ }).locator('xpath=following-sibling::dl[1]');
  assert.equal(await summaryValue(eheSummary, 'Datenaustauschstandard \\(XÖV\\)'), 'XEinbürgerung');
  assert.match(await summaryValue(eheSummary, 'Anbindungsweg des Betreibers'), /^Nachnutzungsanfrage .* an Betreiber des Dienstes/);
  assert.match(await summaryValue(eheSummary, 'Einbindung in Ihren Webauftritt'), /HTML5-Snippet.*www\.bersenbrueck\.de, service\.bersenbrueck\.de/);
  assert.equal(await summaryValue(eheSummary, 'Zuständigkeitsgebiet'), '034595402000');
  const eweSummary = page.locator('h3', { hasText: /^eWA/ }).locator('xpath=following-sibling::dl[1]');
  assert.equal(await summaryValue(eweSummary, 'Datenaustauschstandard \\(XÖV\\)'), 'unbekannt');
  assert.match(await summaryValue(eweSummary, 'Anbindungsweg des Betreibers'), /^Anbindungsfragebogen an Dataport/);
  await page.getByRole('button', { name: 'Weiter zum Absenden' }).click();
  await heading(page, 'Antrag absenden');
  await declarations(page);
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(page, 'Antrag gesendet');
  assert.match((await page.locator('.reference').textContent()).trim(), /^NI-\d{4}-\d{6}$/);

  const stored = await storedRequests(api);
  assert.equal(stored.total, 1);
  const item = stored.items[0];
  assert.equal(item.ars, '034595402000');
  assert.equal(item.ags, '', 'a Gemeindeverband has no AGS');
  assert.equal(item.municipality_name, 'Bersenbrück');
  const detail = await (await fetch(`${api.base}/api/v1/operator/connection-requests/${item.id}`, {
    headers: { Authorization: `Bearer ${api.operatorToken}` },
  })).json();
  assert.equal(detail.document.schema_version, 3);
  assert.deepEqual(detail.document.services[1].authority.area, ['034595402000']);
  assert.deepEqual(detail.document.services[1].embedding, { mode: 'snippet', domains: ['www.bersenbrueck.de', 'service.bersenbrueck.de'] });
  assert.equal(detail.document.services[1].vendor_contact.email, 'vera.vertrieb@akdb.de');
  assert.deepEqual(detail.document.services[0].embedding, { mode: 'link', domains: [] });
  assert.equal(detail.document.municipality.kind, 'samtgemeinde');
  assert.equal(detail.document.services[1].authority.name, 'Einbürgerungsstelle der Samtgemeinde Bersenbrück');
  assert.equal(detail.document.services[1].channel.dvdv_key, 'sta034595402000');
  assert.equal(detail.document.services[1].authority.address.street, 'Lindenstraße 2');
  await context.close();
});
