// A Bavarian municipality (Würzburg, BayKommun route) goes from "Starten" to a submitted
// request with the mouse, axe-core checking every step; the status link then works in a
// fresh browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { download, pdfText, pdfInfo, pdfAccessibility, json } from '../support/files.mjs';
import {
  axe, heading, clickContinue, start, chooseMunicipality, fillMunicipalityStep,
  chooseService, prerequisite, serviceDetails, declarations, storedRequests,
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
  // The profile is drawn when opened: sourced facts, "unbekannt" where no source states one.
  const card = page.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: /^Wohngeld \(Mietzuschuss/ }) });
  const fact = (term) => card.locator('.summary-list__row').filter({ has: page.locator('dt', { hasText: term }) }).locator('dd');
  assert.equal(await card.locator('.summary-list').count(), 0, 'the profile is not drawn while closed');
  await card.getByText('Steckbrief anzeigen').click();
  assert.equal((await fact(/^OZG-Leistung$/).textContent()).trim(), 'Wohngeld');
  assert.equal((await fact(/^Plattform \/ Betreiber$/).textContent()).trim(), 'Dataport OSI');
  assert.equal((await fact(/^Themenfeld$/).textContent()).trim(), 'unbekannt');
  await card.getByRole('link', { name: 'https://www.d-nrw.de/wohngeld' }).waitFor();
  await axe(page, 'Leistungen auswählen, Steckbrief offen');
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
  // A next action leads to its checklist item, and from there back to the check.
  const next = page.getByRole('region', { name: 'Stand je Leistung' }).getByRole('listitem')
    .filter({ has: page.getByRole('link') }).first().getByRole('link');
  const item = await next.textContent();
  await next.click();
  await heading(page, 'Voraussetzungen');
  await page.waitForFunction((title) => document.activeElement?.matches('article.checklist-item')
    && document.activeElement.querySelector('h3')?.textContent.startsWith(title), item);
  await page.getByRole('button', { name: 'Speichern und zurück zur Prüfung' }).click();
  await heading(page, 'Angaben prüfen');
  await page.getByRole('link', { name: 'Ändern Fachliche Ansprechperson' }).click();
  await heading(page, 'Ihre Kommune');
  const fach = page.getByRole('group', { name: /^Fachliche Ansprechperson/ });
  await fach.getByLabel(/^Telefonnummer/).fill('0931 37-1000');
  await page.getByRole('button', { name: 'Speichern und zurück zur Prüfung' }).click();
  await heading(page, 'Angaben prüfen');
  await page.getByText(/0931 37-1000/).waitFor();

  // Draft documents from the check page: PDF, JSON and open items, marked ENTWURF.
  const draftPdf = await download(page, page.getByRole('button', { name: 'Anschlussantrag (Entwurf) als PDF herunterladen' }));
  assert.match(draftPdf.name, /^Anschlussantrag_Wuerzburg_\d{4}-\d{2}-\d{2}_Entwurf\.pdf$/);
  const draftText = pdfText(draftPdf.path);
  for (const value of ['ENTWURF', 'Würzburg', '09663000', '096630000000', 'BayKommun AöR', 'Wohngeldstelle der Stadt Würzburg',
    '36141427-d405-40a4-8f8b-3592d544e85b', 'Dr. Hanna Groß', 'Ayşe Öztürk'.replace('ş', 's'), 'WoGGsoft']) {
    assert.ok(draftText.includes(value), `draft PDF shows ${value}`);
  }
  const draftJson = await download(page, page.getByRole('button', { name: 'Anschlussantrag (Entwurf) als JSON herunterladen' }));
  assert.equal(json(draftJson.path).municipality.ags, '09663000');
  const fingerprint = (await page.getByText(/Fingerabdruck der Daten/).textContent()).match(/[0-9a-f]{16}/)[0];
  assert.ok(draftText.includes(fingerprint), 'the PDF footer carries the fingerprint shown on the page');
  const openItems = await download(page, page.getByRole('button', { name: 'Offene Punkte (Entwurf) als PDF herunterladen' }));
  const openText = pdfText(openItems.path);
  assert.ok(openText.includes('Datenschutzerklärung veröffentlichen'), 'open items list the open prerequisite');
  assert.equal(pdfInfo(draftPdf.path).Author, 'Würzburg');
  // Both drafts as accessible PDFs (PDF/UA-1): tagged, in German, titled, fonts embedded.
  for (const [file, title] of [[draftPdf, 'Anschlussantrag (Entwurf) – Würzburg'], [openItems, 'Offene Punkte (Entwurf) – Würzburg']]) {
    const report = pdfAccessibility(file.path);
    assert.equal(report.lang, 'de-DE');
    assert.equal(report.title, title);
    assert.equal(report.roles.H1, 1, `${file.name} has one title`);
    assert.ok(report.roles.Table >= 1 && report.roles.TH === report.roles.TR, `${file.name} has label–value tables`);
  }

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

  // Final documents: the reference number instead of ENTWURF; the JSON is what was sent.
  const finalPdf = await download(page, page.getByRole('button', { name: 'Anschlussantrag als PDF herunterladen' }));
  assert.match(finalPdf.name, /^Anschlussantrag_Wuerzburg_\d{4}-\d{2}-\d{2}\.pdf$/);
  const finalText = pdfText(finalPdf.path);
  assert.ok(finalText.includes(reference), 'the final PDF carries the reference number');
  assert.ok(!finalText.includes('ENTWURF'), 'no ENTWURF mark on the final PDF');
  const finalJson = await download(page, page.getByRole('button', { name: 'Anschlussantrag als JSON herunterladen' }));
  assert.equal(json(finalJson.path).contacts.fachlich.phone, '0931 37-1000');
  const finalOpen = await download(page, page.getByRole('button', { name: 'Offene Punkte als PDF herunterladen' }));
  assert.ok(pdfText(finalOpen.path).includes(reference));
  for (const [file, title] of [[finalPdf, 'Anschlussantrag – Würzburg'], [finalOpen, 'Offene Punkte – Würzburg']]) {
    const report = pdfAccessibility(file.path);
    assert.equal(report.lang, 'de-DE');
    assert.equal(report.title, title);
  }
  const statusLink = await page.getByRole('link', { name: /\/status\// }).getAttribute('href');
  assert.match(statusLink, /\/status\/[0-9a-f-]+#token=.+/);

  // The API stored exactly this request, once.
  const stored = await storedRequests(api);
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
  // The token leaves the address bar and the history, and a reload in this tab still works.
  await p2.waitForFunction(() => !location.href.includes('token='));
  assert.ok(p2.url().endsWith(new URL(statusLink).pathname), p2.url());
  await p2.reload();
  await heading(p2, 'Stand Ihres Antrags');
  await p2.getByText(reference).waitFor();
  await p2.goBack();
  await p2.goForward();
  assert.ok(!p2.url().includes('token='), 'no history entry keeps the token');
  await p2.getByText(reference).waitFor();
  // Another tab without the link's token sees nothing.
  const p3 = await other.newPage();
  await p3.goto(api.base + new URL(statusLink).pathname);
  await p3.getByText('Zu diesem Link wurde kein Antrag gefunden').waitFor();
  await other.close();
  await context.close();
});
