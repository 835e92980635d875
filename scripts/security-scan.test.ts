import { describe, expect, it } from 'vitest';
import { findSuppressions, isJustified, isShippedSource, parseCsv, parseFindings } from './security-scan';

const header = 'issue, severity, confidence, filename, location, sample, description, url';

describe('parseFindings', () => {
  it('reads electronegativity rows, with commas, quotes and no final newline', () => {
    const csv = `${header}\nCSP_GLOBAL_CHECK,"LOW","FIRM","a.ts","3:13","default-src 'none', ""x""","One, two",https://example/wiki\nSANDBOX_JS_CHECK,"MEDIUM","FIRM","index.ts","175:8","new BrowserWindow(o);","Use sandbox",https://example/s`;
    const findings = parseFindings(csv);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toEqual({
      issue: 'CSP_GLOBAL_CHECK',
      severity: 'LOW',
      confidence: 'FIRM',
      file: 'a.ts',
      location: '3:13',
      sample: `default-src 'none', "x"`,
      description: 'One, two',
      url: 'https://example/wiki',
    });
    expect(findings[1]?.issue).toBe('SANDBOX_JS_CHECK');
  });

  it('reads an empty report as no findings', () => {
    expect(parseFindings(header)).toEqual([]);
    expect(parseFindings(`${header}\n`)).toEqual([]);
  });

  it('refuses something that is not a report', () => {
    expect(() => parseFindings('hello,world\n')).toThrow(/not an electronegativity/);
  });

  it('parses CRLF and quoted newlines', () => {
    expect(parseCsv('a,"b\nc"\r\nd,e')).toEqual([
      ['a', 'b\nc'],
      ['d', 'e'],
    ]);
  });
});

describe('findSuppressions and isJustified', () => {
  it.each([
    [
      'x(); // eng-disable SANDBOX_JS_CHECK — set in kioskWindowOptions, asserted in tests',
      ['SANDBOX_JS_CHECK'],
      true,
    ],
    [
      'x(); /* eng-disable A_JS_CHECK B_JS_CHECK — reviewed: only our own bundle */',
      ['A_JS_CHECK', 'B_JS_CHECK'],
      true,
    ],
    ['x(); // eng-disable SANDBOX_JS_CHECK', ['SANDBOX_JS_CHECK'], false],
    ['x(); // eng-disable SANDBOX_JS_CHECK —', ['SANDBOX_JS_CHECK'], false],
    ['x(); /* eng-disable SANDBOX_JS_CHECK */', ['SANDBOX_JS_CHECK'], false],
    ['x(); // eng-disable because reasons', [], false],
  ])('%s', (line, checks, justified) => {
    const [s] = findSuppressions('f.ts', `first\n${line}\n`);
    expect(s?.line).toBe(2);
    expect(s?.checks).toEqual(checks);
    expect(s && isJustified(s)).toBe(justified);
  });

  it('ignores lines without the marker', () => {
    expect(findSuppressions('f.ts', 'const a = 1; // disable nothing\n')).toEqual([]);
  });
});

describe('isShippedSource', () => {
  it.each([
    ['index.ts', true],
    ['preload.ts', true],
    ['page.html', true],
    ['lockdown.test.ts', false],
    ['view.test.tsx', false],
    ['notes.md', false],
    ['data.json', false],
  ])('%s → %s', (name, shipped) => {
    expect(isShippedSource(name)).toBe(shipped);
  });
});
