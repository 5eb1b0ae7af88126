import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { DiagnosticSink } from './composeDiagnostics';
import { ParsedComposeFile } from './composeParse';
import { KeySet, keyStatus } from './composeSchema';
import { COMPOSE_LIMITS } from './composeLimits';
import { closestMatch } from './composeSuggest';
import { MapEntry, mapEntries, nodeSpan, seqItems } from './composeYaml';

/** Where a diagnostic goes: a node, or a map entry (its value, or its key when the value is empty). */
export type Target = Node | MapEntry;

/** Shared state and type checks of one file's validation; every check reports at the offending node. */
export class ValidationContext {
  private suggestions = 0;

  constructor(
    readonly parsed: ParsedComposeFile,
    readonly sink: DiagnosticSink,
  ) {}

  error(target: Target, code: string, message: string, suggestion?: string): void {
    const [start, end] = spanOf(target);
    this.sink.report('error', code, message, start, end, suggestion);
  }

  warn(target: Target, code: string, message: string): void {
    const [start, end] = spanOf(target);
    this.sink.report('warning', code, message, start, end);
  }

  entries(map: YAMLMap): MapEntry[] {
    return mapEntries(map, this.parsed.doc);
  }

  items(seq: YAMLSeq): (Node | null)[] {
    return seqItems(seq, this.parsed.doc);
  }

  /**
   * Reports unknown keys (with the closest known one) and keys Berth does not handle yet; returns the
   * entries with supported keys. Entries merged from anchors are reported where the anchor is written.
   */
  checkKeys(map: YAMLMap, keys: KeySet, path: string): MapEntry[] {
    const result: MapEntry[] = [];
    for (const entry of this.entries(map)) {
      const status = keyStatus(keys, entry.key);
      if (status === 'supported') result.push(entry);
      if (status === 'unsupported') {
        this.warn(entry.keyNode, 'unsupported-key', `${join(path, entry.key)} is not supported by Berth yet and is ignored.`);
      } else if (status === 'unknown') {
        // Each suggestion is an edit-distance search; a file of thousands of unknown keys gets a few.
        const suggestion = this.suggestions++ < COMPOSE_LIMITS.maxSuggestions ? closestMatch(entry.key, [...keys.supported, ...keys.unsupported]) : undefined;
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
        this.error(entry.keyNode, 'unknown-key', `Unknown key "${entry.key}" in ${path || 'the compose file'}.${hint}`, suggestion);
      }
    }
    return result;
  }

  map(target: Target, path: string): YAMLMap | undefined {
    const node = valueOf(target);
    if (isMap(node)) return node;
    this.error(target, 'wrong-type', `${path} must be a mapping.`);
    return undefined;
  }

  seq(target: Target, path: string): YAMLSeq | undefined {
    const node = valueOf(target);
    if (isSeq(node)) return node;
    this.error(target, 'wrong-type', `${path} must be a list.`);
    return undefined;
  }

  /** A string; numbers are accepted too since YAML turns `user: 1000` into one. */
  string(target: Target, path: string): string | undefined {
    const value = scalarValue(valueOf(target));
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    this.error(target, 'wrong-type', `${path} must be a string.`);
    return undefined;
  }

  boolean(target: Target, path: string): boolean | undefined {
    const value = scalarValue(valueOf(target));
    if (typeof value === 'boolean') return value;
    this.error(target, 'wrong-type', `${path} must be a boolean (true or false).`);
    return undefined;
  }

  integer(target: Target, path: string, min: number): number | undefined {
    const value = scalarValue(valueOf(target));
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
    this.error(target, 'wrong-type', `${path} must be an integer${min === 0 ? ' of at least 0' : ` of at least ${min}`}.`);
    return undefined;
  }

  /** A list of strings (or numbers), each checked where it is written. */
  stringList(target: Target, path: string): string[] | undefined {
    const seq = this.seq(target, path);
    if (!seq) return undefined;
    const result: string[] = [];
    this.items(seq).forEach((item, i) => {
      const value = item ? this.string(item, `${path}[${i}]`) : undefined;
      if (value !== undefined) result.push(value);
    });
    return result;
  }

  /** `KEY: value` mapping or `KEY=value` list, as environment, labels and build args allow. */
  mapOrList(target: Target, path: string, listNeedsValue: boolean): void {
    const node = valueOf(target);
    if (isMap(node)) {
      for (const entry of this.entries(node)) {
        const value = scalarValue(entry.value);
        if (value === undefined || (value !== null && typeof value === 'object')) {
          this.error(entry, 'wrong-type', `${join(path, entry.key)} must be a string, number, boolean or empty.`);
        }
      }
    } else if (isSeq(node)) {
      const names = new Set<string>();
      this.items(node).forEach((item, i) => {
        const value = item ? this.string(item, `${path}[${i}]`) : undefined;
        if (value === undefined || !item) return;
        if (value === '' || value.startsWith('=')) this.error(item, 'invalid-value', `${path}[${i}] needs a name before "=".`);
        else if (listNeedsValue && !value.includes('=')) this.error(item, 'invalid-value', `${path}[${i}] must have the form KEY=value.`);
        const name = value.split('=')[0];
        // Compose refuses a name listed twice, as a mapping cannot hold a key twice.
        if (name !== '' && names.has(name)) this.error(item, 'duplicate-key', `${path}: "${name}" is listed more than once.`);
        names.add(name);
      });
    } else {
      this.error(target, 'wrong-type', `${path} must be a mapping or a list of KEY=value strings.`);
    }
  }
}

export function valueOf(target: Target): Node | null {
  return isEntry(target) ? target.value : target;
}

/** The value of a scalar node: undefined for collections, null for an empty value. */
export function scalarValue(node: Node | null): unknown {
  if (node === null) return null;
  return isScalar(node) ? (node as Scalar).value : undefined;
}

export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isEntry(target: Target): target is MapEntry {
  return (target as MapEntry).keyNode !== undefined;
}

function spanOf(target: Target): [number, number] {
  if (!isEntry(target)) return nodeSpan(target);
  if (target.value) {
    const [start, end] = nodeSpan(target.value);
    if (end > start) return [start, end];
  }
  return nodeSpan(target.keyNode);
}
