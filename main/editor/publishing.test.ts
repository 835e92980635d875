import { describe, expect, it } from 'vitest';
import { targetProblems } from './publishing';

describe('targetProblems: the key and the publish folder stay out of the exhibit folder', () => {
  it.each<[string, string, string, boolean, boolean]>([
    // content, key, publish folder, key inside, folder inside
    ['/museum/exhibit', '/home/staff/museum-key', '/srv/kiosk-packages', false, false],
    ['/museum/exhibit', '/museum/exhibit/museum-key', '/srv/kiosk-packages', true, false],
    ['/museum/exhibit', '/museum/exhibit', '/srv/kiosk-packages', true, false],
    ['/museum/exhibit', '/home/staff/museum-key', '/museum/exhibit/packages', false, true],
    ['/museum/exhibit', '/museum/exhibit-key', '/museum/exhibit-packages', false, false],
    ['/museum/exhibit', '/museum/key', '/museum', false, false],
    ['/museum/exhibit', '/museum/exhibit/../key', '/museum/exhibit/./out', false, true],
  ])('%s, key %s, out %s', (content, keyDir, outDir, keyInside, folderInside) => {
    const p = targetProblems(content, { keyDir, outDir });
    expect(p.key !== null).toBe(keyInside);
    expect(p.folder !== null).toBe(folderInside);
  });
});
