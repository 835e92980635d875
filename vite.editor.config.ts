import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The exhibit editor's page (issue 14): a build of its own into out/editor, served at /editor/ only by a
// backend started with the editor (`npm run editor`). Built apart from the kiosk so that the visitor
// kiosk's bundles are exactly what they were: no chunk is shared or re-split between the two.
export default defineConfig({
  root: 'renderer/editor',
  base: '/editor/',
  plugins: [react()],
  build: {
    outDir: '../../out/editor',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    assetsInlineLimit: 0,
  },
});
