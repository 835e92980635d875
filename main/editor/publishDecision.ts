/**
 * Whether the editor may publish the exhibit now, what the curator must confirm first, and in what words
 * (issue 15, the editor's Publish button). Pure: the facts are gathered by main/editor/publishing.ts; the
 * rules are those of `npm run content:publish` (main/packages/publish.ts: chooseVersion, publishWarnings),
 * not a second set.
 */
import type { PublishNotice } from '../common/editorApi';
import type { CheckerSummary } from '../packages/checker';
import { chooseVersion, publishWarnings } from '../packages/publish';

export interface PublishFacts {
  /** Started with --key and --publish-to. */
  setUp: boolean;
  /** Why the signing key cannot be read, or null. */
  keyProblem: string | null;
  /** Why the publish folder cannot be written, or null. */
  folderProblem: string | null;
  /** Why the content's files cannot all be packed (a symbolic link), or null. */
  contentProblem: string | null;
  /** Another publish is under way. */
  busy: boolean;
  summary: Pick<CheckerSummary, 'exhibitId' | 'checker' | 'firstErrors' | 'draftLanguages'>;
  /** Versions of this exhibit already in the publish folder. */
  published: readonly number[];
  /** The version the page showed and asks for (a publish); absent for the preview. */
  requested?: number;
  /** The curator confirmed the drafts and placeholders. */
  confirmed: boolean;
}

export type PublishDecision =
  /** Refused: each reason. */
  | { may: 'no'; version: number | null; refusals: PublishNotice[]; confirm: PublishNotice[] }
  /** Drafts or placeholders: publish only once the curator confirms them. */
  | { may: 'confirm'; version: number; refusals: []; confirm: PublishNotice[] }
  | { may: 'yes'; version: number; refusals: []; confirm: PublishNotice[] };

const notice = (code: PublishNotice['code'], message: string, values: PublishNotice['values'] = {}) => ({
  code,
  message,
  values,
});

/** What must be confirmed: drafts (with their languages) and placeholders, in content:publish's words. */
export function publishConfirmations(
  summary: Pick<CheckerSummary, 'checker' | 'draftLanguages'>,
): PublishNotice[] {
  const { drafts, placeholders } = summary.checker;
  const out: PublishNotice[] = [];
  const languages = Object.keys(summary.draftLanguages).sort();
  if (drafts > 0)
    out.push(
      notice('drafts', publishWarnings({ ...summary.checker, placeholders: 0 })[0] ?? '', {
        n: drafts,
        languages: languages.join(', '),
      }),
    );
  if (placeholders > 0)
    out.push(
      notice('placeholders', publishWarnings({ ...summary.checker, drafts: 0 })[0] ?? '', {
        n: placeholders,
      }),
    );
  return out;
}

export function decidePublish(facts: PublishFacts): PublishDecision {
  const { summary } = facts;
  const refusals: PublishNotice[] = [];
  if (!facts.setUp)
    refusals.push(
      notice(
        'not-set-up',
        'Publishing is not set up: start the editor with --key (the folder made by npm run keys:create) and --publish-to (the publish folder).',
      ),
    );
  if (facts.keyProblem)
    refusals.push(
      notice('key-unreadable', `The signing key cannot be read: ${facts.keyProblem}`, {
        detail: facts.keyProblem,
      }),
    );
  if (facts.folderProblem)
    refusals.push(
      notice('folder-unwritable', `The publish folder cannot be written: ${facts.folderProblem}`, {
        detail: facts.folderProblem,
      }),
    );
  if (facts.contentProblem)
    refusals.push(notice('content-unreadable', facts.contentProblem, { detail: facts.contentProblem }));
  const errors = summary.checker.errors;
  if (errors > 0 || !summary.exhibitId) {
    const n = Math.max(errors, 1);
    refusals.push(
      notice(
        'checker-errors',
        `The content checker found ${n} error${n === 1 ? '' : 's'}: ${summary.firstErrors.join('; ')}. Nothing was published; correct ${n === 1 ? 'it' : 'them'} and publish again.`,
        { n, first: summary.firstErrors.join('; ') },
      ),
    );
  }
  const chosen = chooseVersion(facts.published, facts.requested);
  const highest = facts.published.length > 0 ? Math.max(...facts.published) : 0;
  if (!chosen.ok)
    refusals.push(
      notice('version-taken', chosen.message, {
        version: facts.requested ?? 0,
        next: highest + 1,
      }),
    );
  if (facts.busy)
    refusals.push(notice('busy', 'Another publish is under way; wait for it to finish and look again.'));
  const confirm = publishConfirmations(summary);
  if (refusals.length > 0 || !chosen.ok)
    return { may: 'no', version: chosen.ok ? chosen.version : null, refusals, confirm };
  if (confirm.length > 0 && !facts.confirmed)
    return { may: 'confirm', version: chosen.version, refusals: [], confirm };
  return { may: 'yes', version: chosen.version, refusals: [], confirm };
}
