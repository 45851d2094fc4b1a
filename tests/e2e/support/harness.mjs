// Shared set-up for the browser journeys: starts the real API (which serves the built app)
// on a free port with a throw-away SQLite data directory, and launches the system Chromium.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; run the journeys through \`cargo xtask test\``);
  return v;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Creates an operator account for every Land with the API's own subcommand and returns
 * the token, which it prints once on stdout.
 */
function addOperator(bin, dataDir) {
  const token = execFileSync(bin, ['--data-dir', dataDir, 'operators', 'add', 'e2e', '--lands', 'all'], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  if (!token) throw new Error('efa-api operators add printed no token');
  return token;
}

/**
 * Starts the API. `dataDir` may be given to restart on the same database; pass the
 * previous `operatorToken` with it, since the account exists there already. The
 * returned `operatorToken` belongs to an operator account for every Land.
 */
export async function startApi({ dataDir, port, args = [], owns, operatorToken } = {}) {
  const bin = need('EFA_API_BIN');
  const dist = need('EFA_DIST');
  const ownsData = owns ?? !dataDir;
  dataDir = dataDir || mkdtempSync(join(tmpdir(), 'efa-e2e-'));
  port = port || (await freePort());
  operatorToken = operatorToken || addOperator(bin, dataDir);
  const child = spawn(bin, ['--port', String(port), '--data-dir', dataDir, '--dist', dist, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (child.exitCode !== null) throw new Error(`API exited early: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`API not healthy after 30 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, port, dataDir, operatorToken,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
    cleanup() { if (ownsData) rmSync(dataDir, { recursive: true, force: true }); },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A new, isolated browser context (fresh storage), as a new visitor would have. */
export async function newContext(browser, options = {}) {
  // axe-core is injected as a script; the app's CSP (rightly) forbids that, so the test
  // context bypasses CSP. The CSP itself is tested at the API level.
  return browser.newContext({ locale: 'de-DE', bypassCSP: true, acceptDownloads: true, ...options });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
}

/** Fails with a readable list when axe finds anything. */
export async function expectNoAxeViolations(assert, page, where) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core violations on ${where}:\n${JSON.stringify(violations, null, 2)}`);
}
