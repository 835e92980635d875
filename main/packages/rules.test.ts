import { describe, expect, it } from 'vitest';
import type { RefusalCode } from '../common/packages';
import {
  checkDeclaredSize,
  checkEntryName,
  checkEntryType,
  checkManifestAgainstCaps,
  checkTally,
  checkVersionRule,
  DEFAULT_CAPS,
} from './rules';
import { manifestFor } from '../../tests/support/packageCraft';

describe('checkEntryName', () => {
  it.each<[string, RefusalCode | null]>([
    ['exhibit.yaml', null],
    ['photos/rabe-armband.jpg', null],
    ['stories/a/zh-Hans.md', null],
    ['南京/照片.jpg', null],
    ['', 'unsafe-path'],
    ['/etc/passwd', 'unsafe-path'],
    ['\\\\server\\share', 'unsafe-path'],
    ['C:/Windows/system.ini', 'unsafe-path'],
    ['../outside.txt', 'unsafe-path'],
    ['photos/../../outside.txt', 'unsafe-path'],
    ['photos/..', 'unsafe-path'],
    ['photos\\evil.jpg', 'unsafe-path'],
    ['photos//double.jpg', 'unsafe-path'],
    ['./exhibit.yaml', 'unsafe-path'],
    ['photos/', 'unsafe-path'],
    ['bad\u0000name', 'unsafe-path'],
    ['line\nbreak', 'unsafe-path'],
    ['a'.repeat(513), 'unsafe-path'],
  ])('%j → %s', (name, code) => {
    expect(checkEntryName(name)?.code ?? null).toBe(code);
  });
});

describe('checkEntryType', () => {
  it.each<[string | null | undefined, RefusalCode | null]>([
    ['file', null],
    [undefined, null],
    [null, null],
    ['symlink', 'link-entry'],
    ['link', 'link-entry'],
    ['character-device', 'special-entry'],
    ['block-device', 'special-entry'],
    ['fifo', 'special-entry'],
    ['directory', 'special-entry'],
    ['contiguous-file', 'special-entry'],
  ])('%s → %s', (type, code) => {
    expect(checkEntryType('x', type)?.code ?? null).toBe(code);
  });
});

describe('checkManifestAgainstCaps', () => {
  const caps = { ...DEFAULT_CAPS, maxEntries: 3, maxTotalBytes: 100 };
  it.each<[string, Record<string, string>, RefusalCode | null]>([
    ['within the caps', { a: 'x', b: 'y' }, null],
    ['too many files', { a: '', b: '', c: '', d: '' }, 'too-many-entries'],
    ['too many bytes', { a: 'x'.repeat(60), b: 'y'.repeat(60) }, 'too-large'],
    ['an unsafe path', { '../a': 'x' }, 'unsafe-path'],
    ['the manifest as content', { 'manifest.json': '{}' }, 'duplicate-entry'],
  ])('%s', (_name, files, code) => {
    expect(checkManifestAgainstCaps(manifestFor(files), caps)?.code ?? null).toBe(code);
  });

  it('a path listed twice', () => {
    const manifest = manifestFor({ a: 'x' });
    manifest.files.push({ ...manifest.files[0]! });
    expect(checkManifestAgainstCaps(manifest, caps)?.code).toBe('duplicate-entry');
  });
});

describe('checkTally', () => {
  const caps = { ...DEFAULT_CAPS, maxEntries: 10, maxTotalBytes: 1000, maxRatio: 10, ratioFloorBytes: 100 };
  it.each<[string, { entries: number; expandedBytes: number; compressedBytes: number }, RefusalCode | null]>([
    ['small', { entries: 1, expandedBytes: 50, compressedBytes: 1 }, null],
    ['ratio high but under the floor', { entries: 1, expandedBytes: 100, compressedBytes: 1 }, null],
    ['ratio within', { entries: 1, expandedBytes: 500, compressedBytes: 50 }, null],
    ['ratio over', { entries: 1, expandedBytes: 501, compressedBytes: 50 }, 'ratio'],
    ['too many entries', { entries: 11, expandedBytes: 0, compressedBytes: 0 }, 'too-many-entries'],
    ['too many bytes', { entries: 1, expandedBytes: 1001, compressedBytes: 1000 }, 'too-large'],
  ])('%s', (_name, tally, code) => {
    expect(checkTally(tally, caps)?.code ?? null).toBe(code);
  });
});

describe('checkDeclaredSize', () => {
  it.each<[number, number, RefusalCode | null]>([
    [10, 10, null],
    [0, 0, null],
    [11, 10, 'size-mismatch'],
    [10 * 1024 ** 3, 10, 'too-large'],
  ])('declared %i, listed %i → %s', (declared, listed, code) => {
    expect(checkDeclaredSize('a', declared, listed, DEFAULT_CAPS)?.code ?? null).toBe(code);
  });
});

describe('checkVersionRule', () => {
  const pkg = { exhibitId: 'nanjing', version: 5, minKioskVersion: '0.2.0' };
  it.each<[string, typeof pkg, { exhibitId: string; version: number } | null, string, RefusalCode | null]>([
    ['first install', pkg, null, '0.2.0', null],
    ['newer', pkg, { exhibitId: 'nanjing', version: 4 }, '0.2.0', null],
    ['older', pkg, { exhibitId: 'nanjing', version: 6 }, '0.2.0', 'older-version'],
    ['same', pkg, { exhibitId: 'nanjing', version: 5 }, '0.2.0', 'same-version'],
    ['another exhibit', pkg, { exhibitId: 'other', version: 1 }, '0.2.0', 'other-exhibit'],
    ['kiosk too old', pkg, null, '0.1.9', 'kiosk-too-old'],
    ['kiosk newer', pkg, null, '1.0.0', null],
  ])('%s', (_name, manifest, live, kiosk, code) => {
    expect(checkVersionRule(manifest, live, kiosk)?.code ?? null).toBe(code);
  });
});
