import { describe, expect, it } from 'vitest';
import type { UpdateCheck } from '../common/packages';
import {
  chooseFromIndex,
  delayBeforeNextCheck,
  etagToKeep,
  failuresAfter,
  remembersRefusal,
  RETRY_CEILING_MS,
  type ChooseInput,
} from './updates';

const URL_ = 'http://10.0.0.5/kiosk-packages/latest.json';
const SHA = 'a'.repeat(64);
const entry = (exhibitId: string, version: number, extra: Record<string, unknown> = {}) => ({
  exhibitId,
  version,
  file: `${exhibitId}-${version}.kioskpkg`,
  size: 1000,
  sha256: SHA,
  ...extra,
});
const index = (...packages: unknown[]) => JSON.stringify({ format: 1, packages });
const base: ChooseInput = {
  indexText: index(entry('nanjing', 3)),
  indexUrl: URL_,
  live: { exhibitId: 'nanjing', version: 2 },
  held: [
    { exhibitId: 'nanjing', version: 2 },
    { exhibitId: 'nanjing', version: 1 },
  ],
  maxBytes: 10_000,
  refusedBefore: null,
};

describe('chooseFromIndex', () => {
  const rows: [string, Partial<ChooseInput>, string][] = [
    [
      'a newer version: download it from the same folder',
      {},
      'download http://10.0.0.5/kiosk-packages/nanjing-3.kioskpkg',
    ],
    [
      'the newest of several versions of the exhibit',
      { indexText: index(entry('nanjing', 3), entry('nanjing', 5), entry('nanjing', 4)) },
      'download http://10.0.0.5/kiosk-packages/nanjing-5.kioskpkg',
    ],
    [
      'other exhibits in the index are left alone',
      { indexText: index(entry('harbour', 9), entry('nanjing', 3)) },
      'download http://10.0.0.5/kiosk-packages/nanjing-3.kioskpkg',
    ],
    [
      'the version on screen: nothing new',
      { indexText: index(entry('nanjing', 2)) },
      "up-to-date 2 Version 2, the server's newest, is on screen.",
    ],
    [
      'an older version: never a downgrade',
      { indexText: index(entry('nanjing', 1)) },
      "up-to-date 1 The server's newest package is version 1, older than version 2 on screen; a kiosk never goes back by itself.",
    ],
    [
      'already staged, waiting for the attract loop',
      { held: [...base.held, { exhibitId: 'nanjing', version: 3 }] },
      "up-to-date 3 The server's newest package, version 3, is already on this kiosk.",
    ],
    [
      'a version staff rolled back from is not fetched again',
      {
        live: { exhibitId: 'nanjing', version: 2 },
        held: [
          { exhibitId: 'nanjing', version: 3 },
          { exhibitId: 'nanjing', version: 2 },
        ],
      },
      "up-to-date 3 The server's newest package, version 3, is already on this kiosk.",
    ],
    [
      "nothing installed yet: the index's only exhibit",
      { live: null, held: [] },
      'download http://10.0.0.5/kiosk-packages/nanjing-3.kioskpkg',
    ],
    [
      'nothing installed and several exhibits: no guess',
      { live: null, held: [], indexText: index(entry('nanjing', 3), entry('harbour', 1)) },
      'refused other-exhibit The package index lists several exhibits (harbour, nanjing) and this kiosk holds none yet, so it cannot choose; install the first version from a USB stick.',
    ],
    [
      'an empty index',
      { indexText: index() },
      'refused other-exhibit The package index offers nothing of the exhibit nanjing (it lists nothing).',
    ],
    [
      'only another exhibit',
      { indexText: index(entry('harbour', 7)) },
      'refused other-exhibit The package index offers nothing of the exhibit nanjing (it lists harbour).',
    ],
    [
      'larger than the download cap',
      { maxBytes: 4 * 1024 ** 2, indexText: index(entry('nanjing', 3, { size: 5 * 1024 ** 2 })) },
      'refused too-large Version 3 is 5 MB; this kiosk downloads at most 4 MB (packages.maxDownloadMegabytes).',
    ],
    [
      'refused before for what it holds: not fetched again',
      {
        refusedBefore: {
          sha256: SHA,
          refusal: { code: 'bad-signature', message: 'The signature does not match.' },
        },
      },
      'refused bad-signature Version 3 was refused before and is not downloaded again: The signature does not match.',
    ],
    [
      'refused before, but the file changed: fetched',
      { refusedBefore: { sha256: 'b'.repeat(64), refusal: { code: 'bad-signature', message: 'x' } } },
      'download http://10.0.0.5/kiosk-packages/nanjing-3.kioskpkg',
    ],
    [
      'not JSON (an HTML error page)',
      { indexText: '<html>Not here</html>' },
      `refused index-invalid ${URL_} is not a package index (latest.json): not JSON.`,
    ],
    [
      'another format',
      { indexText: JSON.stringify({ format: 2, packages: [] }) },
      `refused index-invalid ${URL_} is not a package index (latest.json) at format: Invalid input: expected 1`,
    ],
    [
      'a file name with a path: refused, never followed',
      { indexText: index(entry('nanjing', 3, { file: '../../etc/nanjing-3.kioskpkg' })) },
      `refused index-invalid ${URL_} is not a package index (latest.json) at packages.0.file: expected a package file name such as "nanjing-safety-zone-4.kioskpkg".`,
    ],
    [
      'an absolute address: refused',
      { indexText: index(entry('nanjing', 3, { file: 'http://elsewhere.example/nanjing-3.kioskpkg' })) },
      `refused index-invalid ${URL_} is not a package index (latest.json) at packages.0.file: expected a package file name such as "nanjing-safety-zone-4.kioskpkg".`,
    ],
    [
      'unknown fields are ignored',
      {
        indexText: JSON.stringify({
          format: 1,
          publisher: 'x',
          packages: [entry('nanjing', 3, { note: 'y' })],
        }),
      },
      'download http://10.0.0.5/kiosk-packages/nanjing-3.kioskpkg',
    ],
  ];
  it.each(rows)('%s', (_name, change, expected) => {
    const choice = chooseFromIndex({ ...base, ...change });
    const text =
      choice.kind === 'download'
        ? `download ${choice.url}`
        : choice.kind === 'up-to-date'
          ? `up-to-date ${choice.offered} ${choice.message}`
          : `refused ${choice.refusal.code} ${choice.refusal.message}`;
    expect(text.replace(/\.$/, '')).toBe(expected.replace(/\.$/, ''));
  });
});

