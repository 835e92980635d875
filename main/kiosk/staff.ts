/**
 * Staff access: the PIN (stored only as a scrypt hash), the lockout after wrong tries, short-lived tokens
 * for the staff routes, and the StaffHooks the request handler calls. Plain Node — no Electron — so the
 * preview server uses the very same code with `onExit` only logging.
 *
 * Hash format: `scrypt$N$r$p$saltBase64$hashBase64` (N = CPU/memory cost, r = block size, p = parallelism).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { KioskSettings } from '../common/settings';
import type { StaffActionName, StaffActionResult, UnlockResult } from '../common/api';

export const PIN_PATTERN = /^\d{4,12}$/;
export const MAX_TRIES = 5;
export const LOCKOUT_MS = 60_000;
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
}

export const initialLockout: LockoutState = { failures: 0, lockedUntil: null };

/** Seconds until the pad accepts tries again (0 when it does now). */
export function lockedForSeconds(state: LockoutState, now: number): number {
  if (state.lockedUntil === null || now >= state.lockedUntil) return 0;
  return Math.ceil((state.lockedUntil - now) / 1000);
}

/** After a wrong PIN: count it; the fifth in a row locks the pad for a minute and starts a fresh count. */
export function afterWrongPin(state: LockoutState, now: number): LockoutState {
  const current = lockedForSeconds(state, now) > 0 ? state : { ...state, lockedUntil: null };
  const failures = current.failures + 1;
  if (failures >= MAX_TRIES) return { failures: 0, lockedUntil: now + LOCKOUT_MS };
  return { failures, lockedUntil: null };
}

export function triesLeft(state: LockoutState): number {
  return MAX_TRIES - state.failures;
}

// ---------------------------------------------------------------------------------------------- hooks

/** Staff services. The request handler calls them; the backend builds them with the host's hooks. */
export interface StaffHooks {
  unlock(pin: string): Promise<UnlockResult>;
  isValidToken(token: string): boolean;
  health(): Promise<unknown>;
  action(name: StaffActionName): Promise<StaffActionResult>;
}

export interface StaffHookDeps {
  getSettings(): Pick<KioskSettings, 'staffPinHash'>;
  getHealth(): Promise<unknown>;
  onExit(): Promise<void> | void;
  /** Reload the content package; may report how it went. */
  onReloadContent(): Promise<{ ok: boolean; message: string } | void> | void;
  onRelaunch(): Promise<void> | void;
  /** Clock (ms); Date.now by default. */
  now?: () => number;
  log?: (message: string) => void;
}

export function createStaffHooks(deps: StaffHookDeps): StaffHooks {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  let lockout: LockoutState = initialLockout;
  const tokens = new Map<string, number>();
  // One check at a time, so parallel requests cannot get more than five tries in before the lockout.
  let queue: Promise<unknown> = Promise.resolve();

  const pruneTokens = () => {
    const t = now();
    for (const [token, expires] of tokens) if (expires <= t) tokens.delete(token);
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
      lockout = initialLockout;
      pruneTokens();
      while (tokens.size >= MAX_ACTIVE_TOKENS) tokens.delete(tokens.keys().next().value as string);
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, now() + TOKEN_TTL_MS);
      log('staff: PIN accepted');
      return { ok: true, token };
    }
    lockout = afterWrongPin(lockout, now());
    const seconds = lockedForSeconds(lockout, now());
    if (seconds > 0) {
      log(`staff: ${MAX_TRIES} wrong PINs; the pad is locked for ${seconds} s`);
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
      const expires = tokens.get(token);
      if (expires === undefined) return false;
      if (expires <= now()) {
        tokens.delete(token);
        return false;
      }
      return true;
    },
    health: () => deps.getHealth(),
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
