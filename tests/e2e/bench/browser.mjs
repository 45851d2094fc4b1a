// Browser figures for `cargo xtask bench`: first-load transfer, time to interactive, and the
// latency of the municipality and catalog searches, measured in the system Chromium against
// the real API serving the release build. Writes raw figures as JSON to EFA_BENCH_OUT; the
// xtask compares them with the budgets and prints the table. No assertions on timings here.
//
// Environment:
//   EFA_BASE_URL             the running API (serves the app), e.g. http://127.0.0.1:40123
//   EFA_BENCH_OUT            where to write the JSON result
//   EFA_BENCH_PARTS          comma-separated subset of: transfer,tti,municipality,catalog,pdf,peer
//   EFA_BENCH_LOADS          cold loads per TTI series (default 20)
//   EFA_BENCH_CATALOG_QUERIES  JSON array of search terms typed on /leistungen
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { launchBrowser, newContext } from '../support/harness.mjs';

const BASE = required('EFA_BASE_URL');
const OUT = required('EFA_BENCH_OUT');
const PARTS = new Set((process.env.EFA_BENCH_PARTS || 'transfer,tti,municipality,catalog').split(','));
const LOADS = Number(process.env.EFA_BENCH_LOADS || 20);
// Each typed three times: only a third of the keystrokes change the list, and a p95 over
// fewer than 20 samples is just the slowest one.
const CATALOG_QUERIES = JSON.parse(process.env.EFA_BENCH_CATALOG_QUERIES
  || '["wohngeld","führerschein","sozialplattform","wohngeld","führerschein","sozialplattform","wohngeld","führerschein","sozialplattform"]');
const FILTER_ROUNDS = 5;
const MUNICIPALITY_QUERIES = ['würzburg', 'muenchen', 'köln', 'landkreis starnberg', '09663000'];

// Slow-3G-like: 400 kbit/s both ways, 400 ms round trip; CPU four times slower.
const SLOW_NETWORK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const CPU_SLOWDOWN = 4;

function required(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; run this through \`cargo xtask bench\``);
  return v;
}

// Installed before any page script runs. It timestamps, on the page's own clock
// (performance.now(), 0 = navigation start):
// - `tti`: the first moment the start action exists and a click on it is handled by the
//   page's scripts: the start-up script of index.html has taken over the static page
//   (`data-boot="ready"`), or the app itself has drawn the page (returning visitors).
// - `clickAt` → `appAt`: the first click, and the moment the app has drawn the overview
//   (the wasm is fetched, compiled, started and its router has rendered the step).
// - per interaction: the earliest keydown/input/change timestamp (the keystroke), the last
//   mutation of the watched container after it, and the first task after the event
//   (when the app has finished handling it and the main thread is free).
const PAGE_PROBE = () => {
  const probe = {
    tti: null, clickAt: null, appAt: null, registryLoading: false, registryReady: null, listReady: null,
    comboAt: null, suggestionSelector: null, firstSuggestionAt: null,
    watch: null, t0: null, lastMutation: null, idle: null, idleWaiters: [],
  };
  window.__bench = probe;
  const isStart = (el) => el.getAttribute('role') === 'button' && el.textContent.trim() === 'Starten';
  const domObserver = new MutationObserver((records) => {
    const now = performance.now();
    if (probe.tti === null && [...document.querySelectorAll('a.button-start')].some(isStart)
      && (document.documentElement.dataset.boot === 'ready' || !document.getElementById('boot'))) {
      probe.tti = now;
    }
    if (probe.clickAt !== null && probe.appAt === null && !document.getElementById('boot')) {
      const h1 = document.querySelector('main h1');
      if (h1 && h1.textContent.trim() === 'Überblick') probe.appAt = now;
    }
    // The municipality step shows a loading notice until the registry is parsed.
    if (probe.registryReady === null) {
      const loading = [...document.querySelectorAll('p.hint[role="status"]')]
        .some((e) => e.textContent.includes('Gemeindeverzeichnis wird geladen'));
      if (loading) probe.registryLoading = true;
      else if (probe.registryLoading) probe.registryReady = now;
    }
    if (probe.listReady === null && document.querySelector('#f-services > li')) probe.listReady = now;
    if (probe.comboAt === null && document.querySelector('[role="combobox"]')) probe.comboAt = now;
    if (probe.firstSuggestionAt === null && probe.suggestionSelector
      && document.querySelector(probe.suggestionSelector)) probe.firstSuggestionAt = now;
    if (probe.watch && probe.t0 !== null) {
      const container = document.querySelector(probe.watch);
      if (container && records.some((r) => container.contains(r.target))) probe.lastMutation = now;
    }
  });
  const startObserving = () => domObserver.observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
  });
  if (document.documentElement) startObserving();
  else document.addEventListener('readystatechange', startObserving, { once: true });

  window.addEventListener('click', (ev) => {
    if (probe.clickAt === null) probe.clickAt = ev.timeStamp;
  }, true);

  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    probe.idle = performance.now();
    for (const w of probe.idleWaiters.splice(0)) w();
  };
  for (const type of ['keydown', 'beforeinput', 'input', 'change']) {
    window.addEventListener(type, (ev) => {
      if (!probe.watch) return;
      if (probe.t0 === null || ev.timeStamp < probe.t0) probe.t0 = ev.timeStamp;
      if (type === 'input' || type === 'change') {
        probe.idle = null;
        channel.port2.postMessage(0);
      }
    }, true);
  }
  // Called by the driver before each measured keystroke; `selector` is the container whose
  // updates count (null stops measuring).
  probe.arm = (selector) => {
    probe.watch = selector;
    probe.t0 = null;
    probe.lastMutation = null;
    probe.idle = null;
  };
  // Resolves once the app has handled the keystroke (one more task later, so that anything
  // it queued as a task has run too) and reports the timestamps.
  probe.settle = () => new Promise((resolve) => {
    const finish = () => {
      const next = new MessageChannel();
      next.port1.onmessage = () => resolve({ t0: probe.t0, lastMutation: probe.lastMutation, idle: probe.idle });
      next.port2.postMessage(0);
    };
    if (probe.idle !== null) finish();
    else probe.idleWaiters.push(finish);
  });
};

