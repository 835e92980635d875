import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  afterWrongPin,
  LOCKOUT_FILE_NAME,
  lockoutDurationMs,
  restoreLockout,
  BAD_HASH_MESSAGE,
  createStaffHooks,
  DEFAULT_SCRYPT,
  hashPin,
  initialLockout,
  isValidPinFormat,
  lockedForSeconds,
  LOCKOUT_MS,
  NO_PIN_MESSAGE,
  parsePinHash,
  TOKEN_TTL_MS,
  triesLeft,
  verifyPin,
  type LockoutState,
} from './staff';

const FAST = { N: 1024, r: 8, p: 1 };

describe('PIN format', () => {
  it.each([
    ['1234', true],
    ['000000', true],
    ['123456789012', true],
    ['123', false],
    ['1234567890123', false],
    ['12a4', false],
    ['12 34', false],
    ['', false],
    ['１２３４', false], // full-width digits
    ['1234\n', false],
  ])('%j → %s', (pin, ok) => {
    expect(isValidPinFormat(pin)).toBe(ok);
  });
});

describe('hashPin, parsePinHash and verifyPin', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPin('2468', FAST);
  });

  it('writes the documented format with a fresh salt each time', async () => {
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await hashPin('2468', FAST)).not.toBe(stored);
  });

  it('accepts the right PIN and refuses others', async () => {
    const parsed = parsePinHash(stored);
    expect(parsed).not.toBeNull();
    if (!parsed) return;
    expect(await verifyPin('2468', parsed)).toBe(true);
    for (const wrong of ['2469', '24680', '8642', '', '2468 ', 'abcd'])
      expect(await verifyPin(wrong, parsed)).toBe(false);
  });

  it('uses strong defaults', async () => {
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 15);
    const real = await hashPin('13579', DEFAULT_SCRYPT);
    expect(real.startsWith(`scrypt$${DEFAULT_SCRYPT.N}$8$1$`)).toBe(true);
    const parsed = parsePinHash(real);
    expect(parsed && (await verifyPin('13579', parsed))).toBe(true);
  });

  it('refuses PINs it would not accept as input', async () => {
    await expect(hashPin('12', FAST)).rejects.toThrow(/4 to 12 digits/);
  });

  it.each([
    ['', 'empty'],
    ['plain1234', 'not a hash'],
    ['bcrypt$1024$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'other algorithm'],
    ['scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'N not a power of two'],
    ['scrypt$1073741824$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'N absurdly large'],
    ['scrypt$16$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'N too small'],
    ['scrypt$1024$0$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'r zero'],
    ['scrypt$1024$8$99$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==', 'p too large'],
    ['scrypt$1024$8$1$$aGFzaGhhc2hoYXNoaGFzaA==', 'no salt'],
    ['scrypt$1024$8$1$c2FsdHNhbHQ=$aGFzaA==', 'hash too short'],
    ['scrypt$1024$8$1$c2FsdHNhbHQ=$not base64!', 'hash not base64'],
    ['scrypt$1024$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==$extra', 'extra field'],
  ])('parsePinHash refuses %j (%s)', (text) => {
    expect(parsePinHash(text)).toBeNull();
  });
});

describe('lockout', () => {
  const t0 = 1_000_000;

  it('counts down the tries and locks on the fifth wrong PIN for 60 s', () => {
    let s: LockoutState = initialLockout;
    const left: number[] = [];
    for (let i = 0; i < 4; i++) {
      s = afterWrongPin(s, t0 + i);
      left.push(triesLeft(s));
      expect(lockedForSeconds(s, t0 + i)).toBe(0);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    s = afterWrongPin(s, t0 + 10);
    expect(s).toEqual({ failures: 0, lockedUntil: t0 + 10 + LOCKOUT_MS, rounds: 1 });
    expect(triesLeft(s)).toBe(5);
  });

  it.each([
    [0, 60],
    [1, 60],
    [999, 60],
    [1000, 59],
    [59_001, 1],
    [59_999, 1],
    [60_000, 0],
    [600_000, 0],
  ])('%i ms into a lockout, %i s remain', (elapsed, seconds) => {
    const s: LockoutState = { failures: 0, lockedUntil: t0 + LOCKOUT_MS, rounds: 1 };
    expect(lockedForSeconds(s, t0 + elapsed)).toBe(seconds);
  });
});

describe('the lockout escalates (issue 10, point 6)', () => {
  const MIN = 60_000;
  it.each([
    [0, 1 * MIN], // (no lockout yet; the first one)
    [1, 1 * MIN],
    [2, 5 * MIN],
    [3, 15 * MIN],
    [4, 60 * MIN],
    [5, 60 * MIN],
    [50, 60 * MIN],
  ])('lockout %i lasts %i ms', (round, ms) => {
    expect(lockoutDurationMs(round)).toBe(ms);
  });

  /** Five wrong PINs, `rounds` times over, each round as soon as the last lockout ends. */
  function lockouts(rounds: number): number[] {
    let s: LockoutState = initialLockout;
    let t = 0;
    const lengths: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < 5; i++) s = afterWrongPin(s, t);
      lengths.push((s.lockedUntil ?? t) - t);
      t = s.lockedUntil ?? t;
    }
    return lengths;
  }

  it.each([
    [1, [1]],
    [2, [1, 5]],
    [3, [1, 5, 15]],
    [6, [1, 5, 15, 60, 60, 60]],
  ])('%i rounds of five wrong PINs lock for %j minutes', (rounds, minutes) => {
    expect(lockouts(rounds)).toEqual(minutes.map((m) => m * MIN));
  });

  it('guessing half of all 4-digit PINs (5,000 tries) now takes weeks, not the 17 hours of before', () => {
    const days = lockouts(1000).reduce((a, b) => a + b, 0) / (24 * 60 * MIN);
    expect(days).toBeGreaterThan(41);
  });

  it.each([
    ['nothing', undefined, initialLockout],
    ['not an object', 'locked', initialLockout],
    ['an empty object', {}, initialLockout],
    [
      'a count in progress',
      { failures: 3, lockedUntil: null, rounds: 2 },
      { failures: 3, lockedUntil: null, rounds: 2 },
    ],
    [
      'a lockout still running',
      { failures: 0, lockedUntil: 1_300_000, rounds: 2 },
      { failures: 0, lockedUntil: 1_300_000, rounds: 2 },
    ],
    [
      'a lockout that has ended',
      { failures: 0, lockedUntil: 900_000, rounds: 2 },
      { failures: 0, lockedUntil: null, rounds: 2 },
    ],
    // The clock was set back (or the file edited): never longer than the round allows from now.
    [
      'a lockout too far ahead',
      { failures: 0, lockedUntil: 9e12, rounds: 1 },
      { failures: 0, lockedUntil: 1_060_000, rounds: 1 },
    ],
    [
      'a lockout ahead with no rounds',
      { failures: 0, lockedUntil: 9e12, rounds: 0 },
      { failures: 0, lockedUntil: 1_060_000, rounds: 0 },
    ],
    [
      'too many failures',
      { failures: 99, lockedUntil: null, rounds: 0 },
      { failures: 4, lockedUntil: null, rounds: 0 },
    ],
    ['negative counts', { failures: -1, lockedUntil: null, rounds: -5 }, initialLockout],
    ['fractions and strings', { failures: 1.5, lockedUntil: '2099', rounds: '3' }, initialLockout],
    [
      'an infinite lockout',
      { failures: 0, lockedUntil: Infinity, rounds: 4 },
      { failures: 0, lockedUntil: null, rounds: 4 },
    ],
  ])('restoreLockout: %s', (_name, value, expected) => {
    expect(restoreLockout(value, 1_000_000)).toEqual(expected);
  });
});

describe('createStaffHooks', () => {
  let pinHash: string;
  beforeAll(async () => {
    pinHash = await hashPin('2468', FAST);
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-04T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function hooks(overrides: Partial<Parameters<typeof createStaffHooks>[0]> = {}) {
    const calls: string[] = [];
    const staff = createStaffHooks({
      getSettings: () => ({ staffPinHash: pinHash }),
      getHealth: async () => ({ uptimeSeconds: 5 }),
      onExit: () => {
        calls.push('exit');
      },
      onReloadContent: async () => {
        calls.push('reload');
        return {
          ok: false,
          message: 'The new content could not be used; the previous version stays in service.',
        };
      },
      onRelaunch: () => {
        calls.push('relaunch');
      },
      ...overrides,
    });
    return { staff, calls };
  }

  it('says how to set a PIN when none is set', async () => {
    const { staff } = hooks({ getSettings: () => ({}) });
    expect(await staff.unlock('1234')).toEqual({ ok: false, message: NO_PIN_MESSAGE });
    expect(NO_PIN_MESSAGE).toBe('No staff PIN is set. Run npm run set-pin on this machine.');
  });

  it('says the stored hash is unreadable rather than locking anyone out', async () => {
    const { staff } = hooks({ getSettings: () => ({ staffPinHash: 'scrypt$oops' }) });
    expect(await staff.unlock('2468')).toEqual({ ok: false, message: BAD_HASH_MESSAGE });
  });

  it('gives a token for the right PIN, valid for ten minutes', async () => {
    const { staff } = hooks();
    const result = await staff.unlock('2468');
    expect(result.ok).toBe(true);
    const token = result.token ?? '';
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(staff.isValidToken(token)).toBe(true);
    expect(staff.isValidToken(`${token}x`)).toBe(false);
    expect(staff.isValidToken('')).toBe(false);
    vi.setSystemTime(Date.now() + TOKEN_TTL_MS - 1);
    expect(staff.isValidToken(token)).toBe(true);
    vi.setSystemTime(Date.now() + 1);
    expect(staff.isValidToken(token)).toBe(false);
  });

  it('five wrong PINs lock the pad for 60 s, even against the right PIN; then it opens again', async () => {
    const { staff } = hooks();
    const answers = [];
    for (const pin of ['0000', '1111', '2222', '3333']) answers.push(await staff.unlock(pin));
    expect(answers).toEqual([4, 3, 2, 1].map((n) => ({ ok: false, triesLeft: n })));
    expect(await staff.unlock('4444')).toEqual({ ok: false, lockedForSeconds: 60 });
    vi.setSystemTime(Date.now() + 30_000);
    expect(await staff.unlock('2468')).toEqual({ ok: false, lockedForSeconds: 30 });
    vi.setSystemTime(Date.now() + 30_000);
    expect((await staff.unlock('2468')).ok).toBe(true);
  });

  it('a right PIN resets the count of wrong ones', async () => {
    const { staff } = hooks();
    for (const pin of ['0000', '1111', '2222']) await staff.unlock(pin);
    expect((await staff.unlock('2468')).ok).toBe(true);
    expect(await staff.unlock('0000')).toEqual({ ok: false, triesLeft: 4 });
  });

  it('parallel guesses cannot slip past the lockout', async () => {
    const { staff } = hooks();
    const results = await Promise.all(
      ['0', '1', '2', '3', '4', '5', '6', '7'].map((d) => staff.unlock(d.repeat(4))),
    );
    expect(results.filter((r) => r.triesLeft !== undefined)).toHaveLength(4);
    expect(results.filter((r) => r.lockedForSeconds !== undefined)).toHaveLength(4);
    expect(await staff.unlock('2468')).toMatchObject({ ok: false, lockedForSeconds: 60 });
  });

  it('treats malformed input as a wrong PIN', async () => {
    const { staff } = hooks();
    expect(await staff.unlock('')).toEqual({ ok: false, triesLeft: 4 });
    expect(await staff.unlock('2468; DROP')).toEqual({ ok: false, triesLeft: 3 });
    expect(await staff.unlock('x'.repeat(10_000))).toEqual({ ok: false, triesLeft: 2 });
  });

  it('runs the actions and reports what happened', async () => {
    const { staff, calls } = hooks();
    expect(await staff.action('reloadContent')).toEqual({
      ok: false,
      message: 'The new content could not be used; the previous version stays in service.',
    });
    expect(await staff.action('relaunch')).toEqual({ ok: true, message: 'The kiosk is restarting.' });
    expect(await staff.action('exit')).toEqual({ ok: true, message: 'The kiosk is closing.' });
    expect(calls).toEqual(['reload', 'relaunch', 'exit']);
    expect(await staff.health()).toEqual({ uptimeSeconds: 5 });
  });

  it('each lockout is logged for the technician, escalating', async () => {
    const warnings: string[] = [];
    const { staff } = hooks({ warn: (m) => warnings.push(m) });
    for (let round = 0; round < 3; round++) {
      for (const pin of ['0000', '1111', '2222', '3333', '4444']) await staff.unlock(pin);
      vi.setSystemTime(Date.now() + lockoutDurationMs(round + 1));
    }
    expect(warnings).toEqual([
      'staff: 5 wrong PINs in a row (lockout 1 since the last right PIN); the PIN pad is locked for 1 min, until 2026-05-04T10:01:00.000Z',
      'staff: 5 wrong PINs in a row (lockout 2 since the last right PIN); the PIN pad is locked for 5 min, until 2026-05-04T10:06:00.000Z',
      'staff: 5 wrong PINs in a row (lockout 3 since the last right PIN); the PIN pad is locked for 15 min, until 2026-05-04T10:21:00.000Z',
    ]);
  });

  it('escalates, and the right PIN starts again from one minute', async () => {
    const { staff } = hooks();
    const wrongRound = async () => {
      let last;
      for (const pin of ['0000', '1111', '2222', '3333', '4444']) last = await staff.unlock(pin);
      return last;
    };
    expect(await wrongRound()).toEqual({ ok: false, lockedForSeconds: 60 });
    vi.setSystemTime(Date.now() + 60_000);
    expect(await wrongRound()).toEqual({ ok: false, lockedForSeconds: 300 });
    vi.setSystemTime(Date.now() + 300_000);
    expect((await staff.unlock('2468')).ok).toBe(true);
    expect(await wrongRound()).toEqual({ ok: false, lockedForSeconds: 60 });
  });

  it('a token is revoked when the PIN is changed or cleared', async () => {
    let current: string | undefined = pinHash;
    const { staff } = hooks({ getSettings: () => ({ staffPinHash: current }) });
    const first = (await staff.unlock('2468')).token ?? '';
    expect(staff.isValidToken(first)).toBe(true);
    current = await hashPin('2468', FAST); // the same PIN set again: a new hash all the same
    expect(staff.isValidToken(first)).toBe(false);
    const second = (await staff.unlock('2468')).token ?? '';
    expect(staff.isValidToken(second)).toBe(true);
    current = undefined;
    expect(staff.isValidToken(second)).toBe(false);
    current = pinHash;
    expect(staff.isValidToken(first)).toBe(false); // gone for good, even under the old PIN again
  });

  it('lock() revokes every token (the panel closed, or a visit was reset)', async () => {
    const { staff } = hooks();
    const a = (await staff.unlock('2468')).token ?? '';
    const b = (await staff.unlock('2468')).token ?? '';
    expect([staff.isValidToken(a), staff.isValidToken(b)]).toEqual([true, true]);
    staff.lock();
    expect([staff.isValidToken(a), staff.isValidToken(b)]).toEqual([false, false]);
    staff.lock(); // and again, with nothing to revoke
  });

  it('reports a failing action instead of throwing', async () => {
    const { staff } = hooks({
      onRelaunch: () => {
        throw new Error('not allowed here');
      },
    });
    expect(await staff.action('relaunch')).toEqual({
      ok: false,
      message: 'That did not work: not allowed here',
    });
  });
});

describe('the lockout survives a restart (issue 10, point 6)', () => {
  let dir: string;
  let pinHash: string;
  beforeAll(async () => {
    pinHash = await hashPin('2468', FAST);
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiosk-staff-'));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-04T10:00:00Z'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  const start = (warn: (m: string) => void = () => undefined) =>
    createStaffHooks({
      getSettings: () => ({ staffPinHash: pinHash }),
      getHealth: async () => ({}),
      onExit: () => undefined,
      onReloadContent: () => undefined,
      onRelaunch: () => undefined,
      lockoutFile: path.join(dir, LOCKOUT_FILE_NAME),
      warn,
    });

  it('wrong tries and the lockout are kept in the data folder', async () => {
    const first = start();
    for (const pin of ['0000', '1111', '2222']) await first.unlock(pin);
    // Restart: the count goes on where it stopped.
    const second = start();
    expect(await second.unlock('3333')).toEqual({ ok: false, triesLeft: 1 });
    expect(await second.unlock('4444')).toEqual({ ok: false, lockedForSeconds: 60 });
    // Restart again, while locked: still locked, even against the right PIN.
    vi.setSystemTime(Date.now() + 20_000);
    const third = start();
    expect(await third.unlock('2468')).toEqual({ ok: false, lockedForSeconds: 40 });
    // And the next round is longer, across a restart too.
    vi.setSystemTime(Date.now() + 40_000);
    for (const pin of ['0000', '1111', '2222', '3333']) await start().unlock(pin);
    expect(await start().unlock('4444')).toEqual({ ok: false, lockedForSeconds: 300 });
    expect(JSON.parse(await readFile(path.join(dir, LOCKOUT_FILE_NAME), 'utf8'))).toEqual({
      failures: 0,
      lockedUntil: Date.parse('2026-05-04T10:06:00Z'),
      rounds: 2,
    });
  });

  it('the right PIN clears the kept state', async () => {
    const first = start();
    for (const pin of ['0000', '1111']) await first.unlock(pin);
    expect((await first.unlock('2468')).ok).toBe(true);
    expect(await start().unlock('0000')).toEqual({ ok: false, triesLeft: 4 });
  });

  it('an unreadable state file starts a fresh count and says so', async () => {
    await writeFile(path.join(dir, LOCKOUT_FILE_NAME), '{ not json');
    const warnings: string[] = [];
    const staff = start((m) => warnings.push(m));
    expect(await staff.unlock('0000')).toEqual({ ok: false, triesLeft: 4 });
    expect(warnings).toEqual(['staff: lockout state file is not JSON; starting a fresh count']);
  });
});
