/**
 * Staff access: the PIN (stored only as a scrypt hash), the lockout after wrong tries, short-lived tokens
 * for the staff routes, and the StaffHooks the request handler calls. Plain Node — no Electron — so the
 * preview server uses the very same code with `onExit` only logging.
 *
 * The lockout escalates (1 min, 5 min, 15 min, then an hour for every further round of five wrong PINs)
 * and is kept in a small state file in the kiosk's data folder, so restarting the kiosk does not give a
 * guesser fresh tries. A token is valid only under the PIN it was issued for and until staff close the
 * panel or a visit is reset (`lock()`).
 *
 * Hash format: `scrypt$N$r$p$saltBase64$hashBase64` (N = CPU/memory cost, r = block size, p = parallelism).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KioskSettings } from '../common/settings';
import type {
  ContentVersions,
  FoundPackages,
  StaffActionName,
  StaffActionResult,
  UnlockResult,
} from '../common/api';
import { writeJsonAtomically } from '../files/atomicWrite';

export const PIN_PATTERN = /^\d{4,12}$/;
export const MAX_TRIES = 5;
/** How long the pad stays locked after the 1st, 2nd, 3rd round of five wrong PINs, and every later one. */
export const LOCKOUT_STEPS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
/** The first lockout. */
export const LOCKOUT_MS = LOCKOUT_STEPS_MS[0];
export const TOKEN_TTL_MS = 10 * 60_000;
const MAX_ACTIVE_TOKENS = 8;

export const NO_PIN_MESSAGE = 'No staff PIN is set. Run npm run set-pin on this machine.';
export const BAD_HASH_MESSAGE =
  'The staff PIN in kiosk-config cannot be read. Run npm run set-pin on this machine to set it again.';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 2^15 × 8 × 128 bytes = 32 MiB and roughly 50–100 ms per check on kiosk hardware. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

// ---------------------------------------------------------------------------------------------- hashing

export function isValidPinFormat(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

function scryptAsync(pin: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hash a PIN for kiosk-config. Refuses anything but 4–12 digits. */
export async function hashPin(pin: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (!isValidPinFormat(pin)) throw new Error('A staff PIN is 4 to 12 digits.');
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, KEY_LENGTH, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export interface ParsedPinHash extends ScryptParams {
  salt: Buffer;
  hash: Buffer;
}

/**
 * Read a stored hash, refusing parameters that would make a check absurdly slow or weak (a hand-edited
 * config must not be able to hang the kiosk).
 */
export function parsePinHash(text: string): ParsedPinHash | null {
  const parts = text.trim().split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,9}$/.test(x ?? '') ? Number(x) : Number.NaN)) as [
    number,
    number,
    number,
  ];
  if (!Number.isInteger(N) || N < 1024 || N > 2 ** 20 || (N & (N - 1)) !== 0) return null;
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  const salt = decodeBase64(parts[4] ?? '');
  const hash = decodeBase64(parts[5] ?? '');
  if (!salt || salt.length < 8 || !hash || hash.length < 16 || hash.length > 128) return null;
  return { N, r, p, salt, hash };
}

function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const buffer = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return buffer.length > 0 ? buffer : null;
}

/** Check a PIN against a parsed hash in constant time. */
export async function verifyPin(pin: string, stored: ParsedPinHash): Promise<boolean> {
  // Hash even malformed input so timing says nothing about the format check.
  const key = await scryptAsync(pin, stored.salt, stored.hash.length, stored);
  return timingSafeEqual(key, stored.hash) && isValidPinFormat(pin);
}

// ---------------------------------------------------------------------------------------------- lockout

export interface LockoutState {
  /** Wrong tries since the last success or lockout. */
  failures: number;
  /** The pad accepts tries again at this time (ms); null when not locked. */
  lockedUntil: number | null;
  /** Lockouts since the last right PIN; the next one lasts longer. */
  rounds: number;
}

export const initialLockout: LockoutState = { failures: 0, lockedUntil: null, rounds: 0 };

/** How long the `round`-th lockout since the last right PIN lasts (1-based). */
export function lockoutDurationMs(round: number): number {
  const steps = LOCKOUT_STEPS_MS;
  return steps[Math.min(Math.max(round, 1), steps.length) - 1] ?? steps[3];
}

/** Seconds until the pad accepts tries again (0 when it does now). */
export function lockedForSeconds(state: LockoutState, now: number): number {
  if (state.lockedUntil === null || now >= state.lockedUntil) return 0;
  return Math.ceil((state.lockedUntil - now) / 1000);
}

/**
 * After a wrong PIN: count it; the fifth in a row locks the pad — for longer each round (1 min, 5 min,
 * 15 min, then an hour) — and starts a fresh count.
 */
