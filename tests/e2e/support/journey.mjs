// Steps of the clerk's journey, located by role and label as a person (or a screen reader)
// finds them. Each helper runs axe-core on the page it leaves, so every step is checked.
import assert from 'node:assert/strict';
import { expectNoAxeViolations } from './harness.mjs';

/** Waits for the page's main heading, i.e. the step has rendered. */
export async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

export async function axe(page, where) {
  await expectNoAxeViolations(assert, page, where);
}

export async function clickContinue(page) {
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
}

/** Start page → overview → municipality step. */
export async function start(page, base) {
  await page.goto(base + '/');
  await heading(page, 'EfA-Onboarding');
  await axe(page, 'Start');
  await page.getByRole('button', { name: 'Starten' }).click();
  await heading(page, 'Überblick');
  await axe(page, 'Überblick');
  await page.getByRole('link', { name: 'Ihre Kommune' }).click();
  await heading(page, 'Ihre Kommune');
}

/** Types into the municipality search and picks the suggestion named `option`. */
export async function chooseMunicipality(page, query, option) {
  const box = page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' });
  await box.click();
  await box.pressSequentially(query, { delay: 20 });
  await page.getByRole('option', { name: option }).first().click();
}

export async function fillContact(page, role, person) {
  const group = page.getByRole('group', { name: new RegExp('^' + role) });
  await group.getByLabel(/^Vor- und Nachname/).fill(person.name);
  if (person.function) await group.getByLabel(/^Funktion oder Amt/).fill(person.function);
  await group.getByLabel(/^E-Mail-Adresse/).fill(person.email);
  if (person.phone) await group.getByLabel(/^Telefonnummer/).fill(person.phone);
}

export async function fillMunicipalityStep(page, { street, plz, ort, domain }) {
  await page.getByLabel('Straße und Hausnummer').fill(street);
  await page.getByLabel('Postleitzahl', { exact: true }).fill(plz);
  await page.getByLabel('Ort', { exact: true }).fill(ort);
  await fillContact(page, 'Vertretungsberechtigte Person', {
    name: 'Dr. Hanna Groß', function: 'Oberbürgermeisterin', email: `ob@${domain}`,
  });
  await fillContact(page, 'Fachliche Ansprechperson', {
    name: 'Jörg Weiß', email: `fach@${domain}`, phone: '0931 37-0',
  });
  await fillContact(page, 'Technische Ansprechperson', {
    name: 'Ayşe Öztürk', email: `it@${domain}`, phone: '+49 931 37-2345',
  });
  await page.getByLabel('Funktionspostfach (E-Mail)').fill(`digitalisierung@${domain}`);
}

export async function chooseService(page, name) {
  await page.getByRole('checkbox', { name }).check();
}

/** Marks a prerequisite and fills its evidence. */
export async function prerequisite(page, title, status, evidence = {}) {
  const item = page.getByRole('article', { name: new RegExp('^' + escape(title)) });
  await item.getByRole('radio', { name: status, exact: true }).check();
  for (const [label, value] of Object.entries(evidence)) {
    await item.getByLabel(new RegExp('^' + escape(label))).fill(value);
  }
}

export async function serviceDetails(page, service, d) {
  const section = page.getByRole('region', { name: service });
  await section.getByLabel('Name der Stelle').fill(d.office);
  await section.getByLabel('Straße und Hausnummer').fill(d.street);
  await section.getByLabel('Postleitzahl').fill(d.plz);
  await section.getByLabel('Ort', { exact: true }).fill(d.ort);
  await section.getByLabel(/^E-Mail-Adresse/).fill(d.email);
  await section.getByLabel(/^Telefonnummer/).fill(d.phone);
  if (d.area !== undefined) await section.getByLabel('Zuständigkeitsgebiet').fill(d.area);
  await section.getByRole('radio', { name: d.channel }).check();
  await section.getByLabel(d.channelLabel).fill(d.channelValue);
  if (d.fachverfahren) {
    await section.getByLabel('Fachverfahren', { exact: true }).fill(d.fachverfahren);
    await section.getByLabel('Hersteller des Fachverfahrens').fill(d.vendor);
    await section.getByLabel('Kontakt beim Hersteller: Name').fill(d.vendorContact?.name ?? 'Vera Vertrieb');
    await section.getByLabel('Kontakt beim Hersteller: E-Mail').fill(d.vendorContact?.email ?? 'vera.vertrieb@hersteller.example.de');
  }
  const embedding = d.embedding ?? { mode: 'Verlinkung auf den Onlinedienst' };
  await section.getByRole('radio', { name: embedding.mode }).check();
  if (embedding.domains) await section.getByLabel('Freizugebende Domains').fill(embedding.domains);
  await section.getByLabel(/^Test ab/).fill(d.test);
  await section.getByLabel('Produktivstart (Go-Live)').fill(d.goLive);
}

