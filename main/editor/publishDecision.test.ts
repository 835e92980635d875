import { describe, expect, it } from 'vitest';
import { decidePublish, publishConfirmations, type PublishFacts } from './publishDecision';

const CLEAN: PublishFacts = {
  setUp: true,
  keyProblem: null,
  folderProblem: null,
  contentProblem: null,
  busy: false,
  summary: {
    exhibitId: 'nanjing-safety-zone',
    checker: { errors: 0, warnings: 2, drafts: 0, placeholders: 0 },
    firstErrors: [],
    draftLanguages: {},
  },
  published: [1, 2, 3],
  confirmed: false,
};
const DRAFTS = { errors: 0, warnings: 0, drafts: 5, placeholders: 0 };
const PLACEHOLDERS = { errors: 0, warnings: 0, drafts: 0, placeholders: 2 };
const BOTH = { errors: 0, warnings: 0, drafts: 3, placeholders: 1 };
const ERRORS = { errors: 2, warnings: 0, drafts: 3, placeholders: 1 };
const with_ = (patch: Partial<PublishFacts>, checker?: PublishFacts['summary']['checker']): PublishFacts => ({
  ...CLEAN,
  ...patch,
  summary: {
    ...(patch.summary ?? CLEAN.summary),
    ...(checker ? { checker } : {}),
    ...(checker?.drafts ? { draftLanguages: { ja: checker.drafts - 1, id: 1 } } : {}),
    ...(checker?.errors
      ? { firstErrors: ['people/john-rabe.yaml:4  born  expected a date such as 1882-11-23'] }
      : {}),
  },
});

describe('decidePublish', () => {
  it.each<[string, PublishFacts, string, number | null, string[], string[]]>([
    // name, facts, may, version, refusal codes, confirm codes
    ['clean content: publish the next version', CLEAN, 'yes', 4, [], []],
    ['nothing published yet: version 1', with_({ published: [] }), 'yes', 1, [], []],
    [
      'warnings alone are not asked about',
      with_({}, { ...CLEAN.summary.checker, warnings: 9 }),
      'yes',
      4,
      [],
      [],
    ],
    ['drafts: confirm first', with_({}, DRAFTS), 'confirm', 4, [], ['drafts']],
    ['placeholders: confirm first', with_({}, PLACEHOLDERS), 'confirm', 4, [], ['placeholders']],
    ['both: one confirmation of both', with_({}, BOTH), 'confirm', 4, [], ['drafts', 'placeholders']],
    [
      'both, confirmed: publish',
      with_({ confirmed: true, requested: 4 }, BOTH),
      'yes',
      4,
      [],
      ['drafts', 'placeholders'],
    ],
    [
      'checker errors: refused, confirming does not help',
      with_({ confirmed: true }, ERRORS),
      'no',
      4,
      ['checker-errors'],
      ['drafts', 'placeholders'],
    ],
    [
      'no exhibit could be loaded: refused',
      with_({ summary: { ...CLEAN.summary, exhibitId: null } }),
      'no',
      4,
      ['checker-errors'],
      [],
    ],
    [
      'the version shown was published meanwhile',
      with_({ requested: 3, confirmed: true }),
      'no',
      null,
      ['version-taken'],
      [],
    ],
    [
      'an older version than the highest',
      with_({ requested: 2, published: [1, 3] }),
      'no',
      null,
      ['version-taken'],
      [],
    ],
    ['the version shown is still free', with_({ requested: 4 }), 'yes', 4, [], []],
    ['not set up: refused', with_({ setUp: false }), 'no', 4, ['not-set-up'], []],
    ['key unreadable', with_({ keyProblem: 'EACCES' }), 'no', 4, ['key-unreadable'], []],
    ['folder unwritable', with_({ folderProblem: 'read-only' }), 'no', 4, ['folder-unwritable'], []],
    [
      'a symbolic link in the content',
      with_({ contentProblem: 'a is a symbolic link' }),
      'no',
      4,
      ['content-unreadable'],
      [],
    ],
    ['another publish under way', with_({ busy: true }), 'no', 4, ['busy'], []],
    [
      'every reason at once, each named',
      with_({ setUp: false, busy: true, requested: 1 }, ERRORS),
      'no',
      null,
      ['not-set-up', 'checker-errors', 'version-taken', 'busy'],
      ['drafts', 'placeholders'],
    ],
  ])('%s', (_name, facts, may, version, refusals, confirm) => {
    const d = decidePublish(facts);
    expect(d.may).toBe(may);
    expect(d.version).toBe(version);
    expect(d.refusals.map((r) => r.code)).toEqual(refusals);
    expect(d.confirm.map((c) => c.code)).toEqual(confirm);
  });

  it('names the field of a checker error in its message', () => {
    const d = decidePublish(with_({}, ERRORS));
    expect(d.refusals[0]?.message).toContain('people/john-rabe.yaml:4  born');
    expect(d.refusals[0]?.message).toMatch(/^The content checker found 2 errors/);
  });

  it('says which version is free when the one shown is taken', () => {
    const d = decidePublish(with_({ requested: 3 }));
    expect(d.refusals[0]?.message).toContain('Publish 4 instead');
    expect(d.refusals[0]?.values).toEqual({ version: 3, next: 4 });
  });
});

it('publishConfirmations counts drafts by language in content:publish words', () => {
  expect(
    publishConfirmations({
      checker: { errors: 0, warnings: 0, drafts: 81, placeholders: 10 },
      draftLanguages: { 'zh-Hans': 27, ja: 27, id: 27 },
    }),
  ).toEqual([
    {
      code: 'drafts',
      message: "81 translations are marked as draft (awaiting a curator's review).",
      values: { n: 81, languages: 'id, ja, zh-Hans' },
    },
    {
      code: 'placeholders',
      message: "10 photographs or narrations are placeholders, not the museum's own.",
      values: { n: 10 },
    },
  ]);
});
