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
