/**
 * Device settings (`kiosk-config/kiosk.yaml`): the one zod schema that validates the file, the types the
 * kiosk and the renderer use (inferred from it, never kept by hand), and the defaults. Every field has a
 * safe default so a broken file never stops the kiosk. Part of the contract: no Node, no DOM.
 *
 * Loading and writing the file live in `main/config/settings.ts`.
 */
import { z } from 'zod';
import { KEY_ACTIONS, type KeyAction } from './keyMap';
import { DEFAULT_ACCESSIBILITY, DEFAULT_VISITOR_SETTINGS } from './visitorDefaults';

export { DEFAULT_VISITOR_SETTINGS };

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

/** A key as the browser names it (KeyboardEvent.key), optionally "Shift+" first: "ArrowDown", "Shift+Tab", "h". */
const keyName = z
  .string()
  .min(1)
  .max(40)
  .refine((k) => k.replace(/^Shift\+/, '').length > 0, {
    error: 'expected a key name such as "Enter" or "h"',
  });

const keyList = (action: KeyAction) =>
  z
    .array(keyName)
    .min(1, { error: 'give at least one key, or leave the action out for its default keys' })
    .max(8)
    .default([...DEFAULT_ACCESSIBILITY.keys[action]]);

export const keyMapSchema = z
  .strictObject(
    Object.fromEntries(KEY_ACTIONS.map((action) => [action, keyList(action)])) as {
      [A in KeyAction]: ReturnType<typeof keyList>;
    },
  )
  .prefault({})
  .describe(
    'Which keys do what (docs/accessibility.md). Each action lists key names as the browser gives them ("ArrowDown", "Enter", "Escape", "Home", "h", "+"), "Shift+Tab" for a key with Shift. An action left out keeps its default keys.',
  );

export const accessibilitySettingsSchema = z
  .strictObject({
    keys: keyMapSchema,
    speechRate: z
      .number()
      .min(0.5)
      .max(2)
      .default(DEFAULT_ACCESSIBILITY.speechRate)
      .describe('Speed of the spoken audio guide: 1 is normal, 0.5 half as fast, 2 twice as fast.'),
    speechVolume: z
      .number()
      .min(0)
      .max(1)
      .default(DEFAULT_ACCESSIBILITY.speechVolume)
      .describe('Starting volume of the spoken audio guide, 0 to 1; the volume keys change it per visit.'),
    audioOnAnyKey: z
      .boolean()
      .default(DEFAULT_ACCESSIBILITY.audioOnAnyKey)
      .describe(
        'true: the first key pressed in the attract loop starts the audio guide (a kiosk with a keypad for blind visitors only).',
      ),
    audioIdleSeconds: z
      .number()
      .int()
      .min(15)
      .max(3600)
      .default(DEFAULT_ACCESSIBILITY.audioIdleSeconds)
      .describe(
        'In audio mode: seconds without a key (or touch) before the spoken "Are you still there?". Never shorter than idleSeconds.',
      ),
    audioWarningSeconds: z
      .number()
      .int()
      .min(3)
      .max(120)
      .default(DEFAULT_ACCESSIBILITY.audioWarningSeconds)
      .describe(
        'In audio mode: seconds the spoken warning counts down (said every ten seconds, then at five) before the reset. Never shorter than warningSeconds.',
      ),
    exploreByTouch: z
      .boolean()
      .default(DEFAULT_ACCESSIBILITY.exploreByTouch)
      .describe(
        'Explore by touch for blind visitors without a keypad: three fingers held still on the screen start (and end) it; then a touch says what is under the finger and a double tap chooses it. false: the gesture does nothing.',
      ),
    exploreHoldSeconds: z
      .number()
      .min(0.5)
      .max(5)
      .default(DEFAULT_ACCESSIBILITY.exploreHoldSeconds)
      .describe('How long the three fingers are held still to start or end explore by touch, in seconds.'),
  })
  .prefault({});

