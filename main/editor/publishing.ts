/**
 * The editor's Publish button (issue 15): what publishing would do now, and publishing, with the key and the
 * publish folder the editor was started with (`npm run editor -- --key DIR --publish-to DIR`); the page
 * never names a path. It gathers the facts (the content checker's summary — the very checker
 * `npm run content:publish` runs — the versions in the publish folder, the key, the folder), lets the pure
 * `decidePublish` decide, and publishes with `publishFolder`, the command line's own code. One publish at a
 * time; the file appears whole or not at all (publishFolder writes a temporary file and links it).
 */
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { EditorPublishPreview, EditorPublishRequest, EditorPublishResult } from '../common/editorApi';
import { packageFileName } from '../common/packages';
import type { Checker, CheckerSummary } from '../packages/checker';
import { isDerivedPath } from '../packages/derivatives';
import { readPrivateKey } from '../packages/keys';
import { listPackageFiles, publishedVersions, publishFolder } from '../packages/publish';
import { decidePublish, type PublishFacts } from './publishDecision';

export interface PublishTarget {
  /** The folder made by `npm run keys:create` (or the private key file). */
  keyDir: string;
  /** The publish folder: earlier packages and latest.json. */
  outDir: string;
}

export interface EditorPublishingOptions {
  contentDir: string;
  /** null: the editor was started without --key and --publish-to. */
  target: PublishTarget | null;
  checker: Checker;
  kioskVersion: string;
  /** Who publishes, for the manifest. */
  createdBy: string;
  now?: () => Date;
  log: { info(message: string): void; warn(message: string): void };
  /** The editor's derivatives folder: the package carries the photographs' derivatives from it. */
  derivedDir?: string;
}

export interface EditorPublishing {
  preview(): Promise<EditorPublishPreview>;
  publish(request: EditorPublishRequest): Promise<EditorPublishResult>;
}

/** Whether `inner` is `outer` or inside it. Pure. */
function isWithin(outer: string, inner: string): boolean {
  const rel = path.relative(path.resolve(outer), path.resolve(inner));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * What is wrong with where the key and the publish folder are, seen from the exhibit folder: either inside
 * it would be packed into the package (the private key shipped to every kiosk). Pure.
 */
export function targetProblems(
  contentDir: string,
  target: PublishTarget,
): { key: string | null; folder: string | null } {
  return {
    key: isWithin(contentDir, target.keyDir)
      ? 'the signing key is inside the exhibit folder and would be published with it; move it out'
      : null,
    folder: isWithin(contentDir, target.outDir)
      ? 'the publish folder is inside the exhibit folder and would be packed into the next package; choose one outside it'
      : null,
  };
}

const reason = (error: unknown) =>
  error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);

/** Why the publish folder cannot take a new file, or null. A folder not there yet is made by the publish. */
async function folderProblem(outDir: string): Promise<string | null> {
  try {
    const s = await stat(outDir);
    if (!s.isDirectory()) return `${outDir} is not a folder.`;
    await access(outDir, constants.W_OK);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return reason(error);
    try {
      await access(path.dirname(outDir), constants.W_OK);
      return null;
    } catch (parentError) {
      return reason(parentError);
    }
  }
}

interface Gathered {
  facts: Omit<PublishFacts, 'requested' | 'confirmed'>;
  summary: CheckerSummary;
  key: KeyObject | null;
  files: number;
  bytes: number;
}

