import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { buildFontSubsets } from './main/content/fontSubset';
import type { TextsByLanguage } from './main/content/fonts';
import { dashboardLang, dashboardWords } from './renderer/src/i18n/dashboardText';
import { languageNames, uiText } from './renderer/src/i18n/uiText';

const FONT_PACKAGES = [
  'noto-sans',
  'noto-serif',
  'noto-sans-sc',
  'noto-serif-sc',
  'noto-sans-jp',
  'noto-serif-jp',
];
const FONTS_ID = 'virtual:kiosk-fonts.css';
const FIRST_FONTS_ID = 'virtual:kiosk-fonts-first.css';

/** The interface's own words, by language; each language's own name in any. */
function interfaceTexts(): TextsByLanguage {
  const texts: TextsByLanguage = new Map([['*', Object.values(languageNames)]]);
  const codes = Object.keys(languageNames);
  for (const lang of ['en', 'zh-Hans', 'ja', 'id']) {
    const names = codes.map((code) => {
      try {
        return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? '';
      } catch {
        return '';
      }
    });
    texts.set(lang, [
      ...Object.values(uiText(lang)).filter((v) => typeof v === 'string'),
      ...names,
      // The staff dashboard's words, days and durations (its own chunk, the same fonts).
      ...dashboardWords(dashboardLang(lang)),
    ]);
  }
  return texts;
}

/** The interface's words on the attract loop: "touch to begin" and the placeholder tag, each language's name. */
function firstScreenTexts(): TextsByLanguage {
  const texts: TextsByLanguage = new Map([['*', Object.values(languageNames)]]);
  for (const lang of ['en', 'zh-Hans', 'ja', 'id'])
    texts.set(lang, [uiText(lang).touchToBegin, uiText(lang).placeholder]);
  return texts;
}

/**
 * `virtual:kiosk-fonts-first.css` (the attract loop's own faces) and `virtual:kiosk-fonts.css` (a visit's):
 * the bundled fonts cut to the characters the exhibit in media/ and the interface
 * show (main/content/fontSubset.ts), cached in node_modules/.cache/kiosk-fonts and built into out/renderer
 * like any other asset. KIOSK_MEDIA_DIR names another exhibit package to cut them for.
 */
function kioskFonts(): Plugin {
  let cssFile = '';
  let firstCssFile = '';
  return {
    name: 'kiosk-fonts',
    async buildStart() {
      const started = performance.now();
      const result = await buildFontSubsets({
        mediaDir: path.resolve(process.env.KIOSK_MEDIA_DIR ?? 'media'),
        interfaceTexts: interfaceTexts(),
        firstScreenTexts: firstScreenTexts(),
        fontCss: FONT_PACKAGES.map((p) => path.resolve(`node_modules/@fontsource-variable/${p}/index.css`)),
        outDir: path.resolve('node_modules/.cache/kiosk-fonts'),
      });
      cssFile = result.cssFile;
      firstCssFile = result.firstCssFile;
      const kb = result.faces.reduce((sum, f) => sum + f.bytes, 0) / 1024;
      this.info(
        `fonts: ${result.faces.length} faces, ${kb.toFixed(0)} KB (${result.cut} cut now) in ${Math.round(performance.now() - started)} ms`,
      );
    },
    resolveId(id) {
      if (id === FONTS_ID) return cssFile;
      return id === FIRST_FONTS_ID ? firstCssFile : null;
    },
  };
}

// The renderer: React + zustand, built into out/renderer and served by the kiosk's own request handler
// (kiosk://app/ in Electron, http://127.0.0.1:PORT/ in preview). Everything is bundled: no CDN, no network.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), kioskFonts()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