export const visitorSettingsSchema = z
  .strictObject({
    idleSeconds: z
      .number()
      .int()
      .min(15)
      .max(3600)
      .default(DEFAULT_VISITOR_SETTINGS.idleSeconds)
      .describe('Seconds without a touch before "Are you still there?" appears.'),
    warningSeconds: z
      .number()
      .int()
      .min(3)
      .max(120)
      .default(DEFAULT_VISITOR_SETTINGS.warningSeconds)
      .describe('Seconds the warning counts down before the kiosk returns to the attract loop.'),
    volume: z
      .number()
      .min(0)
      .max(1)
      .default(DEFAULT_VISITOR_SETTINGS.volume)
      .describe('Narration volume, 0 (silent) to 1 (full).'),
    fadeSeconds: z
      .number()
      .min(0)
      .max(5)
      .default(DEFAULT_VISITOR_SETTINGS.fadeSeconds)
      .describe('Seconds for narration to fade in and out.'),
    hideCursor: z
      .boolean()
      .default(DEFAULT_VISITOR_SETTINGS.hideCursor)
      .describe('Hide the mouse pointer (touch screens).'),
    audioOutput: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'The sound output narration plays on, by (part of) its name as the computer lists it, such as "Headphones" or "USB Audio": a headphone jack for the audio guide keeps the hall quiet. Left out: the computer\'s default output. The audio guide\'s synthetic voice always uses the default output (docs/accessibility.md).',
      ),
    startLanguage: z
      .string()
      .refine(isLanguageTag, { error: 'expected a language tag such as "en" or "zh-Hans"' })
      .optional()
      .describe("Language of the attract loop and first screen; default: the exhibit's default language."),
    accessibility: accessibilitySettingsSchema,
  })
  .prefault({});

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
        mon: dayHours.default(['09:00-17:00']),
        tue: dayHours.default(['09:00-17:00']),
        wed: dayHours.default(['09:00-17:00']),
        thu: dayHours.default(['09:00-17:00']),
        fri: dayHours.default(['09:00-17:00']),
        sat: dayHours.default(['09:00-17:00']),
        sun: dayHours.default(['09:00-17:00']),
      })
      .prefault({}),
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
    outsideHours: z.enum(['closedScreen', 'blank']).default('closedScreen'),
    dailyRelaunchAt: z
      .union([
        z.literal(''),
        z.string().regex(TIME, {
          error: 'expected a time written like "03:30" (24-hour clock), or "" to turn it off',
        }),
      ])
      .default('03:30'),
  })
  .prefault({});

/**
 * An update address as packages.updateUrl accepts it: http or https (a server of the museum's own network:
 * nginx, a NAS; never needed from the internet), no user name or password written in it.
 */
function isMuseumNetworkUrl(text: string): boolean {
  // By pattern, not `new URL`: the contract compiles with neither Node nor DOM types. The part between
  // "//" and the path is the host (and port) alone: an "@" there would be a user name or password.
  return /^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i.test(text);
}

/** A public key as kiosk.yaml and manifest.sig write it: "ed25519:" + base64url of its 32 bytes. */
export const PUBLIC_KEY_PATTERN = /^ed25519:[A-Za-z0-9_-]{43}$/;

export const packageSettingsSchema = z
  .strictObject({
    folder: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Folder where this kiosk keeps installed content packages (docs/fleet.md). Without it the kiosk shows the media folder as before.',
      ),
    trustedKeys: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(100).describe('Whose key this is, for people to read.'),
          key: z.string().regex(PUBLIC_KEY_PATTERN, {
            error: 'not a public key written by "npm run keys:create" (ed25519:…)',
          }),
        }),
      )
      .default([])
      .describe('Public keys whose packages this kiosk installs (npm run keys:create adds one).'),
    watchFolders: z
      .array(z.string().min(1).max(1000))
      .max(20)
      .optional()
      .describe(
        "Folders where the kiosk looks for package files (.kioskpkg) to list on the staff screen, such as the folder a USB stick appears in. Without it: the system's folders for removable media (Linux /media, /run/media and /mnt; Windows the drive letters after C). Visitor figures are saved onto a stick found there too. [] looks nowhere. Nothing found is installed until staff tap Install.",
      ),
    acceptUnsigned: z
      .boolean()
      .default(false)
      .describe('Install unsigned or foreign packages too. For development only; never on a museum floor.'),
    crashRollback: z
      .strictObject({
        crashes: z
          .number()
          .int()
          .min(0)
          .max(100)
          .default(3)
          .describe('Go back after this many renderer crashes or hangs (0 = never).'),
        withinMinutes: z
          .number()
          .int()
          .min(1)
          .max(1440)
          .default(10)
          .describe('...within this many minutes of the switch to a new version.'),
      })
      .prefault({})
      .describe(
        'Go back to the previous version by itself when the visitor screen keeps failing soon after a switch (docs/fleet.md).',
      ),
    updateUrl: z
      .string()
      .refine(isMuseumNetworkUrl, {
        error:
          'expected the http:// or https:// address of latest.json in the publish folder, e.g. "http://10.0.0.5/kiosk-packages/latest.json" (no user name or password in it)',
      })
      .optional()
      .describe(
        "Address of latest.json in the publish folder on a server of the museum's network (docs/fleet.md); the kiosk checks it for newer packages. Without it the kiosk never looks.",
      ),
    checkEveryMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(15)
      .describe(
        'Minutes between two checks of the update address; after a failure the wait doubles, up to 4 hours.',
      ),
    downloadMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(30)
      .describe('Longest time one package download may take before it is stopped.'),
    stallSeconds: z
      .number()
      .int()
      .min(5)
      .max(3600)
      .default(60)
      .describe('A download that receives nothing for this long is stopped.'),
    maxDownloadMegabytes: z
      .number()
      .int()
      .min(1)
      .max(65_536)
      .default(4096)
      .describe('Largest package file the kiosk downloads, in megabytes.'),
  })
  .prefault({});

