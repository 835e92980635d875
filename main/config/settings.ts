/**
 * Device settings: the schema of `kiosk-config/kiosk.yaml`, loading it without ever failing, and writing
 * changes (the staff PIN hash) atomically.
 *
 * A broken settings file must never stop the kiosk: a missing file means "all defaults", a broken field
 * falls back to its default and is reported as a problem naming file, line, column and field.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, parseDocument } from 'yaml';
import { z } from 'zod';
import type { KioskSettings } from '../common/settings';
import { formatField, type Problem } from './problems';
import { closestName, describeIssue, valueAt } from './validate';
import { parseYamlSource } from './yamlSource';

export const SETTINGS_FILE = 'kiosk.yaml';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const RANGE = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const hoursRange = z
  .string()
  .regex(RANGE, { error: 'expected opening hours written like "09:00-17:00"' })
  .refine(
    (r) => {
      const [from, to] = r.split('-');
      // A range may cross midnight ("18:00-02:00": open into the next morning); it may not be empty.
      return minutes(from ?? '') !== minutes(to ?? '');
    },
    { error: 'the opening and closing times must differ' },
  );

const dayHours = z
  .array(hoursRange)
  .describe('Opening hours that day, like ["09:00-12:00", "13:00-17:00"]; [] = closed.');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const DEFAULT_SETTINGS: KioskSettings = {
  visitor: { idleSeconds: 90, warningSeconds: 15, volume: 0.8, fadeSeconds: 0.4, hideCursor: true },
  hours: {
    week: {
      mon: ['09:00-17:00'],
      tue: ['09:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-17:00'],
      sat: ['09:00-17:00'],
      sun: ['09:00-17:00'],
    },
    holidays: [],
    outsideHours: 'closedScreen',
    dailyRelaunchAt: '03:30',
  },
  display: 0,
  watchdog: { unresponsiveGraceSeconds: 10, heartbeatTimeoutSeconds: 30, maxFailures: 3, windowMinutes: 10 },
};

const d = DEFAULT_SETTINGS;

export const visitorSettingsSchema = z
  .strictObject({
    idleSeconds: z
      .number()
      .int()
      .min(15)
      .max(3600)
      .default(d.visitor.idleSeconds)
      .describe('Seconds without a touch before "Are you still there?" appears.'),
    warningSeconds: z
      .number()
      .int()
      .min(3)
      .max(120)
      .default(d.visitor.warningSeconds)
      .describe('Seconds the warning counts down before the kiosk returns to the attract loop.'),
    volume: z
      .number()
      .min(0)
      .max(1)
      .default(d.visitor.volume)
      .describe('Narration volume, 0 (silent) to 1 (full).'),
    fadeSeconds: z
      .number()
      .min(0)
      .max(5)
      .default(d.visitor.fadeSeconds)
      .describe('Seconds for narration to fade in and out.'),
    hideCursor: z.boolean().default(d.visitor.hideCursor).describe('Hide the mouse pointer (touch screens).'),
    startLanguage: z
      .string()
      .refine(isLanguageTag, { error: 'expected a language tag such as "en" or "zh-Hans"' })
      .optional()
      .describe("Language of the attract loop and first screen; default: the exhibit's default language."),
  })
  .default({ ...d.visitor });

export const openingHoursSchema = z
  .strictObject({
    timeZone: z
      .string()
      .refine(isTimeZone, {
        error: 'not a time zone the computer knows; use a name like "Asia/Shanghai" or "Europe/Berlin"',
      })
      .optional()
      .describe("IANA time zone of the schedule; default: the computer's own."),
    week: z
      .strictObject({
        mon: dayHours.default(d.hours.week.mon),
        tue: dayHours.default(d.hours.week.tue),
        wed: dayHours.default(d.hours.week.wed),
        thu: dayHours.default(d.hours.week.thu),
        fri: dayHours.default(d.hours.week.fri),
        sat: dayHours.default(d.hours.week.sat),
        sun: dayHours.default(d.hours.week.sun),
      })
      .default({ ...d.hours.week }),
    holidays: z
      .array(
        z.strictObject({
          date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
            error: 'expected a date written like "2026-12-25"',
          }),
          hours: z.array(hoursRange).default([]),
        }),
      )
      .default([]),
    outsideHours: z.enum(['closedScreen', 'blank']).default(d.hours.outsideHours),
    dailyRelaunchAt: z
      .union([
        z.literal(''),
        z.string().regex(TIME, {
          error: 'expected a time written like "03:30" (24-hour clock), or "" to turn it off',
        }),
      ])
      .default(d.hours.dailyRelaunchAt),
  })
  .default({ ...d.hours, week: { ...d.hours.week } });

export const kioskSettingsSchema = z.strictObject({
  visitor: visitorSettingsSchema,
  hours: openingHoursSchema,
  display: z
    .number()
    .int()
    .min(0)
    .max(16)
    .default(d.display)
    .describe('Which screen to use: 0 = the main one.'),
  staffPinHash: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/, {
      error: 'not a PIN hash written by "npm run set-pin"; run it again',
    })
    .optional(),
  watchdog: z
    .strictObject({
      unresponsiveGraceSeconds: z.number().int().min(2).max(600).default(d.watchdog.unresponsiveGraceSeconds),
      heartbeatTimeoutSeconds: z.number().int().min(5).max(600).default(d.watchdog.heartbeatTimeoutSeconds),
      maxFailures: z.number().int().min(1).max(100).default(d.watchdog.maxFailures),
      windowMinutes: z.number().int().min(1).max(1440).default(d.watchdog.windowMinutes),
    })
    .default({ ...d.watchdog }),
});

/** Settings-schema alias under the name `main/common/settings.ts` mentions. */
export { kioskSettingsSchema as settingsSchema };

