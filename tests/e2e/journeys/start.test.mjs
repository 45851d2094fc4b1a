// The walking skeleton end to end: the API serves the built app, the app fetches the
// catalog from the API and the start page passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApi, launchBrowser, newContext, expectNoAxeViolations } from '../support/harness.mjs';

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

test('start page shows the product, the catalog size from the API and a start action', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(api.base + '/');

  await page.getByRole('heading', { level: 1, name: 'EfA-Onboarding' }).waitFor();
  const catalog = await (await fetch(api.base + '/api/v1/catalog')).json();
  assert.ok(catalog.services.length >= 25, 'the shipped catalog holds at least 25 services');
  await page.getByText(`Der Katalog enthält ${catalog.services.length} EfA-Leistungen.`).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  await page.getByRole('button', { name: 'Starten' }).waitFor();

  await expectNoAxeViolations(assert, page, 'the start page');
  await context.close();
});
