import { Document, isAlias, isMap, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** A key/value of a YAML map, with merge keys (`<<: *anchor`) already expanded. */
export interface MapEntry {
  key: string;
  keyNode: Scalar;
  value: Node | null;
  /** True when the entry came from a merged anchor rather than from the map itself. */
  merged: boolean;
}

export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
}

export function resolveNode(node: unknown, doc: Document): Node | null {
  let current = node;
  // Aliases may point at aliases; the bound keeps a malformed document from looping.
  for (let i = 0; i < 32 && isAlias(current); i++) current = current.resolve(doc);
  if (isAlias(current)) return null;
  return (current as Node | null | undefined) ?? null;
}

export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value = key.value;
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Entries of a map; later local keys win over merged ones, earlier merge sources over later ones. */
export function mapEntries(map: YAMLMap, doc: Document): MapEntry[] {
  const local: MapEntry[] = [];
  const merged: MapEntry[] = [];
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      const source = resolveNode(pair.value, doc);
      const sources = isSeq(source) ? source.items.map((item) => resolveNode(item, doc)) : [source];
      for (const src of sources) {
        if (isMap(src)) merged.push(...mapEntries(src, doc).map((entry) => ({ ...entry, merged: true })));
      }
      continue;
    }
    const key = keyText(pair.key);
    if (key === undefined || !isScalar(pair.key)) continue;
    local.push({ key, keyNode: pair.key, value: resolveNode(pair.value, doc), merged: false });
  }
  const seen = new Set(local.map((entry) => entry.key));
  const result = [...local];
  for (const entry of merged) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    result.push(entry);
  }
  return result;
}

export function mapEntry(map: YAMLMap, doc: Document, key: string): MapEntry | undefined {
  return mapEntries(map, doc).find((entry) => entry.key === key);
}

export function seqItems(seq: YAMLSeq, doc: Document): (Node | null)[] {
  return seq.items.map((item) => resolveNode(item, doc));
}

/** Source offsets of a node, without trailing comments or line breaks. */
export function nodeSpan(node: Node): [number, number] {
  const range = node.range;
  if (!range) return [0, 0];
  return [range[0], range[1]];
}

/** `!reset` in an override file removes the value it replaces. */
export const RESET: unique symbol = Symbol('compose-reset');

/** `!override` in an override file replaces the value instead of merging into it. */
export class OverrideValue {
  constructor(readonly value: unknown) {}
}

export type PlainValue = unknown;

/** The document as plain data, keeping compose's `!reset` / `!override` tags as markers for merging. */
export function yamlToPlain(node: unknown, doc: Document): PlainValue {
  const resolved = resolveNode(node, doc);
  if (resolved === null) return null;
  const tag = (resolved as { tag?: string }).tag;
  if (tag === '!reset') return RESET;
  const value = plainOf(resolved, doc);
  return tag === '!override' ? new OverrideValue(value) : value;
}

function plainOf(node: Node, doc: Document): PlainValue {
  if (isScalar(node)) return node.value ?? null;
  if (isSeq(node)) return node.items.map((item) => yamlToPlain(item, doc));
  if (isMap(node)) {
    const result: Record<string, PlainValue> = {};
    for (const entry of mapEntries(node, doc)) result[entry.key] = yamlToPlain(entry.value, doc);
    return result;
  }
  return null;
}