/** Who may read this kiosk's /metrics besides the kiosk's own computer: an address, or a network as CIDR. */
const scraperAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: 'expected an address such as "10.0.0.5" or a network such as "10.0.0.0/24"',
});

export const metricsSettingsSchema = z
  .strictObject({
    port: z
      .number()
      .int()
      .min(1024)
      .max(65_535)
      .default(9464)
      .describe(
        'Port of the kiosk\'s /metrics for Prometheus (docs/fleet.md, "Watching the fleet"). The preview serves /metrics on its own port as well.',
      ),
    expose: z
      .boolean()
      .default(false)
      .describe(
        "false: only this computer may read /metrics. true: Prometheus on the museum's network may too, with the token or from an allowed address (give at least one).",
      ),
    token: z
      .string()
      .min(16, { error: 'a token of at least 16 characters; make one with "openssl rand -hex 24"' })
      .max(256)
      .regex(/^[\x21-\x7e]+$/, { error: 'letters, digits and punctuation only, no spaces' })
      .optional()
      .describe(
        'With expose: Prometheus must send "Authorization: Bearer <token>" (its scrape setting authorization.credentials).',
      ),
    allow: z
      .array(scraperAddress)
      .max(100)
      .default([])
      .describe(
        'With expose: the addresses or networks (CIDR, e.g. "10.0.0.0/24") Prometheus scrapes from. With a token too, both must hold.',
      ),
  })
  .prefault({});

export const kioskSettingsSchema = z.strictObject({
  visitor: visitorSettingsSchema,
  hours: openingHoursSchema,
  display: z.number().int().min(0).max(16).default(0).describe('Which screen to use: 0 = the main one.'),
  staffPinHash: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/, {
      error: 'not a PIN hash written by "npm run set-pin"; run it again',
    })
    .optional(),
  watchdog: z
    .strictObject({
      unresponsiveGraceSeconds: z.number().int().min(2).max(600).default(10),
      heartbeatTimeoutSeconds: z.number().int().min(5).max(600).default(30),
      maxFailures: z.number().int().min(1).max(100).default(3),
      windowMinutes: z.number().int().min(1).max(1440).default(10),
    })
    .prefault({}),
  packages: packageSettingsSchema,
  analytics: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe(
          'Count what visitors do on this kiosk (nothing personal; docs/privacy.md). false = record nothing.',
        ),
      retentionDays: z
        .number()
        .int()
        .min(1)
        .max(3650)
        .default(400)
        .describe('Days the counted events are kept; older ones are deleted.'),
      maxMegabytes: z
        .number()
        .min(1)
        .max(10_000)
        .default(200)
        .describe('Largest size of the analytics database; the oldest events are deleted to stay under it.'),
    })
    .prefault({}),
  metrics: metricsSettingsSchema,
});

/** Device settings as the kiosk uses them, every default filled in. */
export type KioskSettings = z.output<typeof kioskSettingsSchema>;
/** The visitor-facing part the renderer receives from `GET /api/settings`. */
export type VisitorSettings = KioskSettings['visitor'];
export type OpeningHours = KioskSettings['hours'];
export type WatchdogSettings = KioskSettings['watchdog'];
export type AnalyticsSettings = KioskSettings['analytics'];
export type PackageSettings = KioskSettings['packages'];
export type MetricsSettings = KioskSettings['metrics'];
export type AccessibilitySettings = VisitorSettings['accessibility'];

/** Every setting at its default: what a kiosk with no `kiosk.yaml` runs on. */
export const DEFAULT_SETTINGS: KioskSettings = kioskSettingsSchema.parse({});
