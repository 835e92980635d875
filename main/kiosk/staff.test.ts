import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  afterWrongPin,
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
    expect(s).toEqual({ failures: 0, lockedUntil: t0 + 10 + LOCKOUT_MS });
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
    const s: LockoutState = { failures: 0, lockedUntil: t0 + LOCKOUT_MS };
    expect(lockedForSeconds(s, t0 + elapsed)).toBe(seconds);
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