async function openPage(browser, { throttled = false } = {}) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.addInitScript(PAGE_PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, cdp, errors };
}

// ── first-load transfer ──────────────────────────────────────────────────────────────────

/** Records every network response of the page with its bytes on the wire. */
function recordNetwork(cdp) {
  const requests = new Map();
  let loadEvent = null;
  cdp.on('Page.loadEventFired', (e) => { loadEvent = e.timestamp; });
  let inflight = 0;
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith('data:')) return;
    requests.set(e.requestId, { url: e.request.url, type: e.type, started: e.timestamp });
    inflight += 1;
    lastActivity = Date.now();
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.status = e.response.status;
    r.encoding = headers['content-encoding'] || 'identity';
    r.fromCache = e.response.fromDiskCache || e.response.fromServiceWorker || false;
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const r = requests.get(e.requestId);
    const ae = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding');
    if (r && ae) r.acceptEncoding = ae[1];
  });
  const done = (e, failed) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    if (failed) r.failed = e.errorText;
    else r.wire = e.encodedDataLength;
    r.finished = e.timestamp;
    inflight -= 1;
    lastActivity = Date.now();
  };
  cdp.on('Network.loadingFinished', (e) => done(e, false));
  cdp.on('Network.loadingFailed', (e) => done(e, true));
  return {
    // `afterLoad`: sent after the page's load event, i.e. not needed to show the page
    // (the app's background download while the clerk reads the start page).
    snapshot: () => [...requests.values()].map((r) => ({
      ...r, afterLoad: loadEvent !== null && r.started > loadEvent,
    })),
    async idle(quietMs = 500, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (inflight <= 0 && Date.now() - lastActivity >= quietMs) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the network did not become idle');
    },
  };
}

/** Body size of `url` as the server sends it for the given Accept-Encoding (not decoded). */
function servedSize(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ bytes: body.length, body, encoding: res.headers['content-encoding'] || 'identity', status: res.statusCode });
      });
    });
    req.on('error', reject);
  });
}