describe('remembersRefusal', () => {
  it.each([
    ['bad-signature', true],
    ['hash-mismatch', true],
    ['checker-errors', true],
    ['kiosk-too-old', true],
    ['server-error', false],
    ['stalled', false],
    ['truncated', false],
    ['disk-full', false],
  ] as const)('%s → %s', (code, remembered) => {
    expect(remembersRefusal(code)).toBe(remembered);
  });
});

describe('etagToKeep', () => {
  it.each([
    ['not-modified', '"old"'],
    ['staged', '"new"'],
    ['up-to-date', '"new"'],
    ['refused', null],
    ['server-error', null],
  ] as [UpdateCheck['result'], string | null][])('%s → %s', (result, kept) => {
    expect(etagToKeep('"old"', '"new"', result)).toBe(kept);
  });
});

describe('failuresAfter and delayBeforeNextCheck', () => {
  it.each([
    [0, 'staged', 0],
    [3, 'up-to-date', 0],
    [3, 'not-modified', 0],
    [0, 'refused', 1],
    [2, 'server-error', 3],
  ] as [number, UpdateCheck['result'], number][])('%i then %s → %i', (before, result, after) => {
    expect(failuresAfter(before, result)).toBe(after);
  });

  const min = 60_000;
  it.each([
    [0, 15, 15],
    [1, 15, 30],
    [2, 15, 60],
    [4, 15, 240],
    [5, 15, 240],
    [40, 15, 240],
    [0, 600, 600],
    [3, 600, 600],
  ])('%i failures, every %i min → %i min', (failures, every, expected) => {
    expect(delayBeforeNextCheck(failures, every * min)).toBe(expected * min);
  });
  it('the ceiling is four hours', () => expect(RETRY_CEILING_MS).toBe(240 * min));
});
