import { Alias, Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { COMPOSE_LIMITS } from './composeLimits';

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

const aliasTables = new WeakMap<Document, Map<Alias, Node | undefined>>();

/**
 * The node an alias refers to: the last node anchored with its name before it (so `&a [*a]` refers to
 * the list that contains it). One pass over the document builds the table; the YAML library's own
 * `resolve` walks the whole document on every call, which is quadratic for files full of aliases.
 */
export function aliasTarget(alias: Alias, doc: Document): Node | undefined {
  let table = aliasTables.get(doc);
  if (!table) {
    table = buildAliasTable(doc);
    aliasTables.set(doc, table);
  }
  return table.get(alias);
}

function buildAliasTable(doc: Document): Map<Alias, Node | undefined> {
  const table = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  // Explicit stack in document order: the parser accepts nesting deeper than recursion would survive.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      table.set(node, anchors.get(node.source));
      continue;
    }
    const anchor = (node as Node).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return table;
}

export function resolveNode(node: unknown, doc: Document): Node | null {
  let current = node;
  // Aliases may point at aliases; the bound keeps a malformed document from looping.
  for (let i = 0; i < 32 && isAlias(current); i++) current = aliasTarget(current, doc);
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

const entryCache = new WeakMap<YAMLMap, MapEntry[]>();

/**
 * Entries of a map; later local keys win over merged ones, earlier merge sources over later ones.
 * Cached per map: nested merge keys (`<<: [*a, *a]` at every level) would otherwise cost 2^depth,
 * and a map merging itself gets nothing from itself instead of recursing forever.
 */
export function mapEntries(map: YAMLMap, doc: Document): MapEntry[] {
  const cached = entryCache.get(map);
  if (cached) return cached;
  entryCache.set(map, []);
  const entries = collectEntries(map, doc);
  entryCache.set(map, entries);
  return entries;
}

function collectEntries(map: YAMLMap, doc: Document): MapEntry[] {
  const local: MapEntry[] = [];
  const merged: MapEntry[] = [];
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      const source = resolveNode(pair.value, doc);
      const sources = isSeq(source) ? source.items.map((item) => resolveNode(item, doc)) : [source];
      for (const src of sources) {
        if (isMap(src)) for (const entry of mapEntries(src, doc)) merged.push(entry.merged ? entry : { ...entry, merged: true });
      }
      continue;
    }
    const key = keyText(pair.key);
    if (key === undefined || !isScalar(pair.key)) continue;
    local.push({ key, keyNode: pair.key, value: resolveNode(pair.value, doc), merged: false });
  }
  if (merged.length === 0) return local;
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

/**
 * The document as plain data, keeping compose's `!reset` / `!override` tags as markers for merging.
 * Callers expand only documents composeYamlGuard accepted; the depth bound is a last line of defence.
 */
export function yamlToPlain(node: unknown, doc: Document, depth = 0): PlainValue {
  const resolved = resolveNode(node, doc);
  if (resolved === null || depth > COMPOSE_LIMITS.maxDepth) return null;
  const tag = (resolved as { tag?: string }).tag;
  if (tag === '!reset') return RESET;
  const value = plainOf(resolved, doc, depth);
  return tag === '!override' ? new OverrideValue(value) : value;
}

function plainOf(node: Node, doc: Document, depth: number): PlainValue {
  if (isScalar(node)) return node.value ?? null;
  if (isSeq(node)) return node.items.map((item) => yamlToPlain(item, doc, depth + 1));
  if (isMap(node)) {
    const result: Record<string, PlainValue> = {};
    for (const entry of mapEntries(node, doc)) {
      const value = yamlToPlain(entry.value, doc, depth + 1);
      // A key named __proto__ is data, not the object's prototype.
      if (entry.key === '__proto__') Object.defineProperty(result, entry.key, { value, enumerable: true, writable: true, configurable: true });
      else result[entry.key] = value;
    }
    return result;
  }
  return null;
}