function cloneDefaults(): KioskSettings {
  return structuredClone(DEFAULT_SETTINGS);
}

function knownKeys(p: readonly PropertyKey[]): string[] {
  const shapes: Record<string, string[]> = {
    '': ['visitor', 'hours', 'display', 'staffPinHash', 'watchdog'],
    visitor: ['idleSeconds', 'warningSeconds', 'volume', 'fadeSeconds', 'hideCursor', 'startLanguage'],
    hours: ['timeZone', 'week', 'holidays', 'outsideHours', 'dailyRelaunchAt'],
    'hours.week': ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    watchdog: ['unresponsiveGraceSeconds', 'heartbeatTimeoutSeconds', 'maxFailures', 'windowMinutes'],
  };
  const key = p.filter((s) => typeof s === 'string').join('.');
  return shapes[key] ?? (p.includes('holidays') ? ['date', 'hours'] : []);
}

/** Remove the value at `p` (a list item when the path goes through a list, else the field). */
function removeAt(data: unknown, p: readonly PropertyKey[]): boolean {
  if (p.length === 0) return false;
  const firstIndex = p.findIndex((s) => typeof s === 'number');
  const cut = firstIndex >= 0 ? p.slice(0, firstIndex + 1) : p;
  const parent = valueAt(data, cut.slice(0, -1));
  const last = cut[cut.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') {
    parent.splice(last, 1);
    return true;
  }
  if (parent && typeof parent === 'object' && typeof last === 'string' && last in parent) {
    delete (parent as Record<string, unknown>)[last];
    return true;
  }
  return false;
}

/**
 * Read `<configDir>/kiosk.yaml`. Never throws: a missing file gives the defaults; a broken file or
 * field gives the default for what is broken, and a problem saying where.
 */
