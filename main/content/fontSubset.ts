/**
 * The kiosk's fonts cut to the characters it shows (see fonts.ts for why). Reads the exhibit package's text
 * (YAML, Markdown, WebVTT) and the interface's words, keeps of every bundled font file only the characters
 * shown in its script, and writes each as a small WOFF2 named by the hash of what went into it, with one CSS
 * file declaring them all. A second build with the same text and fonts reuses every file (nothing is cut).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  charactersForFamily,
  formatUnicodeRange,
  formattedTexts,
  keptBy,
  parseFontFaces,
  subsetFamilyName,
  textsOfDocument,
  type TextsByLanguage,
} from './fonts';

export interface FontSubsetOptions {
  mediaDir: string;
  /** The interface's own words by language, and `'*'` for words shown in any (language names). */
  interfaceTexts: TextsByLanguage;
  /**
   * The interface's words on the attract loop, by language: with the exhibit's title, subtitle, tagline
   * and attract credits in its default language, they get faces of their own (`Kiosk First …`), so the
   * first screen fetches a few kilobytes of type rather than every face its characters fall in.
   */
  firstScreenTexts?: TextsByLanguage;
  /** The fontsource CSS files to cut, e.g. node_modules/@fontsource-variable/noto-sans-sc/index.css. */
  fontCss: string[];
  /** Where the cut fonts and their CSS are written (and found again by the next build). */
  outDir: string;
}

export interface FontSubsetResult {
  /** The CSS file declaring every cut face of a visit (`url(./file.woff2)` beside it). */
  cssFile: string;
  /** The CSS file declaring the faces cut for the attract loop alone (`Kiosk First …`). */
  firstCssFile: string;
  faces: { family: string; file: string; bytes: number; characters: number }[];
  /** Faces cut in this run (the others were already there). */
  cut: number;
  /** Every character shown, by language (for a check that nothing is left to the fallback). */
  texts: TextsByLanguage;
}

/** Bump when the way files are cut changes, so every cached file is cut again. */
const SUBSET_VERSION = 'kiosk-fonts v1 woff2 all-axes';