async function withSizes(entries) {
  const out = [];
  for (const e of entries) {
    const path = new URL(e.url).pathname;
    const [raw, gzip, br] = [
      await servedSize(e.url, 'identity'),
      await servedSize(e.url, 'gzip'),
      await servedSize(e.url, 'br'),
    ];
    out.push({
      path, type: e.type, afterLoad: e.afterLoad, status: e.status, wire: e.wire ?? null, wireEncoding: e.encoding, acceptEncoding: e.acceptEncoding,
      raw: raw.bytes, gzip: gzip.bytes, gzipEncoding: gzip.encoding, br: br.bytes, brEncoding: br.encoding,
      // What brotli (quality 11) would make of a response the API sends uncompressed.
      brPossible: br.encoding === 'identity'
        ? brotliCompressSync(raw.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length
        : br.bytes,
    });
  }
  return out;
}

async function transfer(browser) {
  const { context, page, cdp, errors } = await openPage(browser);
  await cdp.send('Page.enable');
  const net = recordNetwork(cdp);
  await page.goto(BASE + '/');
  await page.getByRole('button', { name: 'Starten' }).waitFor();
  await net.idle();
  const start = net.snapshot();
  if (!start.some((r) => r.afterLoad)) throw new Error('the app was not downloaded in the background');

  await page.getByRole('button', { name: 'Starten' }).click();
  await page.waitForURL('**/ueberblick');
  await page.locator('main a[href="/kommune"]').first().click();
  await page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' }).waitFor();
  await page.getByText('Gemeindeverzeichnis wird geladen').waitFor({ state: 'detached', timeout: 30_000 });
  await net.idle();
  const municipality = net.snapshot();
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { start: await withSizes(start), municipality: await withSizes(municipality) };
}

// ── time to interactive ──────────────────────────────────────────────────────────────────

// `clickWhen`: 'early' clicks "Starten" as soon as it is usable (the background download
// may still be running: the worst case); 'idle' waits for the network to be quiet first
// (the clerk has read the page).
async function ttiSeries(browser, throttled, loads, clickWhen) {
  const samples = [];
  for (let i = 0; i < loads; i += 1) {
    const { context, page, cdp, errors } = await openPage(browser, { throttled });
    const net = recordNetwork(cdp);
    await page.goto(BASE + '/', { waitUntil: 'commit', timeout: 120_000 });
    const tti = await (await page.waitForFunction(() => window.__bench && window.__bench.tti, null, { timeout: 120_000, polling: 50 })).jsonValue();
    // The role-based check the journeys use, so "usable" means the same thing there.
    const start = page.getByRole('button', { name: 'Starten' });
    await start.waitFor({ state: 'visible' });
    if (clickWhen === 'idle') {
      await net.idle(1000, 180_000);
    }
    await start.click({ timeout: 120_000 });
    const appAt = await (await page.waitForFunction(() => window.__bench.appAt, null, { timeout: 180_000, polling: 50 })).jsonValue();
    const clickAt = await page.evaluate(() => window.__bench.clickAt);
    // Read last: the paint entry is recorded after the paint, later than `tti` can be.
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    samples.push({ tti, fcp, clickToApp: appAt - clickAt });
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  }
  return samples;
}

// ── typing latency ───────────────────────────────────────────────────────────────────────

/** Types `text` character by character into `input`, measuring each keystroke. */
async function typeMeasured(page, input, text, container) {
  const samples = [];
  for (const ch of text) {
    await page.evaluate((sel) => window.__bench.arm(sel), container);
    await input.pressSequentially(ch);
    const r = await page.evaluate(() => window.__bench.settle());
    samples.push(sample(r, ch));
  }
  await page.evaluate(() => window.__bench.arm(null));
  return samples;
}

/** One keystroke: `domMs` to the last update of the container (null if it did not change),
 * `handledMs` to the end of the app's handling of the event (main thread free again). */
function sample(r, key) {
  if (r.t0 === null) throw new Error(`no input event seen for ${JSON.stringify(key)}`);
  const changed = r.lastMutation !== null;
  return { key, changed, domMs: changed ? r.lastMutation - r.t0 : null, handledMs: r.idle - r.t0 };
}

async function municipality(browser) {
  const loads = [];
  let page;
  let context;
  let errors;
  // Cold loads of the step: the registry download and parse. The server's search is cut
  // off (as offline), so the first keystroke starts the registry at once and the page says
  // it is loading until the registry is parsed.
  for (let i = 0; i < 5; i += 1) {
    if (context) await context.close();
    ({ context, page, errors } = await openPage(browser));
    await page.route('**/api/v1/municipalities*', (route) => route.abort('internetdisconnected'));
    await page.goto(BASE + '/kommune');
    await page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' }).pressSequentially('W');
    const handle = await page.waitForFunction(() => window.__bench.registryReady, null, { timeout: 60_000, polling: 50 });
    const ready = await handle.jsonValue();
    const res = await page.evaluate(() => {
      const e = performance.getEntriesByType('resource').find((x) => x.name.endsWith('/data/registry.tsv'));
      return e && { start: e.startTime, end: e.responseEnd, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize };
    });
    if (!res) throw new Error('the registry was not fetched on /kommune');
    // `ready`: the loading notice is gone, so the registry is downloaded and parsed.
    loads.push({ fetchMs: res.end - res.start, readyMs: ready - res.start, encoded: res.encoded, decoded: res.decoded, transfer: res.transfer });
  }
  const input = page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' });
  await input.click();
  const keystrokes = [];
  for (const q of MUNICIPALITY_QUERIES) {
    await input.fill('');
    const samples = await typeMeasured(page, input, q, '#f-municipality-listbox');
    const shown = await page.locator('#f-municipality-listbox [role="option"]').count();
    keystrokes.push({ query: q, samples, suggestions: shown });
  }
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { loads, keystrokes };
}

async function catalog(browser) {
  const { context, page, errors } = await openPage(browser);
  await page.goto(BASE + '/leistungen');
  // By id, not by label: Playwright's label lookup walks the whole document, which takes
  // tens of seconds with thousands of service cards (the app itself is not involved).
  const input = page.locator('#service-search');
  await input.waitFor({ timeout: 120_000 });
  const label = await page.locator('label[for="service-search"]').textContent();
  if (label.trim() !== 'Suchbegriff') throw new Error(`unexpected label of the search field: ${label}`);
  // Navigation start → the first service card is in the document.
  const firstRenderMs = await (await page.waitForFunction(() => window.__bench.listReady, null, { timeout: 120_000, polling: 100 })).jsonValue();
  const services = await page.locator('#f-services > li').count();
  const queries = [];
  for (const q of CATALOG_QUERIES) {
    await input.fill('');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    const samples = await typeMeasured(page, input, q, 'main');
    const shown = await page.locator('#f-services > li').count();
    queries.push({ query: q, samples, shown });
  }
  await input.fill('');
  // Filters: every option of the channel filter, then back to all; several rounds, so the
  // p95 rests on more than a couple of samples.
  const filters = [];
  const select = page.locator('#filter-channel');
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (let round = 0; round < FILTER_ROUNDS; round += 1) {
    for (const v of [...values.filter((x) => x), '']) {
      await page.evaluate(() => window.__bench.arm('main'));
      await select.selectOption(v);
      const r = await page.evaluate(() => window.__bench.settle());
      filters.push(sample(r, `channel=${v || 'all'}`));
    }
  }
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { services, firstRenderMs, queries, filters };
}

// ── PDF in the app: click → download ─────────────────────────────────────────────────────

// The first PDF on "Prüfen" (an empty draft: the time is the module's, not the drawing's).
// 'at once' clicks as soon as the button is there (the PDF module may still be loading);
// 'preloaded' waits for the network to be quiet first.
async function pdfClick(browser, throttled, preloaded) {
  const { context, page, cdp, errors } = await openPage(browser, { throttled });
  const net = recordNetwork(cdp);
  await page.goto(BASE + '/pruefen', { timeout: 120_000 });
  const button = page.getByRole('button', { name: 'Anschlussantrag (Entwurf) als PDF herunterladen' });
  await button.waitFor({ timeout: 120_000 });
  if (preloaded) await net.idle(1000, 180_000);
  const t0 = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), button.click()]);
  const ms = performance.now() - t0;
  await download.path();
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return ms;
}

