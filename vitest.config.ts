import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit tests live beside the code they test (`*.test.ts[x]`) in main/, renderer/ and scripts/.
// End-to-end tests (tests/e2e, tests/electron) belong to Playwright and are excluded here.
export default defineConfig({
  plugins: [react()],
  test: {
    include: [
      'main/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/soak/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'threads',
    reporters: ['default'],
    testTimeout: 20_000,
  },
});
