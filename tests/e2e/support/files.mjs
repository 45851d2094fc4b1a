// Reads downloaded documents with independent tools: pdftotext/pdfinfo (poppler) for PDFs,
// and the tagging check of the documents crate (pikepdf, crates/documents/tests/check_pdf.py).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

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

/**
 * Checks a PDF as PDF/UA-1 asks (what `check_pdf.py` checks: structure tree, language,
 * marked content, embedded fonts, window title, …) and that pdfinfo sees it tagged;
 * returns the checker's report ({ problems, roles, lang, title, links }).
 * `cargo xtask test` installs pikepdf into target/pyenv; EFA_PYTHON may name another Python.
 */
export function pdfAccessibility(path) {
  const info = pdfInfo(path);
  if (info.Tagged !== 'yes') throw new Error(`${path}: pdfinfo says Tagged: ${info.Tagged}`);
  const python = process.env.EFA_PYTHON || join(root, 'target/pyenv/bin/python');
  const run = spawnSync(python, [join(root, 'crates/documents/tests/check_pdf.py'), path], { encoding: 'utf8' });
  if (run.error) throw new Error(`cannot run ${python} (${run.error.message}); cargo xtask test installs pikepdf into target/pyenv`);
  const report = JSON.parse(run.stdout.trim());
  if (run.status !== 0 || report.problems.length) {
    throw new Error(`${path} is not accessible as PDF/UA-1 asks: ${JSON.stringify(report.problems)}`);
  }
  return report;
}

export function json(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