export function afterWrongPin(state: LockoutState, now: number): LockoutState {
  const failures = state.failures + 1;
  if (failures < MAX_TRIES) return { failures, lockedUntil: null, rounds: state.rounds };
  const rounds = state.rounds + 1;
  return { failures: 0, lockedUntil: now + lockoutDurationMs(rounds), rounds };
}

/**
 * The lockout as read back from the state file, made safe: anything malformed counts as no state, counts
 * are kept in range, and a lockout never ends later than its round allows from now (a clock set back
 * must not lock the pad for days).
 */
export function restoreLockout(value: unknown, now: number): LockoutState {
  if (typeof value !== 'object' || value === null) return initialLockout;
  const v = value as Record<string, unknown>;
  const count = (x: unknown, max: number) =>
    typeof x === 'number' && Number.isInteger(x) && x >= 0 ? Math.min(x, max) : 0;
  const failures = count(v.failures, MAX_TRIES - 1);
  const rounds = count(v.rounds, 1_000_000);
  const until = typeof v.lockedUntil === 'number' && Number.isFinite(v.lockedUntil) ? v.lockedUntil : null;
  const lockedUntil =
    until === null || until <= now ? null : Math.min(until, now + lockoutDurationMs(Math.max(rounds, 1)));
  return { failures, lockedUntil, rounds };
}

export function triesLeft(state: LockoutState): number {
  return MAX_TRIES - state.failures;
}

// ---------------------------------------------------------------------------------------------- hooks

/** Staff services. The request handler calls them; the backend builds them with the host's hooks. */
export interface StaffHooks {
  unlock(pin: string): Promise<UnlockResult>;
  isValidToken(token: string): boolean;
  /** Revoke every staff token (the panel closed, or a visit was reset). */
  lock(): void;
  health(): Promise<unknown>;
  action(name: StaffActionName): Promise<StaffActionResult>;
  /** The content versions on this kiosk (issue 15). */
  versions?(): Promise<ContentVersions>;
  /** Package files on a USB stick or in a watched folder (issue 15). */
  foundPackages?(): Promise<FoundPackages>;
  /** Stage one of those, named by its ref from `foundPackages`. */
  installFound?(ref: string): Promise<StaffActionResult>;
}

export interface StaffHookDeps {
  getSettings(): Pick<KioskSettings, 'staffPinHash'>;
  getHealth(): Promise<unknown>;
  onExit(): Promise<void> | void;
  /** Reload the content package; may report how it went. */
  onReloadContent(): Promise<{ ok: boolean; message: string } | void> | void;
  onRelaunch(): Promise<void> | void;
  /** Go back to the previous content version; absent when the kiosk has no packages folder. */
  onRollback?(): Promise<{ ok: boolean; message: string }>;
  /** The content versions; absent when the kiosk has no packages folder. */
  getVersions?(): Promise<ContentVersions> | ContentVersions;
  /** Package files on a USB stick or in a folder; absent when the kiosk has no packages folder. */
  getFoundPackages?(): Promise<FoundPackages>;
  /** Stage a found package; absent when the kiosk has no packages folder. */
  onInstallFound?(ref: string): Promise<StaffActionResult>;
  /** Where the lockout is kept across restarts (JSON); kept in memory only when absent. */
  lockoutFile?: string;
  /** Clock (ms); Date.now by default. */
  now?: () => number;
  log?: (message: string) => void;
  /** For what the technician must see (each lockout); `log` when absent. */
  warn?: (message: string) => void;
}

/** The lockout state file's name in the kiosk's data folder. */
export const LOCKOUT_FILE_NAME = 'staff-lockout.json';

function readLockout(file: string | undefined, now: number, log: (m: string) => void): LockoutState {
  if (!file) return initialLockout;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log(`staff: lockout state unreadable: ${String(error)}`);
    return initialLockout;
  }
  try {
    return restoreLockout(JSON.parse(text), now);
  } catch {
    log('staff: lockout state file is not JSON; starting a fresh count');
    return initialLockout;
  }
}

function describeWait(ms: number): string {
  return ms >= 60 * 60_000 ? `${ms / (60 * 60_000)} h` : `${ms / 60_000} min`;
}

