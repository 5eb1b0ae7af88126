import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import { DiagnosticSink } from './composeDiagnostics';
import { COMPOSE_LIMITS } from './composeLimits';
import { aliasTarget, isMergeKey, nodeSpan } from './composeYaml';

/**
 * Checks a parsed document before anything walks it with aliases expanded: nesting depth, alias
 * cycles, how far aliases and merge keys expand it, unknown anchors, duplicate and non-string keys.
 * Sizes are computed once per node, so a "billion laughs" costs as much as its source text.
 * Returns false when the document must not be expanded (the reason is reported).
 */
export function guardComposeDocument(doc: Document, sink: DiagnosticSink): boolean {
  const guard = new Guard(doc, sink);
  if (!guard.checkSource(doc.contents, 0)) return false;
  return guard.checkExpansion(doc.contents);
}

class Guard {
  private sourceNodes = 0;
  private readonly aliases: Alias[] = [];
  private readonly sizes = new Map<Node, number>();
  private readonly depths = new Map<Node, number>();
  private readonly inProgress = new Set<Node>();
  private fatal = false;
  /** Height of the value size() measured last (0 for a scalar), aliases followed. */
  private lastHeight = 0;

  constructor(
    private readonly doc: Document,
    private readonly sink: DiagnosticSink,
  ) {}

  // The tree as written (aliases not followed): depth, keys, anchors.
  checkSource(node: unknown, depth: number): boolean {
    if (node === null || typeof node !== 'object') return true;
    this.sourceNodes++;
    if (depth > COMPOSE_LIMITS.maxDepth) {
      this.report(node as Node, 'yaml-too-deep', `Values are nested more than ${COMPOSE_LIMITS.maxDepth} levels deep; Berth does not check this file further.`);
      return false;
    }
    if (isAlias(node)) {
      this.aliases.push(node);
      if (aliasTarget(node, this.doc) === undefined) this.report(node, 'yaml-unknown-anchor', `Unknown anchor "${node.source}": no "&${node.source}" is defined before this alias.`, false);
      return true;
    }
    if (isSeq(node)) return node.items.every((item) => this.checkSource(item, depth + 1));
    if (!isMap(node)) return true;
    const keys = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (!this.checkKey(pair.key, keys) || !this.checkSource(pair.value, depth + 1)) return false;
    }
    return true;
  }

  // One Set per mapping keeps duplicate detection linear (the YAML library's own check is quadratic).
  private checkKey(key: unknown, keys: Set<string>): boolean {
    if (isMergeKey(key)) return true;
    if (!isScalar(key)) {
      if (isAlias(key) || (key !== null && typeof key === 'object')) this.report(key as Node, 'non-string-key', 'Keys must be strings; compose does not accept a list, mapping or alias as a key.', false);
      return true;
    }
    const value = key.value;
    if (typeof value !== 'string') {
      this.report(key, 'non-string-key', `Keys must be strings: quote ${JSON.stringify(String(value))} to use it as a name.`, false);
    }
    const id = `${typeof value}:${String(value)}`;
    if (keys.has(id)) this.report(key, 'yaml-syntax', 'Map keys must be unique', false);
    keys.add(id);
    return true;
  }

  // Sizes and depths with aliases and merge keys expanded, each node's computed once.
  checkExpansion(root: unknown): boolean {
    const allowance = Math.max(COMPOSE_LIMITS.aliasBudget, this.sourceNodes);
    const limit = this.sourceNodes + allowance;
    // Without aliases the expanded document is the written one, already checked.
    if (this.aliases.length === 0) return true;
    const total = this.size(root, 0);
    if (this.fatal) return false;
    if (total <= limit) return true;
    let worst: Alias | undefined;
    let worstSize = -1;
    for (const alias of this.aliases) {
      const target = aliasTarget(alias, this.doc);
      const size = target ? (this.sizes.get(target) ?? 0) : 0;
      if (size > worstSize) [worst, worstSize] = [alias, size];
    }
    const message = `Aliases expand this file to more than ${limit.toLocaleString('en-US')} values (a YAML "billion laughs"?); Berth does not check it further.`;
    if (worst) this.report(worst, 'yaml-alias-limit', message);
    else this.report(root as Node, 'yaml-alias-limit', message);
    return false;
  }

  private size(node: unknown, depth: number): number {
    this.lastHeight = 0;
    if (this.fatal || node === null || typeof node !== 'object') return 0;
    if (isPair(node)) {
      const size = this.size(node.key, depth);
      const keyHeight = this.lastHeight;
      const total = size + this.size(node.value, depth);
      this.lastHeight = Math.max(keyHeight, this.lastHeight);
      return total;
    }
    const target = isAlias(node) ? aliasTarget(node, this.doc) : (node as Node);
    if (!target) return 1;
    if (!isMap(target) && !isSeq(target)) return 1;
    if (this.inProgress.has(target)) {
      this.report(node as Node, 'yaml-alias-cycle', `Alias "*${(node as Alias).source}" refers to a value that contains it; compose cannot expand it.`);
      return 0;
    }
    const known = this.sizes.get(target);
    if (known !== undefined) {
      this.lastHeight = this.depths.get(target) ?? 0;
      if (depth + this.lastHeight > COMPOSE_LIMITS.maxDepth) this.tooDeep(node as Node);
      return known;
    }
    if (depth > COMPOSE_LIMITS.maxDepth) {
      this.tooDeep(node as Node);
      return 0;
    }
    if (target.anchor) this.inProgress.add(target);
    let size = 1;
    let deepest = 0;
    const children: unknown[] = isMap(target) ? target.items : isSeq(target) ? target.items : [];
    for (const child of children) {
      // Merged maps add their entries at this level, not one deeper.
      const merge = isPair(child) && isMergeKey(child.key);
      const sources = merge ? this.mergeSources(child.value) : [child];
      for (const source of sources) {
        // Sizes saturate: past the limit the exact number no longer matters.
        size = Math.min(size + this.size(source, merge ? depth : depth + 1), Number.MAX_SAFE_INTEGER);
        deepest = Math.max(deepest, this.lastHeight + (merge ? 0 : 1));
      }
      if (this.fatal) break;
    }
    this.inProgress.delete(target);
    // Only anchored values can be reached twice; remembering the rest would only cost memory.
    if (target.anchor) {
      this.sizes.set(target, size);
      this.depths.set(target, deepest);
    }
    this.lastHeight = deepest;
    return size;
  }

  private mergeSources(value: unknown): unknown[] {
    const target = isAlias(value) ? aliasTarget(value, this.doc) : value;
    return isSeq(target) ? target.items : [value];
  }

  private tooDeep(node: Node): void {
    this.report(node, 'yaml-too-deep', `Values are nested more than ${COMPOSE_LIMITS.maxDepth} levels deep once aliases are expanded; Berth does not check this file further.`);
  }

  private report(node: Node, code: string, message: string, fatal = true): void {
    const [start, end] = nodeSpan(node);
    this.sink.report('error', code, message, start, end);
    if (fatal) this.fatal = true;
  }
}