export async function declarations(page) {
  await page.getByRole('checkbox', { name: /^Ich bin berechtigt/ }).check();
  await page.getByRole('checkbox', { name: /^Die Angaben sind richtig/ }).check();
  await page.getByRole('checkbox', { name: /^Ich habe zur Kenntnis genommen/ }).check();
}

/** Würzburg with one service, from the start page to the submit step, declarations given. */
export async function toSubmit(page, base) {
  await start(page, base);
  await chooseMunicipality(page, 'würzb', /^Würzburg Kreisfreie Stadt/);
  await fillMunicipalityStep(page, { street: 'Rückermainhof 1', plz: '97070', ort: 'Würzburg', domain: 'stadt.wuerzburg.de' });
  await clickContinue(page);
  await heading(page, 'Leistungen auswählen');
  await chooseService(page, /^Wohngeld \(Mietzuschuss/);
  await clickContinue(page);
  await heading(page, 'Voraussetzungen');
  await clickContinue(page);
  await heading(page, 'Angaben je Leistung');
  await serviceDetails(page, /^Wohngeld/, {
    office: 'Wohngeldstelle', street: 'Karmelitenstraße 20', plz: '97070', ort: 'Würzburg',
    email: 'wohngeld@stadt.wuerzburg.de', phone: '0931 37-2512',
    channel: 'PDF-Download (z. B. dDatabox)', channelLabel: 'Funktionspostfach für die Download-Links', channelValue: 'wohngeld@stadt.wuerzburg.de',
    test: '2027-01-15', goLive: '2027-03-01',
  });
  await clickContinue(page);
  await heading(page, 'Angaben prüfen');
  await page.getByRole('button', { name: 'Weiter zum Absenden' }).click();
  await heading(page, 'Antrag absenden');
  await declarations(page);
}

/** The operator's view of stored requests (for "exactly one stored" checks); `api` is what `startApi` returned. */
export async function storedRequests(api) {
  const r = await fetch(api.base + '/api/v1/operator/connection-requests?limit=500', {
    headers: { Authorization: `Bearer ${api.operatorToken}` },
  });
  assert.equal(r.status, 200);
  return (await r.json());
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * On the check page of an amending draft ("Antrag ergänzen" just pressed): changes the
 * Fachliche Ansprechperson's phone to `phone` and adds the Einbürgerung with its details,
 * back on the check page at the end.
 */
export async function amendWithEinbuergerung(page, phone) {
  await heading(page, 'Angaben prüfen');
  await page.getByText('Würzburg', { exact: false }).first().waitFor();

  await page.getByRole('link', { name: 'Ändern Fachliche Ansprechperson' }).click();
  await heading(page, 'Ihre Kommune');
  const fach = page.getByRole('group', { name: /^Fachliche Ansprechperson/ });
  await fach.getByLabel(/^Telefonnummer/).fill(phone);
  await page.getByRole('button', { name: 'Speichern und zurück zur Prüfung' }).click();
  await heading(page, 'Angaben prüfen');
  await page.getByText(phone).first().waitFor();

  await page.getByRole('link', { name: 'Auswahl der Leistungen ändern' }).click();
  await heading(page, 'Leistungen auswählen');
  await page.getByLabel('Suchbegriff').fill('Einbürgerung');
  await chooseService(page, /^Antrag auf Einbürgerung/);
  await page.getByRole('button', { name: 'Speichern und zurück zur Prüfung' }).click();
  await heading(page, 'Angaben prüfen');
  await page.getByRole('link', { name: /^Ändern Antrag auf Einbürgerung/ }).first().click();
  await heading(page, 'Angaben je Leistung');
  await serviceDetails(page, /^Antrag auf Einbürgerung/, {
    office: 'Einbürgerungsbehörde der Stadt Würzburg', street: 'Rückermainhof 1', plz: '97070', ort: 'Würzburg',
    email: 'einbuergerung@stadt.wuerzburg.de', phone: '0931 37-3300',
    channel: 'OSCI/XTA mit DVDV-Eintrag', channelLabel: 'DVDV-Organisationsschlüssel', channelValue: 'sta096630000000',
    fachverfahren: 'EinsA', vendor: 'AKDB', test: '2027-02-01', goLive: '2027-04-01',
  });
  await page.getByRole('button', { name: 'Speichern und zurück zur Prüfung' }).click();
  await heading(page, 'Angaben prüfen');
}
