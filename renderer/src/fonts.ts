// Every font is bundled with the kiosk (no network at run time): a sans for the interface and a serif for
// testimony, in Latin, Simplified Chinese and Japanese. Split by unicode-range, so only what a page shows is
// decoded.
import '@fontsource-variable/noto-sans';
import '@fontsource-variable/noto-serif';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-serif-sc';
import '@fontsource-variable/noto-sans-jp';
import '@fontsource-variable/noto-serif-jp';
