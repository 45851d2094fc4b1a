// Einbürgerung goes over OSCI/XTA, but no source names its DVDV category: an NRW Kreis
// enters a real key of another category, reads the warning that names Einbürgerung next to
// the field and on the check page, and submits anyway; the API accepts it as sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import {
  axe, heading, clickContinue, start, chooseMunicipality, fillMunicipalityStep,
  chooseService, serviceDetails, declarations, storedRequests,
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

test('a DVDV key of a category no source names warns for Einbürgerung and is submitted', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await start(page, api.base);

  await chooseMunicipality(page, 'Kreis Mettm', /^Mettmann\s*Kreis/);
  await page.getByText('05158000', { exact: true }).waitFor();
  // Before any service uses OSCI/XTA, the route shows no DVDV or DataClearing step, and it
  // names d-NRW's contact mailbox.
  await page.getByRole('link', { name: 'kommunalvertreter@digitales.nrw.de' }).waitFor();
  assert.equal(await page.getByText('DVDV-Eintrag und Zertifikat').count(), 0);
  await fillMunicipalityStep(page, { street: 'Düsseldorfer Straße 26', plz: '40822', ort: 'Mettmann', domain: 'kreis-mettmann.de' });
  await clickContinue(page);

  await heading(page, 'Leistungen auswählen');
  await page.getByLabel('Suchbegriff').fill('Einbürgerung');
  await chooseService(page, /^Antrag auf Einbürgerung/);
  await page.getByText(/gefunden, 1 ausgewählt\./).waitFor();
  await clickContinue(page);

  await heading(page, 'Voraussetzungen');
  await clickContinue(page);

  await heading(page, 'Angaben je Leistung');
  await serviceDetails(page, /^Antrag auf Einbürgerung/, {
    office: 'Einbürgerungsbehörde Kreis Mettmann', street: 'Düsseldorfer Straße 26', plz: '40822', ort: 'Mettmann',
    email: 'einbuergerung@kreis-mettmann.de', phone: '02104 99-0',
    channel: 'OSCI/XTA mit DVDV-Eintrag', channelLabel: 'DVDV-Organisationsschlüssel', channelValue: 'sta051580000000',
    fachverfahren: 'EinsA', vendor: 'AKDB', test: '2027-01-15', goLive: '2027-03-01',
  });
  const section = page.getByRole('region', { name: /^Antrag auf Einbürgerung/ });
  const warning = section.locator('.warning-message');
  await warning.getByText(/„Antrag auf Einbürgerung“: .*Kategorie sta/).waitFor();
  assert.ok(!(await warning.textContent()).includes('Wohngeld'), 'the warning is about Einbürgerung only');
  const input = section.getByLabel('DVDV-Organisationsschlüssel');
  const described = await input.getAttribute('aria-describedby');
  assert.ok(described.split(' ').includes(await warning.getAttribute('id')), `described by the warning: ${described}`);
  assert.equal(await input.getAttribute('aria-invalid'), null, 'a warning does not mark the field invalid');
  await axe(page, 'Angaben je Leistung mit Hinweis');
  await clickContinue(page);

  // The check page lists the warning with a way back; it does not stop the clerk.
  await heading(page, 'Angaben prüfen');
  const notes = page.getByRole('region', { name: 'Hinweise zu Ihren Angaben' });
  await notes.getByText(/„Antrag auf Einbürgerung“: .*Kategorie sta/).waitFor();
  assert.match(
    await notes.getByRole('link', { name: /^Ändern/ }).getAttribute('href'),
    /^\/angaben.*zurueck=pruefen#f-services-0-channel-dvdv_key$/,
  );
  // Now a service uses OSCI/XTA: the NRW route shows the DVDV and DataClearing steps.
  await page.getByText('DVDV-Eintrag und Zertifikat').waitFor();
  await axe(page, 'Angaben prüfen mit Hinweis');
  await page.getByRole('button', { name: 'Weiter zum Absenden' }).click();

  await heading(page, 'Antrag absenden');
  await declarations(page);
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
  await heading(page, 'Antrag gesendet');
  const reference = (await page.locator('.reference').textContent()).trim();
  assert.match(reference, /^NW-\d{4}-\d{6}$/);

  // The API re-validated it with the same rules and stored the key as entered.
  const stored = await storedRequests(api);
  assert.equal(stored.total, 1);
  const r = await fetch(`${api.base}/api/v1/operator/connection-requests/${stored.items[0].id}`, {
    headers: { Authorization: `Bearer ${api.operatorToken}` },
  });
  assert.equal(r.status, 200);
  const document = (await r.json()).document;
  assert.deepEqual(document.services[0].channel, { kind: 'osci-xta', dvdv_key: 'sta051580000000' });
  await context.close();
});