export function createStaffHooks(deps: StaffHookDeps): StaffHooks {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  const warn = deps.warn ?? log;
  let lockout: LockoutState = readLockout(deps.lockoutFile, now(), warn);
  /** token → when it expires and the PIN hash it was issued under. */
  const tokens = new Map<string, { expires: number; pinHash: string }>();
  // One check at a time, so parallel requests cannot get more than five tries in before the lockout.
  let queue: Promise<unknown> = Promise.resolve();

  const pruneTokens = () => {
    const t = now();
    for (const [token, issued] of tokens) if (issued.expires <= t) tokens.delete(token);
  };

  /** Keep the new lockout state, on disk before the answer goes out (a restart must not forget a try). */
  const setLockout = async (next: LockoutState) => {
    lockout = next;
    if (!deps.lockoutFile) return;
    try {
      await writeJsonAtomically(deps.lockoutFile, next, { mode: 0o600 });
    } catch (error) {
      warn(`staff: lockout state not saved: ${String(error)}`);
    }
  };

  const check = async (pin: string): Promise<UnlockResult> => {
    const locked = lockedForSeconds(lockout, now());
    if (locked > 0) return { ok: false, lockedForSeconds: locked };
    const stored = deps.getSettings().staffPinHash;
    if (!stored) return { ok: false, message: NO_PIN_MESSAGE };
    const parsed = parsePinHash(stored);
    if (!parsed) return { ok: false, message: BAD_HASH_MESSAGE };
    const candidate = typeof pin === 'string' ? pin.slice(0, 64) : '';
    if (await verifyPin(candidate, parsed)) {
      if (lockout.failures > 0 || lockout.rounds > 0) await setLockout(initialLockout);
      pruneTokens();
      while (tokens.size >= MAX_ACTIVE_TOKENS) tokens.delete(tokens.keys().next().value as string);
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { expires: now() + TOKEN_TTL_MS, pinHash: stored });
      log('staff: PIN accepted');
      return { ok: true, token };
    }
    await setLockout(afterWrongPin(lockout, now()));
    const seconds = lockedForSeconds(lockout, now());
    if (seconds > 0) {
      const until = new Date(lockout.lockedUntil ?? now()).toISOString();
      warn(
        `staff: ${MAX_TRIES} wrong PINs in a row (lockout ${lockout.rounds} since the last right PIN); ` +
          `the PIN pad is locked for ${describeWait(lockoutDurationMs(lockout.rounds))}, until ${until}`,
      );
      return { ok: false, lockedForSeconds: seconds };
    }
    log('staff: wrong PIN');
    return { ok: false, triesLeft: triesLeft(lockout) };
  };

  const actions: Record<StaffActionName, () => Promise<{ ok: boolean; message: string }>> = {
    async exit() {
      await deps.onExit();
      return { ok: true, message: 'The kiosk is closing.' };
    },
    async reloadContent() {
      const report = await deps.onReloadContent();
      return report
        ? { ok: report.ok, message: report.message }
        : { ok: true, message: 'The content was reloaded.' };
    },
    async relaunch() {
      await deps.onRelaunch();
      return { ok: true, message: 'The kiosk is restarting.' };
    },
    async rollback() {
      if (!deps.onRollback)
        return {
          ok: false,
          message:
            'This kiosk keeps no content versions (no packages folder in kiosk.yaml; see docs/fleet.md).',
        };
      return deps.onRollback();
    },
  };

  return {
    unlock(pin) {
      const result = queue.then(() => check(pin));
      queue = result.catch(() => undefined);
      return result.catch((error: unknown) => {
        log(`staff: PIN check failed: ${String(error)}`);
        return { ok: false, message: 'The PIN could not be checked. Try again.' };
      });
    },
    isValidToken(token) {
      if (typeof token !== 'string' || token.length === 0) return false;
      const issued = tokens.get(token);
      if (issued === undefined) return false;
      // Expired, or the PIN was changed or cleared since: gone for good.
      if (issued.expires <= now() || deps.getSettings().staffPinHash !== issued.pinHash) {
        tokens.delete(token);
        return false;
      }
      return true;
    },
    lock() {
      if (tokens.size === 0) return;
      tokens.clear();
      log('staff: locked (staff tokens revoked)');
    },
    health: () => deps.getHealth(),
    async versions() {
      return deps.getVersions
        ? await deps.getVersions()
        : { enabled: false, versions: [], notes: [], lastSwitch: null };
    },
    async foundPackages() {
      return deps.getFoundPackages
        ? await deps.getFoundPackages()
        : { enabled: false, folders: [], packages: [] };
    },
    async installFound(ref) {
      if (!deps.onInstallFound)
        return {
          ok: false,
          message:
            'This kiosk keeps no content versions (no packages folder in kiosk.yaml; see docs/fleet.md).',
        };
      log(`staff: install a package found in a folder (${ref})`);
      try {
        return await deps.onInstallFound(ref);
      } catch (error) {
        log(`staff: installing failed: ${String(error)}`);
        return { ok: false, message: `Installing failed: ${String(error)}` };
      }
    },
    async action(name) {
      const run = actions[name];
      if (!run) return { ok: false, message: 'Unknown staff action.' };
      log(`staff: action ${name}`);
      try {
        return await run();
      } catch (error) {
        log(`staff: action ${name} failed: ${String(error)}`);
        return {
          ok: false,
          message: `That did not work: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    },
  };
}
