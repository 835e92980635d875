/**
 * Editing a YAML file the way a careful person would with a text editor: only the values that changed are
 * touched, through the `yaml` package's Document API, so comments, key order, blank lines, quoting and the
 * flow style of lists (`[a, b]`) stay as staff wrote them. Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

/** Output options that keep lines as they were: no folding of long lines, two-space indent. */
const TO_STRING = { lineWidth: 0, minContentWidth: 0, indent: 2, flowCollectionPadding: false } as const;

export class YamlSyntaxError extends Error {}

/** Plain data equality (JSON-like values). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameData(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameData(a[k], b[k]));
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The YAML text as plain data; throws YamlSyntaxError naming the first mistake. */
export function yamlData(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new YamlSyntaxError(doc.errors[0]?.message ?? 'YAML syntax error');
  return doc.toJS();
}

/**
 * `text` with its values replaced by `data`: unchanged values keep their exact form; a changed scalar
 * keeps its quoting and its comments; removed keys go, new keys are added at the end of their map.
 * The same text is returned when nothing changed.
 */
export function editYamlText(text: string, data: unknown): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new YamlSyntaxError(doc.errors[0]?.message ?? 'YAML syntax error');
  if (sameData(doc.toJS(), data)) return text;
  doc.contents = merge(doc, doc.contents as Node | null, data) as typeof doc.contents;
  return doc.toString(TO_STRING);
}

/** New YAML text for data that has no file yet. */
export function newYamlText(data: unknown): string {
  const doc = parseDocument('{}');
  doc.contents = doc.createNode(data) as typeof doc.contents;
  return doc.toString(TO_STRING);
}

function merge(doc: Document, node: Node | null, value: unknown): Node {
  if (node && sameData(node.toJSON(), value)) return node;
  if (isPlainObject(value) && isMap(node)) {
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key !== 'string' || value[key] === undefined) node.delete(pair.key);
    }
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (pair) pair.value = merge(doc, pair.value as Node | null, v);
      else node.add(doc.createPair(key, v));
    }
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    node.items.splice(value.length);
    value.forEach((v, i) => {
      if (i < node.items.length) node.items[i] = merge(doc, node.items[i] as Node | null, v);
      else node.items.push(doc.createNode(v));
    });
    return node;
  }
  if (isScalar(node) && (value === null || ['string', 'number', 'boolean'].includes(typeof value))) {
    // A one-line plain or quoted scalar that becomes several lines is written as a block (`|`).
    if (typeof value === 'string' && value.includes('\n') && !String(node.type).startsWith('BLOCK'))
      node.type = 'BLOCK_LITERAL';
    node.value = value;
    return node;
  }
  return doc.createNode(value) as Node;
}
