// The mails the API sends. Without an SMTP server configured, the API writes each mail as
// an RFC 5322 file (`*.eml`, 8bit UTF-8 text) into `<data dir>/outbox/`, so the journeys can
// read what a clerk would find in the Funktionspostfach.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Waits for a mail in the outbox of `api` (what `startApi` returned) that contains
 * `needle` and matches `ready` (so a file still being written is read again), and returns
 * its text. Mails go out from a background task, hence the polling.
 */
export async function waitForMail(api, needle, { ready = () => true, timeoutMs = 10_000 } = {}) {
  const dir = join(api.dataDir, 'outbox');
  const deadline = Date.now() + timeoutMs;
  let seen = [];
  for (;;) {
    try {
      seen = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    for (const name of seen) {
      const text = readFileSync(join(dir, name), 'utf8');
      if (text.includes(needle) && ready(text)) return text;
    }
    if (Date.now() > deadline) {
      throw new Error(`no mail containing ${needle} in ${dir} after ${timeoutMs} ms; files: ${seen.join(', ') || 'none'}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const CONFIRM_LINK = /https?:\/\/[^\s<>"']+\/bestaetigen\/[^\s<>"'#]+#code=[^\s<>"']+/;

/** The confirmation link in a mail's text, without punctuation that ends a sentence. */
export function confirmLink(text) {
  const m = text.match(CONFIRM_LINK);
  return m ? m[0].replace(/[.,;:!?)\]]+$/, '') : null;
}

/**
 * A real SMTP server on loopback: aiosmtpd from the Python package registry (installed
 * into `target/pyenv` by `cargo xtask test`; `EFA_TEST_PYTHON` names another Python),
 * delivering into a Maildir. Start the API with `--smtp-url` set to its `url`.
 */
export async function startSmtp() {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, rmSync, existsSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { createConnection } = await import('node:net');
  const { freePort } = await import('./harness.mjs');
  const { fileURLToPath } = await import('node:url');
  const python = process.env.EFA_TEST_PYTHON
    || fileURLToPath(new URL('../../../target/pyenv/bin/python', import.meta.url));
  if (!existsSync(python)) {
    throw new Error(`no Python with aiosmtpd at ${python}: run \`cargo xtask test\` once`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'efa-smtp-'));
  const maildir = join(dir, 'Maildir');
  const port = await freePort();
  const child = spawn(python, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
    '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: 'ignore' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const up = await new Promise((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`aiosmtpd did not start on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const messages = () => ['new', 'cur'].flatMap((sub) => {
    try {
      return readdirSync(join(maildir, sub)).sort().map((f) => readFileSync(join(maildir, sub, f), 'utf8'));
    } catch (e) {
      if (e.code === 'ENOENT') return [];
      throw e;
    }
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** The first mail received that contains `needle` and matches `ready`. */
    async waitFor(needle, { ready = () => true, timeoutMs = 20_000 } = {}) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = messages().find((m) => m.includes(needle) && ready(m));
        if (found) return found;
        if (Date.now() > end) throw new Error(`no mail containing ${needle}; received ${messages().length}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
