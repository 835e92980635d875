// Every font is bundled with the kiosk (no network at run time): a sans for the interface and a serif for
// testimony, in Latin, Simplified Chinese and Japanese. The build cuts them to the characters the exhibit
// and the interface show (main/content/fontSubset.ts, through vite.config.ts). The first bundle declares
// only the faces cut to the attract loop's own text; a visit's load while it runs (fontLoading.ts),
// so no screen of a visit waits for a glyph. The full fonts stay behind them, for text added after the build.
import 'virtual:kiosk-fonts-first.css';
