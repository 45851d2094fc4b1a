// Nothing typed is lost: reload restores everything on the same step; a draft exported as a
// file opens in a fresh browser; broken or foreign files are refused with a clear message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, launchBrowser, newContext } from '../support/harness.mjs';
import { axe, heading, clickContinue, start, chooseMunicipality, fillContact, chooseService } from '../support/journey.mjs';

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

test('reload mid-journey restores every answer on the same step', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await start(page, api.base);
  await chooseMunicipality(page, 'Muenchen', /^München, Landeshauptstadt Kreisfreie Stadt/);
  await page.getByText('09162000', { exact: true }).waitFor();
  await fillContact(page, 'Vertretungsberechtigte Person', { name: 'Dieter Reiter', function: 'Oberbürgermeister', email: 'ob@muenchen.de' });
  // Invalid input is kept as typed, too.
  await page.getByLabel('Funktionspostfach (E-Mail)').fill('kein-at-zeichen');
  await page.getByText(/Gespeichert um/).waitFor();

  await page.reload();
  await heading(page, 'Ihre Kommune');
  const group = page.getByRole('group', { name: /^Vertretungsberechtigte Person/ });
  assert.equal(await group.getByLabel(/^Vor- und Nachname/).inputValue(), 'Dieter Reiter');
  assert.equal(await page.getByLabel('Funktionspostfach (E-Mail)').inputValue(), 'kein-at-zeichen');
  await page.getByText('09162000', { exact: true }).waitFor();

  // Back and forward work across steps.
  await page.getByRole('link', { name: 'Zurück' }).click();
  await heading(page, 'Überblick');
  await page.goBack();
  await heading(page, 'Ihre Kommune');
  await page.goForward();
  await heading(page, 'Überblick');
  await page.getByText('München, Landeshauptstadt').first().waitFor();
  await context.close();
});

test('a draft exported as a file opens in a fresh browser after confirmation', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await start(page, api.base);
  await chooseMunicipality(page, 'Köln', /^Köln, Stadt Kreisfreie Stadt/);
  await fillContact(page, 'Technische Ansprechperson', { name: 'Ülkü Şahin', email: 'it@stadt-koeln.de', phone: '0221 221-0' });
  await page.getByText(/Gespeichert um/).waitFor();
  await page.getByRole('link', { name: 'Überblick' }).first().click();
  await heading(page, 'Überblick');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Entwurf herunterladen' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^Entwurf_Koeln_Stadt_\d{4}-\d{2}-\d{2}\.json$/);
  const dir = mkdtempSync(join(tmpdir(), 'efa-draft-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(saved.format, 'efa-onboarding-draft');
  assert.equal(saved.request.municipality.ags, '05315000');
  await context.close();

  // A fresh browser: nothing there yet.
  const fresh = await newContext(browser);
  const p2 = await fresh.newPage();
  await p2.goto(api.base + '/entwuerfe');
  await heading(p2, 'Entwürfe');
  await p2.getByText('In diesem Browser sind keine Entwürfe gespeichert.').waitFor();

  // Broken and foreign files are refused and change nothing.
  const broken = join(dir, 'kaputt.json');
  writeFileSync(broken, '{"format": "efa-onboarding-draft", "draft_ver');
  await p2.getByLabel('Entwurfsdatei auswählen').setInputFiles(broken);
  await p2.getByText(/Die Datei ist beschädigt oder unvollständig/).waitFor();
  await axe(p2, 'Entwürfe mit Fehler');
  const foreign = join(dir, 'fremd.json');
  writeFileSync(foreign, JSON.stringify({ hello: 'world' }));
  await p2.getByLabel('Entwurfsdatei auswählen').setInputFiles(foreign);
  await p2.getByText(/kein Entwurf von EfA-Onboarding/).waitFor();
  const newer = join(dir, 'neuer.json');
  writeFileSync(newer, JSON.stringify({ ...saved, draft_version: 99 }));
  await p2.getByLabel('Entwurfsdatei auswählen').setInputFiles(newer);
  await p2.getByText(/neueren Version/).waitFor();

  // The real file asks before it opens, then restores everything.
  await p2.getByLabel('Entwurfsdatei auswählen').setInputFiles(file);
  await p2.getByText('Diesen Entwurf öffnen?').waitFor();
  await p2.getByRole('button', { name: 'Entwurf öffnen' }).click();
  // It opens on the step it was saved on (the overview), with everything restored.
  await heading(p2, 'Überblick');
  await p2.getByText('Köln, Stadt').first().waitFor();
  await p2.getByRole('link', { name: 'Ihre Kommune' }).click();
  await heading(p2, 'Ihre Kommune');
  const tech = p2.getByRole('group', { name: /^Technische Ansprechperson/ });
  assert.equal(await tech.getByLabel(/^Vor- und Nachname/).inputValue(), 'Ülkü Şahin');
  await p2.getByText('05315000', { exact: true }).waitFor();

  // Several drafts: start another, both are listed; delete asks first.
  await p2.goto(api.base + '/entwuerfe');
  await p2.getByRole('button', { name: 'Neuen Entwurf anlegen' }).click();
  await heading(p2, 'Überblick');
  await p2.getByRole('link', { name: 'Ihre Kommune' }).click();
  await chooseMunicipality(p2, 'würzb', /^Würzburg Kreisfreie Stadt/);
  await p2.getByText(/Gespeichert um/).waitFor();
  await p2.goto(api.base + '/entwuerfe');
  await p2.getByRole('button', { name: /^Öffnen\s*:\s*Köln, Stadt$/ }).waitFor();
  await p2.getByRole('button', { name: /^Öffnen\s*:\s*Würzburg$/ }).waitFor();
  await p2.getByRole('button', { name: /^Löschen\s*:\s*Köln, Stadt$/ }).click();
  await p2.getByRole('button', { name: 'Ja, löschen' }).click();
  await p2.getByRole('button', { name: /^Öffnen\s*:\s*Köln, Stadt$/ }).waitFor({ state: 'detached' });
  await p2.getByRole('button', { name: /^Öffnen\s*:\s*Würzburg$/ }).waitFor();
  await axe(p2, 'Entwürfe');
  await fresh.close();
});

test('"Neu beginnen" asks before it discards the draft', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await start(page, api.base);
  await chooseMunicipality(page, 'würzb', /^Würzburg Kreisfreie Stadt/);
  await page.getByText(/Gespeichert um/).waitFor();
  await page.getByRole('link', { name: 'Überblick' }).first().click();
  await page.getByRole('button', { name: 'Neu beginnen' }).click();
  await page.getByText(/Möchten Sie wirklich neu beginnen\?/).waitFor();
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await page.getByText('Würzburg').first().waitFor();
  await page.getByRole('button', { name: 'Neu beginnen' }).click();
  await page.getByRole('button', { name: /Ja, Entwurf löschen/ }).click();
  await heading(page, 'Überblick');
  assert.equal(await page.getByText('Würzburg').count(), 0);
  await context.close();
});
