/**
 * `npm run security`: electronegativity over main/ (the Electron main process, preload and shell), for the
 * installed Electron version, without the "newer Electron exists" check (this machine is offline).
 *
 * electronegativity honours inline `eng-disable CHECK_ID` comments itself, so every row it writes is a
 * finding nobody has reviewed: any row fails the scan. Every eng-disable comment in main/ must also say
 * why (text after the check ids), or the scan fails too. Exit code: 0 clean, 1 findings, 2 scan broken.
 *
 * Unit tests (*.test.ts) are left out: they are not shipped, and they hold hostile inputs on purpose.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
  url: string;
}

/** RFC 4180-style CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** electronegativity's CSV (header: issue, severity, confidence, filename, location, sample, description, url). */
export function parseFindings(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header || header[0]?.trim() !== 'issue') throw new Error('not an electronegativity CSV report');
  return rows.map((r) => {
    const [
      issue = '',
      severity = '',
      confidence = '',
      file = '',
      location = '',
      sample = '',
      description = '',
      url = '',
    ] = r.map((f) => f.trim());
    return { issue, severity, confidence, file, location, sample, description, url };
  });
}

export interface Suppression {
  file: string;
  line: number;
  checks: string[];
  reason: string;
}

const ENG_DISABLE = /(?:\/\*|\/\/)[ \t]*eng-disable[ \t]+([\w \t]+)(.*)$/;

/** Every eng-disable comment in a file, with the check ids and the reason written after them. */
export function findSuppressions(file: string, text: string): Suppression[] {
  const out: Suppression[] = [];
  text.split('\n').forEach((line, index) => {
    const m = ENG_DISABLE.exec(line);
    if (!m) return;
    const words = (m[1] ?? '').trim().split(/[ \t]+/);
    const checks = words.filter((w) => /^[A-Z][A-Z0-9_]*_CHECK$/.test(w));
    const rest = [...words.filter((w) => !checks.includes(w)), m[2] ?? '']
      .join(' ')
      .replace(/\*\/\s*$/, '')
      .replace(/^[\s—:-]+/, '')
      .trim();
    out.push({ file, line: index + 1, checks, reason: rest });
  });
  return out;
}

/** A reason is a few real words, not a blank or a lone dash. */
export function isJustified(s: Suppression): boolean {
  return s.checks.length > 0 && s.reason.replace(/[^\p{L}\p{N}]+/gu, '').length >= 10;
}

/** Shipped source files: scripts and pages, not unit tests. */
export function isShippedSource(name: string): boolean {
  return /\.(ts|tsx|js|cjs|mjs|html)$/.test(name) && !/\.test\.tsx?$/.test(name);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return isShippedSource(name) ? [full] : [];
  });
}

function main(): number {
  const target = 'main';
  const electronVersion = (
    JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }
  ).version;
  const bin = path.resolve('node_modules/@doyensec/electronegativity/dist/index.js');
  const work = mkdtempSync(path.join(tmpdir(), 'kiosk-eng-'));
  const report = path.join(work, 'eng.csv');
  const copy = path.join(work, target);
  try {
    cpSync(target, copy, {
      recursive: true,
      filter: (src) => statSync(src).isDirectory() || isShippedSource(src),
    });
    const args = [
      '--require',
      path.resolve('scripts/electronegativity-offline.cjs'),
      bin,
      '-i',
      copy,
      '-r',
      '-e',
      electronVersion,
      '-x',
      'AvailableSecurityFixesGlobalCheck',
      '-o',
      report,
    ];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 300_000 });
    let csv: string;
    try {
      csv = readFileSync(report, 'utf8');
    } catch {
      console.error(`electronegativity did not write a report (exit ${run.status}):\n${run.stderr}`);
      return 2;
    }
    const findings = parseFindings(csv);
    const files = sourceFiles(target);
    const suppressions = files.flatMap((f) => findSuppressions(f, readFileSync(f, 'utf8')));
    const unjustified = suppressions.filter((s) => !isJustified(s));

    console.log(`electronegativity ${target}/ (${files.length} files) for Electron ${electronVersion}`);
    for (const f of findings) {
      console.log(
        `  FINDING ${f.issue} [${f.severity}/${f.confidence}] ${f.file}:${f.location} — ${f.description}`,
      );
      if (f.sample && f.sample !== 'N/A') console.log(`          ${f.sample.slice(0, 160)}`);
    }
    for (const s of suppressions) {
      const mark = isJustified(s) ? 'reviewed' : 'NO REASON';
      console.log(
        `  ${mark} ${s.checks.join(' ') || '(no check id)'} at ${s.file}:${s.line} — ${s.reason || '(none given)'}`,
      );
    }
    const failed = findings.length + unjustified.length;
    console.log(
      `security scan: ${findings.length} unreviewed finding(s), ${suppressions.length - unjustified.length} reviewed suppression(s), ${unjustified.length} without a reason — ${failed === 0 ? 'passed' : 'FAILED'}`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