export function loadSettings(configDir: string): { settings: KioskSettings; problems: Problem[] } {
  const file = `${path.basename(path.resolve(configDir))}/${SETTINGS_FILE}`;
  try {
    let text: string;
    try {
      text = readFileSync(path.join(configDir, SETTINGS_FILE), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { settings: cloneDefaults(), problems: [] };
      return {
        settings: cloneDefaults(),
        problems: [
          {
            severity: 'error',
            file,
            message: `the settings file cannot be read (${code ?? String(error)}); safe defaults are used`,
            code: 'settings-unreadable',
          },
        ],
      };
    }
    const source = parseYamlSource(text, file);
    if (!source.ok) {
      return {
        settings: cloneDefaults(),
        problems: source.problems.map((p) => ({
          ...p,
          message: `${p.message}; the whole file is ignored and safe defaults are used`,
        })),
      };
    }
    const problems: Problem[] = [...source.problems];
    let data: unknown = source.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      problems.push({
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `expected settings written as "name: value" lines, found ${Array.isArray(data) ? 'a list' : 'a single value'}; safe defaults are used`,
        code: 'wrong-type',
      });
      return { settings: cloneDefaults(), problems };
    }
    data = structuredClone(data);
    for (let attempt = 0; attempt < 50; attempt++) {
      const result = kioskSettingsSchema.safeParse(data);
      if (result.success) return { settings: result.data as KioskSettings, problems };
      let removed = false;
      for (const issue of result.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            const fieldPath = [...issue.path, key];
            const suggestion = closestName(key, knownKeys(issue.path));
            problems.push({
              severity: 'warning',
              file,
              ...source.locateKey(fieldPath as (string | number)[]),
              field: formatField(fieldPath),
              message: suggestion
                ? `unknown setting "${key}" — did you mean "${suggestion}"? It is ignored.`
                : `unknown setting "${key}"; it is ignored`,
              code: 'unknown-field',
            });
            removed = removeAt(data, fieldPath) || removed;
          }
          continue;
        }
        const fieldPath = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
        const { message, code } = describeIssue(issue, data);
        problems.push({
          severity: 'error',
          file,
          ...source.locate(fieldPath),
          field: formatField(fieldPath),
          message: `${message}; the default is used instead`,
          code,
        });
        removed = removeAt(data, fieldPath) || removed;
      }
      if (!removed) break;
    }
    problems.push({
      severity: 'error',
      file,
      message: 'the settings could not be made valid; safe defaults are used for everything',
      code: 'settings-invalid',
    });
    return { settings: cloneDefaults(), problems };
  } catch (error) {
    return {
      settings: cloneDefaults(),
      problems: [
        {
          severity: 'error',
          file,
          message: `the settings could not be read (${String(error)}); safe defaults are used`,
          code: 'settings-unreadable',
        },
      ],
    };
  }
}

/** A partial update: nested objects are merged, anything else replaces; `undefined` removes the setting. */
export type SettingsPatch = {
  [K in keyof KioskSettings]?: KioskSettings[K] extends object
    ? Partial<KioskSettings[K]> | undefined
    : KioskSettings[K] | undefined;
};

function leaves(value: unknown, prefix: string[] = []): [string[], unknown][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  }
  return [[prefix, value]];
}

/**
 * Store a change in `<configDir>/kiosk.yaml` without ever leaving a half-written file: the new text is
 * written to a temporary file in the same folder, flushed to disk, then renamed over the old one. Comments
 * and layout of the existing file are kept. Throws (with a plain message) when the existing file has YAML
 * syntax errors, rather than overwriting what a technician wrote; also throws when the result is invalid.
 */
export function writeSettingsAtomically(configDir: string, patch: SettingsPatch): void {
  const target = path.join(configDir, SETTINGS_FILE);
  let text = '';
  try {
    text = readFileSync(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const existing = parseDocument(text, { version: '1.2' });
  if (existing.errors.length > 0) {
    const doc = existing;
    const first = doc.errors[0];
    throw new Error(
      `${target} has a YAML syntax error${first?.linePos ? ` at line ${first.linePos[0].line}` : ''}; fix it first (npm run content:check does not cover this file; see kiosk-config/README.md).`,
    );
  }
  // An empty file (or one holding a single value) is started afresh as a mapping.
  const doc = isMap(existing.contents) ? existing : new Document({});
  for (const [keyPath, value] of leaves(patch)) {
    if (value === undefined) doc.deleteIn(keyPath);
    else doc.setIn(keyPath, value);
  }
  const output = doc.toString({ lineWidth: 0 });
  const check = kioskSettingsSchema.safeParse(doc.toJS() ?? {});
  if (!check.success) {
    const issue = check.error.issues[0];
    throw new Error(
      `The new settings would not be valid: ${formatField(issue?.path ?? []) ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const temp = path.join(configDir, `.${SETTINGS_FILE}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, output);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file may not exist; nothing to clean up
    }
    throw error;
  }
  closeSync(fd);
  renameSync(temp, target);
  try {
    const dirFd = openSync(configDir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Flushing a folder is not supported everywhere (Windows); the rename itself is still atomic.
  }
}
