/**
 * References between items (a photo's people, a story's cover, `related:` lists …): recorded while the
 * items are read, resolved once every item has been read. A reference to a missing item is an error with
 * a suggestion; one to an item left out for its own errors is a warning; either way only the reference
 * is dropped, never the item that makes it.
 */
import type { RelatedIds } from '../../common/exhibit';
import type { FieldPath, Severity } from '../problems';
import type { RelatedFile } from '../schema';
import { closestName } from '../validate';
import type { FileContext, Kind, LoadContext } from './context';

const KIND_WORD: Record<Kind, string> = {
  photos: 'photo',
  people: 'person',
  diary: 'diary excerpt',
  stories: 'story',
  timeline: 'timeline event',
};
const KIND_FILE: Record<Kind, (id: string) => string> = {
  photos: (id) => `photos/${id}.yaml`,
  people: (id) => `people/${id}.yaml`,
  diary: (id) => `diary/${id}.yaml`,
  stories: (id) => `stories/${id}/`,
  timeline: (id) => `an event with "id: ${id}" in timeline.yaml`,
};

/** Record a reference to resolve later; `drop` removes it from the item being built when it cannot be. */
export function refer(
  pkg: LoadContext,
  kind: Kind,
  id: string,
  ctx: FileContext,
  fieldPath: FieldPath,
  drop: () => void,
): void {
  pkg.sites.push({ kind, id, ctx, path: fieldPath, drop });
}

/** Record every reference of a `related:` block, copying the ids into `target`. */
export function relatedSites(
  pkg: LoadContext,
  related: RelatedFile | undefined,
  target: RelatedIds,
  ctx: FileContext,
  prefix: FieldPath,
): void {
  if (!related) return;
  for (const kind of ['stories', 'people', 'diary', 'photos', 'timeline'] as const) {
    related[kind].forEach((id, i) => {
      target[kind].push(id);
      refer(pkg, kind, id, ctx, [...prefix, kind, i], () => {
        target[kind] = target[kind].filter((x) => x !== id);
      });
    });
  }
}

/** Why a reference cannot be followed, or null when the item is there and usable. */
export function unresolved(
  pkg: LoadContext,
  kind: Kind,
  id: string,
): { severity: Severity; code: string; message: string } | null {
  if (pkg.usable[kind].has(id)) return null;
  if (pkg.known[kind].has(id))
    return {
      severity: 'warning',
      code: 'reference-to-left-out',
      message: `the ${KIND_WORD[kind]} "${id}" is left out because of errors in its own file, so this reference is dropped`,
    };
  const suggestion = closestName(id, [...pkg.known[kind]]);
  return {
    severity: 'error',
    code: 'unknown-reference',
    message: `there is no ${KIND_WORD[kind]} "${id}" (expected ${KIND_FILE[kind](id)})${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
  };
}

/** Resolve every recorded reference: report and drop the ones that cannot be followed. */
export function resolveReferences(pkg: LoadContext): void {
  for (const site of pkg.sites) {
    const problem = unresolved(pkg, site.kind, site.id);
    if (!problem) continue;
    pkg.report(
      problem.severity,
      site.ctx,
      site.path,
      problem.code,
      `${problem.message}${problem.code === 'unknown-reference' ? '; the reference is left out' : ''}`,
    );
    site.drop();
  }
}
