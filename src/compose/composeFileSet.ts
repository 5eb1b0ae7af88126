import { isMap } from 'yaml';
import { ComposeDiagnostic, DiagnosticSink, TextIndex } from './composeDiagnostics';
import { interpolateComposeFile } from './composeInterpolate';
import { COMPOSE_LIMITS } from './composeLimits';
import { mergeComposeDocuments } from './composeMerge';
import { PlainMap } from './composeModelValues';
import { parseComposeDocuments, ParsedComposeFile } from './composeParse';
import { VariableLookup } from './composeTemplate';
import { validateComposeFile, ValidateOptions } from './composeValidate';
import { Target } from './composeValidateContext';
import { MapEntry, mapEntries, nodeSpan, yamlToPlain } from './composeYaml';

/** One compose file: its documents (parsed, interpolated, checked) and their merged plain data. */
export interface LoadedComposeFile {
  file: string;
  docs: ParsedComposeFile[];
  /** Plain data of each sound document, in order. */
  plain: { parsed: ParsedComposeFile; data: unknown }[];
}

/**
 * The files of one load: the project's own, and those reached through `extends` and `include`. Each
 * is read, parsed, interpolated and checked once, and reports its problems in itself.
 */
export class ComposeFileSet {
  readonly diagnostics: ComposeDiagnostic[] = [];
  /** Every parsed document, in load order. */
  readonly parsed: ParsedComposeFile[] = [];
  private readonly loaded = new Map<string, LoadedComposeFile | undefined>();
  private linked = 0;

  constructor(
    private readonly readFile: (file: string) => string | undefined,
    private readonly validateOptions: (file: string) => ValidateOptions,
  ) {}

  /** Loads a file once; undefined when it does not exist or too many files were linked. */
  load(file: string, lookup: VariableLookup, linked: boolean): LoadedComposeFile | undefined {
    if (this.loaded.has(file)) return this.loaded.get(file);
    if (linked && ++this.linked > COMPOSE_LIMITS.maxLinkedFiles) return undefined;
    const text = this.readFile(file);
    if (text === undefined) {
      this.loaded.set(file, undefined);
      return undefined;
    }
    const docs = parseComposeDocuments(text, file);
    const result: LoadedComposeFile = { file, docs, plain: [] };
    for (const parsed of docs) {
      this.add(parsed.diagnostics);
      this.parsed.push(parsed);
      if (!parsed.sound) continue;
      this.add(interpolateComposeFile(parsed, lookup));
      this.add(validateComposeFile(parsed, this.validateOptions(file)));
      result.plain.push({ parsed, data: yamlToPlain(parsed.doc.contents, parsed.doc) });
    }
    this.loaded.set(file, result);
    return result;
  }

  /** The merged services of a loaded file, for `extends: { file }`. */
  services(loaded: LoadedComposeFile): PlainMap {
    const merged = mergeComposeDocuments(loaded.plain.map((p) => p.data));
    return (merged.services as PlainMap | undefined) ?? {};
  }

  report(parsed: ParsedComposeFile | undefined, target: Target | undefined, code: string, message: string, file?: string): void {
    if (!parsed) {
      const sink = new DiagnosticSink(new TextIndex(''), file);
      sink.report('error', code, message, 0, 0);
      this.add(sink.diagnostics);
      return;
    }
    const sink = new DiagnosticSink(parsed.index, parsed.file);
    const [start, end] = target === undefined ? [0, 0] : spanOf(target);
    sink.report('error', code, message, start, end);
    this.add(sink.diagnostics);
  }

  // A loop, not push(...list): spreading 100,000 diagnostics overflows the stack.
  add(list: ComposeDiagnostic[]): void {
    for (const d of list) this.diagnostics.push(d);
  }
}

function spanOf(target: Target): [number, number] {
  if ((target as MapEntry).keyNode === undefined) return nodeSpan(target as never);
  const entry = target as MapEntry;
  return entry.value ? nodeSpan(entry.value) : nodeSpan(entry.keyNode);
}

/** An entry along a path of keys in a document, for reporting where a value is written. */
export function entryAt(parsed: ParsedComposeFile | undefined, keys: string[]): MapEntry | undefined {
  if (!parsed) return undefined;
  let node: unknown = parsed.doc.contents;
  let entry: MapEntry | undefined;
  for (const key of keys) {
    if (!isMap(node)) return undefined;
    entry = mapEntries(node, parsed.doc).find((e) => e.key === key);
    if (!entry) return undefined;
    node = entry.value;
  }
  return entry;
}
