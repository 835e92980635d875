/**
 * Device settings: loading `kiosk-config/kiosk.yaml` without ever failing, and writing changes (the staff
 * PIN hash) atomically. The schema, types and defaults are the contract's (`main/common/settings.ts`).
 *
 * A broken settings file must never stop the kiosk: a missing file means "all defaults", a broken field
 * falls back to its default and is reported as a problem naming file, line, column and field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, parseDocument } from 'yaml';
import { DEFAULT_SETTINGS, kioskSettingsSchema, type KioskSettings } from '../common/settings';
import { formatField, type Problem } from '../content/problems';
import { writeFileAtomicallySync } from '../files/atomicWrite';
import { closestName, describeIssue, valueAt } from '../content/validate';
import { parseYamlSource } from '../content/yamlSource';

export const SETTINGS_FILE = 'kiosk.yaml';

export { DEFAULT_SETTINGS, kioskSettingsSchema };

function cloneDefaults(): KioskSettings {
  return structuredClone(DEFAULT_SETTINGS);
}

function knownKeys(p: readonly PropertyKey[]): string[] {
  const shapes: Record<string, string[]> = {
    '': ['visitor', 'hours', 'display', 'staffPinHash', 'watchdog', 'analytics', 'packages', 'metrics'],
    visitor: ['idleSeconds', 'warningSeconds', 'volume', 'fadeSeconds', 'hideCursor', 'startLanguage'],
    hours: ['timeZone', 'week', 'holidays', 'outsideHours', 'dailyRelaunchAt'],
    'hours.week': ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    watchdog: ['unresponsiveGraceSeconds', 'heartbeatTimeoutSeconds', 'maxFailures', 'windowMinutes'],
    analytics: ['enabled', 'retentionDays', 'maxMegabytes'],
    packages: ['folder', 'trustedKeys', 'acceptUnsigned'],
    'packages.trustedKeys': ['name', 'key'],
    metrics: ['port', 'expose', 'token', 'allow'],
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
      if (result.success) return { settings: result.data, problems };
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
  writeFileAtomicallySync(target, output, { mode: 0o600 });
}
