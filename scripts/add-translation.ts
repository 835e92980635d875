/**
 * `npm run content:add-translation -- --lang ja --from ja.json [--media media] [--final]`
 *
 * Adds a translator's work to the package's YAML files without retyping them: comments and layout stay as
 * they are, the new language's text is put beside the others, and the language is added to each file's
 * `drafts` list (unless --final: a reviewed translation). Each file is written atomically.
 *
 * The JSON names, per file (relative to the package), the localized fields by path, e.g.
 *   {
 *     "people/john-rabe.yaml": { "name": "ジョン・ラーベ", "role": "…", "biography": "…" },
 *     "timeline.yaml": { "events.committee-founded.title": "…", "events.committee-founded.text": "…" },
 *     "exhibit.yaml": { "title": "…", "attract.tagline": "…" },
 *     "diary/rabe-garden-gate.yaml": { "text": "…", "=narration.id": { "audio": "audio/x.id.ogg", "placeholder": true } }
 *   }
 * A path segment that names a list item matches the item whose `id` is that segment. A key starting with
 * `=` sets that path to the value as given (for things that are not localized text, like a narration).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { writeFileAtomically } from '../main/files/atomicWrite';

type Translations = Record<string, Record<string, unknown>>;

export function applyTranslation(
  doc: Document,
  lang: string,
  fields: Record<string, unknown>,
  final: boolean,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const literal = key.startsWith('=');
    const segments = (literal ? key.slice(1) : key).split('.');
    const target = literal ? segments.slice(0, -1) : segments;
    const node = walk(doc, target, true);
    if (!node) {
      problems.push(`${key}: no such place in the file`);
      continue;
    }
    const last = literal ? (segments[segments.length - 1] ?? '') : lang;
    node.set(last, doc.createNode(value));
  }
  if (!final) {
    const drafts = doc.get('drafts');
    if (isSeq(drafts)) {
      if (!drafts.items.some((item) => String((item as { value?: unknown }).value ?? item) === lang))
        drafts.add(lang);
    } else {
      const seq = doc.createNode([lang]);
      seq.flow = true;
      doc.set('drafts', seq);
    }
  }
  return problems;
}

function walk(doc: Document, segments: string[], create: boolean): YAMLMap | null {
  let node: unknown = doc.contents;
  for (const segment of segments) {
    if (isSeq(node)) {
      node = node.items.find((item) => isMap(item) && String(item.get('id')) === segment) ?? null;
    } else if (isMap(node)) {
      let next: unknown = node.get(segment, true);
      if (next === undefined && create) {
        const created = doc.createNode({});
        node.set(segment, created);
        next = created;
      }
      node = next;
    } else {
      return null;
    }
  }
  return isMap(node) ? node : null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lang: { type: 'string' },
      from: { type: 'string' },
      media: { type: 'string', default: 'media' },
      final: { type: 'boolean', default: false },
    },
  });
  if (!values.lang || !values.from) {
    console.error(
      'Usage: npm run content:add-translation -- --lang ja --from ja.json [--media media] [--final]',
    );
    process.exit(2);
  }
  const translations = JSON.parse(readFileSync(values.from, 'utf8')) as Translations;
  let failed = 0;
  for (const [file, fields] of Object.entries(translations)) {
    const full = path.join(values.media, file);
    const doc = parseDocument(readFileSync(full, 'utf8'));
    const problems = applyTranslation(doc, values.lang, fields, values.final);
    for (const p of problems) console.error(`${full}: ${p}`);
    failed += problems.length;
    await writeFileAtomically(full, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
    console.log(`${full}: ${Object.keys(fields).length - problems.length} fields in ${values.lang}`);
  }
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) await main();