/** The exhibit package's text by language: YAML values, `<lang>.md` stories, `<name>.<lang>.vtt` captions. */
export async function exhibitTexts(mediaDir: string): Promise<TextsByLanguage> {
  const texts: TextsByLanguage = new Map();
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.(ya?ml|md|vtt)$/i.test(entry.name)) files.push(full);
    }
  };
  await walk(mediaDir);
  const exhibitFile = files.find((f) => /^exhibit\.ya?ml$/i.test(path.basename(f)));
  const exhibit = exhibitFile
    ? (parseAllDocuments(await readFile(exhibitFile, 'utf8'))[0]?.toJS() as unknown)
    : null;
  const languages =
    exhibit && typeof exhibit === 'object' && Array.isArray((exhibit as { languages?: unknown }).languages)
      ? ((exhibit as { languages: unknown[] }).languages.filter((l) => typeof l === 'string') as string[])
      : [];
  const add = (lang: string, text: string) => texts.set(lang, [...(texts.get(lang) ?? []), text]);
  for (const file of files.sort()) {
    const text = await readFile(file, 'utf8');
    const base = path.basename(file);
    if (/\.ya?ml$/i.test(base)) {
      // A file that does not parse is the content checker's to report; its raw text is still kept whole.
      try {
        for (const doc of parseAllDocuments(text)) textsOfDocument(doc.toJS(), languages, texts);
      } catch {
        add('*', text);
      }
    } else {
      const lang = /(?:^|\.)([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.(md|vtt)$/i.exec(base)?.[1];
      add(lang && languages.includes(lang) ? lang : '*', text);
    }
  }
  for (const lang of languages) for (const t of formattedTexts(lang)) add(lang, t);
  return texts;
}

/** A YAML file's first document as a map, or null (missing, broken: the content checker says why). */
async function readYaml(file: string): Promise<Record<string, unknown> | null> {
  try {
    const doc = parseAllDocuments(await readFile(file, 'utf8'))[0]?.toJS() as unknown;
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What the attract loop shows of the exhibit: title, subtitle, tagline and credits, in its default language. */
export async function attractTexts(mediaDir: string): Promise<TextsByLanguage> {
  const texts: TextsByLanguage = new Map();
  const read = readYaml;
  const exhibit = await read(path.join(mediaDir, 'exhibit.yaml'));
  if (!exhibit) return texts;
  const lang = typeof exhibit.defaultLanguage === 'string' ? exhibit.defaultLanguage : '*';
  const attract = (exhibit.attract ?? {}) as Record<string, unknown>;
  const localized = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value as Record<string, unknown>).filter((v): v is string => typeof v === 'string')
        : [];
  const inDefault = (value: unknown): string[] =>
    value && typeof value === 'object' && typeof (value as Record<string, unknown>)[lang] === 'string'
      ? [(value as Record<string, string>)[lang] as string]
      : localized(value);
  const list = [...inDefault(exhibit.title), ...inDefault(exhibit.subtitle), ...inDefault(attract.tagline)];
  for (const id of Array.isArray(attract.photos) ? attract.photos : []) {
    if (typeof id !== 'string' || !/^[\w.-]+$/.test(id)) continue;
    const photo = await read(path.join(mediaDir, 'photos', `${id}.yaml`));
    if (photo) list.push(...inDefault(photo.credit));
  }
  texts.set(lang, list);
  return texts;
}

function merge(a: TextsByLanguage, b: TextsByLanguage): TextsByLanguage {
  const out: TextsByLanguage = new Map();
  for (const map of [a, b])
    for (const [lang, list] of map) out.set(lang, [...(out.get(lang) ?? []), ...list]);
  return out;
}

export async function buildFontSubsets(options: FontSubsetOptions): Promise<FontSubsetResult> {
  const { default: subsetFont } = await import('subset-font');
  const texts = merge(await exhibitTexts(options.mediaDir), options.interfaceTexts);
  const firstScreen = options.firstScreenTexts
    ? merge(await attractTexts(options.mediaDir), options.firstScreenTexts)
    : null;
  await mkdir(options.outDir, { recursive: true });
  const rules: string[] = [];
  const firstRules: string[] = [];
  const faces: FontSubsetResult['faces'] = [];
  let cut = 0;
  for (const cssPath of options.fontCss) {
    const sources = parseFontFaces(await readFile(cssPath, 'utf8'));
    for (const source of sources) {
      if (source.style !== 'normal') continue;
      const fontFile = path.resolve(path.dirname(cssPath), source.file);
      const plans = [
        {
          family: subsetFamilyName(source.family),
          kept: keptBy(source, charactersForFamily(source.family, texts)),
          first: false,
        },
      ];
      if (firstScreen)
        plans.push({
          family: subsetFamilyName(source.family).replace(/^Kiosk /, 'Kiosk First '),
          kept: keptBy(source, charactersForFamily(source.family, firstScreen, false)),
          first: true,
        });
      for (const { family, kept, first } of plans) {
        if (kept.length === 0) continue;
        const original = await readFile(fontFile);
        const hash = createHash('sha256')
          .update(SUBSET_VERSION)
          .update(original)
          .update(kept.join(','))
          .digest('hex')
          .slice(0, 16);
        const name = `${family.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${hash}.woff2`;
        const out = path.join(options.outDir, name);
        let bytes: number;
        if (existsSync(out)) bytes = (await readFile(out)).length;
        else {
          const subset = await subsetFont(original, String.fromCodePoint(...kept), {
            targetFormat: 'woff2',
          });
          await writeFile(out, subset);
          bytes = subset.length;
          cut += 1;
        }
        faces.push({ family, file: name, bytes, characters: kept.length });
        (first ? firstRules : rules).push(
          [
            '@font-face {',
            `  font-family: '${family}';`,
            `  font-style: normal;`,
            // Every face is loaded while the attract loop runs; until then the text shows in the fallback.
            `  font-display: swap;`,
            `  font-weight: ${source.weight};`,
            `  src: url(./${name}) format('woff2');`,
            `  unicode-range: ${formatUnicodeRange(kept)};`,
            '}',
          ].join('\n'),
        );
      }
    }
  }
  // Files of an earlier text or font version are no longer declared: remove them.
  const current = new Set(faces.map((f) => f.file));
  for (const name of await readdir(options.outDir))
    if (name.endsWith('.woff2') && !current.has(name))
      await rm(path.join(options.outDir, name), { force: true });
  const writeCss = async (name: string, list: string[]) => {
    const file = path.join(options.outDir, name);
    const css = `/* Generated by main/content/fontSubset.ts: the bundled fonts cut to the characters the kiosk shows. */\n${list.join('\n')}\n`;
    if (!existsSync(file) || (await readFile(file, 'utf8')) !== css) await writeFile(file, css);
    return file;
  };
  const cssFile = await writeCss('kiosk-fonts.css', rules);
  const firstCssFile = await writeCss('kiosk-fonts-first.css', firstRules);
  return { cssFile, firstCssFile, faces, cut, texts };
}