async function pdf(browser) {
  const result = { atOnce: [], preloaded: [], throttledAtOnce: [], throttledPreloaded: [] };
  for (let i = 0; i < 5; i += 1) {
    result.atOnce.push(await pdfClick(browser, false, false));
    result.preloaded.push(await pdfClick(browser, false, true));
  }
  for (let i = 0; i < 3; i += 1) {
    result.throttledAtOnce.push(await pdfClick(browser, true, false));
    result.throttledPreloaded.push(await pdfClick(browser, true, true));
  }
  return result;
}

// ── side by side with SurveyJS: the municipality question ────────────────────────────────

const NODE_MODULES = new URL('../node_modules/', import.meta.url);
const REGISTRY_FILE = new URL('../../../public/data/registry.tsv', import.meta.url);

/** Serves SurveyJS (the npm packages in tests/e2e, without web fonts) with one dropdown
 * question that offers every Gemeinde, Gemeindeverband and Kreis of the registry as a
 * choice, searchable: the municipality question as a SurveyJS form would ask it. Brotli
 * when the browser accepts it, like our API. */
async function startSurveyServer() {
  const entries = readFileSync(REGISTRY_FILE, 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
  const survey = {
    pages: [{ elements: [{
      type: 'dropdown', name: 'kommune', title: 'Name oder Gemeindeschlüssel Ihrer Kommune',
      searchEnabled: true, choices: entries.map(([ars, , name]) => ({ value: ars, text: name })),
    }] }],
  };
  const file = (path) => readFileSync(new URL(path, NODE_MODULES));
  const files = {
    '/': ['text/html; charset=utf-8', Buffer.from(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>SurveyJS</title>
<link rel="stylesheet" href="/survey-core.css"><script src="/survey.core.js"></script><script src="/survey-js-ui.js"></script></head>
<body><main id="survey"></main><script>fetch('/survey.json').then((r) => r.json()).then((json) => new Survey.Model(json).render(document.getElementById('survey')));</script></body></html>`)],
    '/survey-core.css': ['text/css', file('survey-core/survey-core.fontless.min.css')],
    '/survey.core.js': ['text/javascript', file('survey-core/survey.core.min.js')],
    '/survey-js-ui.js': ['text/javascript', file('survey-js-ui/survey-js-ui.min.js')],
    '/survey.json': ['application/json', Buffer.from(JSON.stringify(survey))],
  };
  const compressed = Object.fromEntries(Object.entries(files).map(([path, [, body]]) => [
    path, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
  ]));
  const server = http.createServer((req, res) => {
    const f = files[req.url];
    if (!f) { res.writeHead(404); res.end(); return; }
    const br = /\bbr\b/.test(req.headers['accept-encoding'] || '');
    res.writeHead(200, { 'content-type': f[0], ...(br ? { 'content-encoding': 'br' } : {}) });
    res.end(br ? compressed[req.url] : f[1]);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Bytes of the document and of every request the page started until `t` (page clock),
 * each counted whole, as the resource timing reports them (body on the wire + headers). */
const BYTES_STARTED_UNTIL = (t) => {
  const nav = performance.getEntriesByType('navigation')[0];
  return (nav ? nav.transferSize : 0) + performance.getEntriesByType('resource')
    .filter((e) => e.startTime <= t)
    .reduce((sum, e) => sum + e.transferSize, 0);
};

/** A cold load of a page with a municipality combobox: navigation start → usable, each
 * keystroke → suggestions painted, the bytes received until the first suggestions were
 * painted, and all bytes once the page is idle. */
async function coldCombobox(browser, side) {
  const { context, page, cdp, errors } = await openPage(browser);
  const net = recordNetwork(cdp);
  await page.goto(side.url);
  const usableMs = await (await page.waitForFunction(side.usable, null, { timeout: 60_000, polling: 50 })).jsonValue();
  await page.evaluate((sel) => { window.__bench.suggestionSelector = sel; }, side.suggestion);
  const keystrokes = [];
  let bytesUntilSuggestions = null;
  for (const q of MUNICIPALITY_QUERIES) {
    const input = await side.open(page);
    keystrokes.push(...await typeMeasured(page, input, q, side.list));
    const shown = await page.locator(side.options).count();
    if (q === MUNICIPALITY_QUERIES[0]) {
      if (shown === 0) throw new Error(`${side.name}: no suggestions for ${q}`);
      const at = await (await page.waitForFunction(() => window.__bench.firstSuggestionAt, null, { timeout: 10_000, polling: 50 })).jsonValue();
      bytesUntilSuggestions = await page.evaluate(BYTES_STARTED_UNTIL, at);
    }
  }
  await net.idle(300, 30_000);
  const bytes = net.snapshot().reduce((sum, r) => sum + (r.wire || 0), 0);
  await context.close();
  if (errors.length) throw new Error(`${side.name}: page errors: ${errors.join('; ')}`);
  return {
    usableMs,
    domMs: keystrokes.filter((k) => k.changed).map((k) => k.domMs),
    handledMs: keystrokes.map((k) => k.handledMs),
    bytesUntilSuggestions,
    bytes,
  };
}

/** On the slow profile, a cold load of the municipality step and one key typed the moment
 * the combobox is there: navigation start → the first suggestions painted. With `offline`,
 * the server's search is cut off, so the suggestions wait for the registry. */
async function firstSuggestionThrottled(browser, offline) {
  const { context, page, errors } = await openPage(browser, { throttled: true });
  if (offline) await page.route('**/api/v1/municipalities*', (route) => route.abort('internetdisconnected'));
  await page.goto(BASE + '/kommune');
  await page.waitForFunction(() => window.__bench.comboAt, null, { timeout: 120_000, polling: 50 });
  await page.evaluate(() => { window.__bench.suggestionSelector = '#f-municipality-listbox [role="option"]'; });
  await page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' }).pressSequentially('W');
  const at = await (await page.waitForFunction(() => window.__bench.firstSuggestionAt, null, { timeout: 120_000, polling: 50 })).jsonValue();
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return at;
}

async function peer(browser) {
  const survey = await startSurveyServer();
  const ours = {
    name: 'EfA-Onboarding',
    url: BASE + '/kommune',
    // The app draws the combobox when it runs; from then on it answers, from the server's
    // search until the registry is loaded.
    usable: () => window.__bench.comboAt,
    suggestion: '#f-municipality-listbox [role="option"]',
    async open(page) {
      const input = page.getByRole('combobox', { name: 'Name oder Gemeindeschlüssel Ihrer Kommune' });
      await input.fill('');
      return input;
    },
    list: '#f-municipality-listbox',
    options: '#f-municipality-listbox [role="option"]',
  };
  const surveyjs = {
    name: 'SurveyJS',
    url: survey.base + '/',
    // Its choices come with the form, so the dropdown answers once it is drawn.
    usable: () => window.__bench.comboAt,
    suggestion: '.sv-popup .sv-list__item',
    async open(page) {
      // The filter input is read-only until the dropdown is opened; Escape closes it and
      // a fresh click opens it empty for the next term.
      await page.keyboard.press('Escape');
      await page.locator('.sd-dropdown').first().click();
      const input = page.locator('.sd-dropdown__filter-string-input').first();
      await input.fill('');
      return input;
    },
    list: '.sv-popup',
    options: '.sv-popup .sv-list__item:visible',
  };
  const result = { ours: [], surveyjs: [], throttledServer: [], throttledRegistry: [] };
  try {
    // Alternating, so that neither side gets the warmer machine.
    for (let i = 0; i < 3; i += 1) {
      result.ours.push(await coldCombobox(browser, ours));
      result.surveyjs.push(await coldCombobox(browser, surveyjs));
    }
    for (let i = 0; i < 3; i += 1) {
      result.throttledServer.push(await firstSuggestionThrottled(browser, false));
      result.throttledRegistry.push(await firstSuggestionThrottled(browser, true));
    }
  } finally {
    await survey.close();
  }
  return result;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────

const browser = await launchBrowser();
const result = { chromium: browser.version() };
try {
  if (PARTS.has('transfer')) {
    process.stdout.write('bench: first-load transfer\n');
    result.transfer = await transfer(browser);
  }
  if (PARTS.has('tti')) {
    const later = Math.max(1, Math.round(LOADS / 4));
    process.stdout.write(`bench: time to interactive, ${LOADS} cold loads\n`);
    result.tti = await ttiSeries(browser, false, LOADS, 'early');
    result.ttiIdle = await ttiSeries(browser, false, later, 'idle');
    process.stdout.write(`bench: time to interactive, ${LOADS} cold loads, slow network and 4× CPU\n`);
    result.ttiThrottled = await ttiSeries(browser, true, LOADS, 'early');
    result.ttiThrottledIdle = await ttiSeries(browser, true, later, 'idle');
  }
  if (PARTS.has('municipality')) {
    process.stdout.write('bench: municipality search\n');
    result.municipality = await municipality(browser);
  }
  if (PARTS.has('catalog')) {
    process.stdout.write('bench: catalog search and filters\n');
    result.catalog = await catalog(browser);
  }
  if (PARTS.has('pdf')) {
    process.stdout.write('bench: first PDF in the app\n');
    result.pdf = await pdf(browser);
  }
  if (PARTS.has('peer')) {
    process.stdout.write('bench: the municipality question next to SurveyJS\n');
    result.peer = await peer(browser);
  }
} finally {
  await browser.close();
}
writeFileSync(OUT, JSON.stringify(result, null, 2));
