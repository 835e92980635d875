// The full bundled fonts, split by unicode-range: behind the cut ones (fonts.ts) in every font stack, so a
// character the build did not see (text a curator added later) still shows in the right type. Loaded after
// every cut face; the browser fetches a file of these only for a character no cut face has.
import '@fontsource-variable/noto-sans';
import '@fontsource-variable/noto-serif';
import '@fontsource-variable/noto-sans-sc';
import '@fontsource-variable/noto-serif-sc';
import '@fontsource-variable/noto-sans-jp';
import '@fontsource-variable/noto-serif-jp';