export function createEditorPublishing(options: EditorPublishingOptions): EditorPublishing {
  const { target } = options;
  let running = false;

  const gather = async (): Promise<Gathered> => {
    let key: KeyObject | null = null;
    let keyProblem: string | null = null;
    const placed = target ? targetProblems(options.contentDir, target) : { key: null, folder: null };
    if (placed.key) keyProblem = placed.key;
    else if (target) {
      try {
        key = readPrivateKey(target.keyDir);
      } catch (error) {
        keyProblem = reason(error);
      }
    }
    let files = 0;
    let bytes = 0;
    let contentProblem: string | null = null;
    try {
      const list = await listPackageFiles(options.contentDir);
      files = list.length;
      bytes = list.reduce((n, f) => n + f.size, 0);
    } catch (error) {
      contentProblem = reason(error);
    }
    const summary = await options.checker(options.contentDir).catch((error: unknown): CheckerSummary => ({
      exhibitId: null,
      exhibitVersion: '',
      checker: { errors: 1, warnings: 0, drafts: 0, placeholders: 0 },
      draftLanguages: {},
      files: 0,
      firstErrors: [`the content checker could not run: ${reason(error)}`],
      firstWarnings: [],
    }));
    let names: string[] = [];
    if (target) names = await readdir(target.outDir).catch(() => []);
    return {
      facts: {
        setUp: target !== null,
        keyProblem,
        folderProblem: target ? (placed.folder ?? (await folderProblem(target.outDir))) : null,
        contentProblem,
        busy: running,
        summary,
        published: summary.exhibitId ? publishedVersions(names, summary.exhibitId) : [],
      },
      summary,
      key,
      files,
      bytes,
    };
  };

  const preview = async (): Promise<EditorPublishPreview> => {
    const g = await gather();
    const d = decidePublish({ ...g.facts, confirmed: false });
    const published = g.facts.published;
    return {
      setUp: g.facts.setUp,
      exhibitId: g.summary.exhibitId,
      exhibitVersion: g.summary.exhibitVersion,
      version: d.version,
      fileName: g.summary.exhibitId && d.version ? packageFileName(g.summary.exhibitId, d.version) : null,
      folder: target?.outDir ?? null,
      latest: published.length > 0 ? Math.max(...published) : null,
      files: g.files,
      bytes: g.bytes,
      checker: g.summary.checker,
      draftLanguages: g.summary.draftLanguages,
      firstErrors: g.summary.firstErrors,
      firstWarnings: g.summary.firstWarnings,
      refusals: d.refusals,
      confirm: d.confirm,
    };
  };

  const publish = async (request: EditorPublishRequest): Promise<EditorPublishResult> => {
    const started = Date.now();
    const busy = running;
    running = true;
    try {
      const g = await gather();
      const d = decidePublish({
        ...g.facts,
        busy,
        requested: request.version,
        confirmed: request.confirm,
      });
      if (d.may === 'no')
        return {
          status: 'refused',
          message: d.refusals.map((r) => r.message).join(' '),
          refusals: d.refusals,
          firstErrors: g.summary.firstErrors,
        };
      if (d.may === 'confirm')
        return {
          status: 'confirm',
          message: `Confirm first: ${d.confirm.map((c) => c.message).join(' ')}`,
          confirm: d.confirm,
        };
      if (!target || !g.key) throw new Error('publishing is not set up'); // decidePublish refused already
      const summary = g.summary;
      const outcome = await publishFolder({
        contentDir: options.contentDir,
        outDir: target.outDir,
        privateKey: g.key,
        // The summary just decided on: the checker is not run a second time.
        checker: () => Promise.resolve(summary),
        kioskVersion: options.kioskVersion,
        createdBy: options.createdBy,
        version: d.version,
        ...(options.derivedDir ? { derivedDir: options.derivedDir } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      if (!outcome.ok) {
        const failed = {
          code: 'failed' as const,
          message: outcome.message,
          values: { detail: outcome.message },
        };
        return {
          status: 'refused',
          message: outcome.message,
          refusals: [failed],
          firstErrors: outcome.errors ?? [],
        };
      }
      const size = (await stat(outcome.file)).size;
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const m = outcome.manifest;
      // The exhibit's own files, as the panel counted them before; the derivatives are told apart.
      const contentFiles = m.files.filter((f) => !isDerivedPath(f.path)).length;
      options.log.info(
        `editor: curator published ${path.basename(outcome.file)} (${contentFiles} files and ${m.files.length - contentFiles} of derivatives, ${size} bytes) in ${seconds} s`,
      );
      return {
        status: 'published',
        exhibitId: m.exhibitId,
        version: m.version,
        fileName: path.basename(outcome.file),
        folder: target.outDir,
        size,
        files: contentFiles,
        seconds,
      };
    } catch (error) {
      // Nothing half-written stays: publishFolder removes its temporary file; the package is linked whole.
      const message = `Publishing failed: ${reason(error)}. Nothing was published.`;
      options.log.warn(`editor: ${message}`);
      return {
        status: 'refused',
        message,
        refusals: [{ code: 'failed', message, values: { detail: reason(error) } }],
        firstErrors: [],
      };
    } finally {
      if (!busy) running = false;
    }
  };

  return { preview, publish };
}
