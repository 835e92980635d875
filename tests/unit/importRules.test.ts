/**
 * The architecture's import rules (eslint.config.js) catch a break and name the file and the import: each
 * row lints one line of code as if it were in the named file, with the project's real ESLint config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rules', () => {
  it.each([
    [
      'renderer/src/App.tsx',
      "import { loadSettings } from '../../main/config/settings';",
      /only the contract|nothing from main/,
    ],
    [
      'renderer/src/App.tsx',
      "import { createBackend } from '../../main/backend/createBackend';",
      /nothing from main/,
    ],
    ['renderer/src/App.tsx', "import { readFile } from 'node:fs';", /no Node/],
    ['main/kiosk/hours.ts', "import { app } from 'electron';", /Only the Electron host/],
    ['main/backend/handler.ts', "import log from 'electron-log/main';", /Only the Electron host/],
    [
      'main/content/load.ts',
      "import { createBackend } from '../backend/createBackend';",
      /backend builds on/,
    ],
    [
      'main/config/settings.ts',
      "import { createStaffHooks } from '../kiosk/staff';",
      /Kiosk policies build on/,
    ],
    ['main/kiosk/staff.ts', "import { createKioskHandler } from '../backend/handler';", /backend builds on/],
    ['main/analytics/store.ts', "import { app } from 'electron';", /Only the Electron host/],
    ['main/packages/store.ts', "import { app } from 'electron';", /Only the Electron host/],
    [
      'main/packages/store.ts',
      "import { createKioskHandler } from '../backend/handler';",
      /backend builds on/,
    ],
    [
      'main/analytics/store.ts',
      "import { createKioskHandler } from '../backend/handler';",
      /backend builds on/,
    ],
    [
      'main/analytics/store.ts',
      "import { startPreviewServer } from '../preview/previewServer';",
      /preview host/,
    ],
    [
      'main/backend/handler.ts',
      "import { startPreviewServer } from '../preview/previewServer';",
      /preview host/,
    ],
    ['scripts/preview.ts', "import '../main/electron/index';", /electron host/i],
    ['main/common/api.ts', "import { readFile } from 'node:fs';", /contract/],
    ['main/common/api.ts', "import type { Problem } from '../content/problems';", /contract/],
    [
      'renderer/src/analytics/recorder.ts',
      "import { analyticsEventSchema } from '../../../main/common/analytics';",
      /brings zod/,
    ],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await restrictedImports(file, `${code}\nexport {};\n`);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(message);
    expect(messages.join('\n')).toContain(code.match(/'([^']+)'/)?.[1] ?? '');
  });

  it.each([
    ['renderer/src/App.tsx', "import { api } from '../../main/common/api';"],
    ['main/backend/createBackend.ts', "import { createStaffHooks } from '../kiosk/staff';"],
    ['main/electron/index.ts', "import { createBackend } from '../backend/createBackend';"],
    ['scripts/preview.ts', "import { startPreviewServer } from '../main/preview/previewServer';"],
    ['main/common/settings.ts', "import { z } from 'zod';"],
    ['main/analytics/store.ts', "import { DatabaseSync } from 'node:sqlite';"],
    [
      'renderer/src/staff/StaffDashboard.tsx',
      "import type { AnalyticsSummary } from '../../../main/common/analytics';",
    ],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
