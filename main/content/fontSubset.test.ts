import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFontSubsets, exhibitTexts } from './fontSubset';
import { parseFontFaces, parseUnicodeRange } from './fonts';

const fontCss = (name: string) => path.resolve(`node_modules/@fontsource-variable/${name}/index.css`);
let dir = '';
let media = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-fonts-'));
  media = path.join(dir, 'media');
  await mkdir(path.join(media, 'stories', 'gate'), { recursive: true });
  await writeFile(
    path.join(media, 'exhibit.yaml'),
    'languages: [zh-Hans, ja, en]\ntitle:\n  zh-Hans: 安全区\n  ja: 安全区の記憶\n  en: Safety Zone\n',
  );
  await writeFile(path.join(media, 'stories', 'gate', 'zh-Hans.md'), '# 鼓楼\n');
  await writeFile(path.join(media, 'stories', 'gate', 'ja.md'), '# 門のそば\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every character a built CSS declares for a family. */
function declared(css: string, family: string): Set<number> {
  const found = new Set<number>();
  for (const face of parseFontFaces(css).filter((f) => f.family === family))
    for (const [a, b] of face.ranges) for (let cp = a; cp <= b; cp += 1) found.add(cp);
  return found;
}
const has = (set: Set<number>, text: string) => [...text].every((c) => set.has(c.codePointAt(0) as number));

describe('exhibitTexts', () => {
  it('reads YAML values by language and Markdown stories by their file name', async () => {
    const texts = await exhibitTexts(media);
    expect(texts.get('zh-Hans')).toEqual(expect.arrayContaining(['安全区', '# 鼓楼\n']));
    expect(texts.get('ja')).toEqual(expect.arrayContaining(['安全区の記憶', '# 門のそば\n']));
    expect(texts.get('en')).toContain('Safety Zone');
  });
});

describe('buildFontSubsets', () => {
  it('cuts each script’s fonts to the text shown in it, small files, and cuts nothing the second time', async () => {
    const outDir = path.join(dir, 'fonts');
    const options = {
      mediaDir: media,
      interfaceTexts: new Map([['en', ['Touch the screen to begin']]]),
      fontCss: [fontCss('noto-sans'), fontCss('noto-sans-sc'), fontCss('noto-sans-jp')],
      outDir,
    };
    const first = await buildFontSubsets(options);
    const css = await readFile(first.cssFile, 'utf8');

    const sc = declared(css, 'Kiosk Noto Sans SC');
    const jp = declared(css, 'Kiosk Noto Sans JP');
    const latin = declared(css, 'Kiosk Noto Sans');
    expect(has(sc, '安全区鼓楼')).toBe(true);
    expect(has(jp, '安全区の記憶門のそば')).toBe(true);
    // Japanese-only text is not in the Chinese fonts, and Chinese-only text not in the Japanese ones.
    expect([...'記憶門'].some((c) => sc.has(c.codePointAt(0) as number))).toBe(false);
    expect([...'鼓楼'].some((c) => jp.has(c.codePointAt(0) as number))).toBe(false);
    expect(has(latin, 'Safety Zone Touch the screen to begin 0123456789')).toBe(true);

    // Every file the CSS names is there, and all of them together are far smaller than the fonts cut.
    const files = parseFontFaces(css).map((f) => path.join(outDir, f.file));
    const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
    expect(sizes.every((s) => s > 0)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(200 * 1024);
    expect(parseUnicodeRange('U+5b89')[0]).toEqual([0x5b89, 0x5b89]);

    // Nothing for the attract loop unless asked: then its own faces, with its text and nothing else.
    expect(await readFile(first.firstCssFile, 'utf8')).not.toContain('@font-face');
    const withFirst = await buildFontSubsets({ ...options, firstScreenTexts: new Map([['ja', ['画面']]]) });
    const firstCss = await readFile(withFirst.firstCssFile, 'utf8');
    const firstSc = declared(firstCss, 'Kiosk First Noto Sans SC');
    expect(has(firstSc, '安全区')).toBe(true);
    expect([...'鼓楼画面'].some((c) => firstSc.has(c.codePointAt(0) as number))).toBe(false);
    expect(has(declared(firstCss, 'Kiosk First Noto Sans JP'), '画面')).toBe(true);
    expect(await readFile(withFirst.cssFile, 'utf8')).toBe(css);

    const second = await buildFontSubsets(options);
    expect(second.cut).toBe(0);
    expect(await readFile(second.cssFile, 'utf8')).toBe(css);

    // New text: the files it needs are cut, and those of the old text no longer declared are removed.
    await writeFile(path.join(media, 'stories', 'gate', 'zh-Hans.md'), '# 金陵\n');
    const third = await buildFontSubsets(options);
    expect(third.cut).toBeGreaterThan(0);
    expect(has(declared(await readFile(third.cssFile, 'utf8'), 'Kiosk Noto Sans SC'), '金陵')).toBe(true);
    const left = (await readdir(outDir)).filter((f) => f.endsWith('.woff2'));
    expect(left.sort()).toEqual(third.faces.map((f) => f.file).sort());
  }, 120_000);
});
