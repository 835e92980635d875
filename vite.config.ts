import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: React + zustand, built into out/renderer and served by the kiosk's own request handler
// (kiosk://app/ in Electron, http://127.0.0.1:PORT/ in preview). Everything is bundled: no CDN, no network.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
