// Reads downloaded documents with independent tools: pdftotext/pdfinfo (poppler) for PDFs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'efa-downloads-'));

/** Clicks `button` and saves the download; returns { name, path }. */
export async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const name = d.suggestedFilename();
  const path = join(dir, name);
  await d.saveAs(path);
  return { name, path };
}

export function pdfText(path) {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

export function pdfInfo(path) {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const info = {};
  for (const line of out.split('\n')) {
    const m = line.match(/^([^:]+):\s*(.*)$/);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

export function json(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
