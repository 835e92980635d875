import { describe, expect, it } from 'vitest';
import { decideSwitch, FRESH_REPORT_MS, mayShowNow, phaseOf, type SwitchInput } from './switchPolicy';

const at = 1_000_000;
const base: SwitchInput = { staged: true, lastReport: { phase: 'attract', at }, now: at + 1000, busy: false };

describe('decideSwitch', () => {
  it.each<[string, Partial<SwitchInput>, 'switch' | 'wait']>([
    ['attract loop, fresh report, version staged', {}, 'switch'],
    ['nothing staged', { staged: false }, 'wait'],
    ['a visit is under way', { lastReport: { phase: 'active', at } }, 'wait'],
    ['the idle question is on screen', { lastReport: { phase: 'idleWarning', at } }, 'wait'],
    ['no report since the start', { lastReport: null }, 'wait'],
    ['the report is old', { now: at + FRESH_REPORT_MS + 1 }, 'wait'],
    ['the report is just fresh', { now: at + FRESH_REPORT_MS }, 'switch'],
    ['a report from the future (clock changed)', { now: at - 1 }, 'wait'],
    ['a switch is already under way', { busy: true }, 'wait'],
  ])('%s → %s', (_name, change, expected) => {
    expect(decideSwitch({ ...base, ...change })).toBe(expected);
  });
});

it('mayShowNow follows the same rule', () => {
  expect(mayShowNow({ phase: 'attract', at }, at + 10)).toBe(true);
  expect(mayShowNow({ phase: 'active', at }, at + 10)).toBe(false);
  expect(mayShowNow(null, at)).toBe(false);
});

it.each([
  [{ phase: 'attract' }, 'attract'],
  [{ phase: 'active' }, 'active'],
  [{ phase: 'idleWarning' }, 'idleWarning'],
  [{ phase: 'other' }, null],
  [{}, null],
  [null, null],
  ['attract', null],
])('phaseOf(%j) → %s', (body, expected) => {
  expect(phaseOf(body)).toBe(expected);
});
