import { Document, parseAllDocuments, parseDocument } from 'yaml';
import { ComposeDiagnostic, DiagnosticSink, TextIndex } from './composeDiagnostics';
import { COMPOSE_LIMITS } from './composeLimits';
import { guardComposeDocument } from './composeYamlGuard';

/** One YAML document of a compose file, parsed into nodes that keep their source ranges. */
export interface ParsedComposeFile {
  file?: string;
  text: string;
  doc: Document.Parsed;
  index: TextIndex;
  /** YAML syntax problems; later stages append to their own lists. */
  diagnostics: ComposeDiagnostic[];
  /** False when the document must not be expanded or checked further (its reason is in diagnostics). */
  sound: boolean;
}

// Compose's own YAML tags: handled by the merge step, so the parser's "unresolved tag" warning is noise.
const COMPOSE_TAGS = new Set(['!reset', '!override']);
// Duplicate keys are found by composeYamlGuard in linear time; the library's own check is quadratic.
const YAML_OPTIONS = { merge: true, uniqueKeys: false, prettyErrors: false, strict: true } as const;

/**
 * The documents of a compose file, in order: compose merges several `---` documents like override
 * files. An empty file, and one over the size limit, give one document with nothing in it and an error.
 */
export function parseComposeDocuments(text: string, file?: string): ParsedComposeFile[] {
  const index = new TextIndex(text);
  if (text.length > COMPOSE_LIMITS.maxFileChars) {
    const megabytes = (COMPOSE_LIMITS.maxFileChars / (1024 * 1024)).toFixed(0);
    return [failed(text, index, file, 'file-too-large', `This file is larger than ${megabytes} MB; Berth does not check or deploy compose files this large.`)];
  }
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const parsed = Array.isArray(docs) ? docs.map((doc) => checked(doc, text, index, file)) : [];
  if (parsed.length === 0 || parsed.every((p) => p.sound && (p.doc.contents === null || isEmptyScalar(p.doc.contents)))) {
    return [failed(text, index, file, 'empty-file', 'The compose file is empty; compose refuses an empty compose file.')];
  }
  return parsed;
}

/** The first document of a compose text; for tests and callers that know there is only one. */
export function parseComposeText(text: string, file?: string): ParsedComposeFile {
  return parseComposeDocuments(text, file)[0];
}

function checked(doc: Document.Parsed, text: string, index: TextIndex, file: string | undefined): ParsedComposeFile {
  const sink = new DiagnosticSink(index, file);
  for (const error of doc.errors) {
    const [start, end] = locateError(error.code, error.message, error.pos, text);
    // The parser gives up on very deep nesting with the engine's own "call stack" message.
    if (error.code === 'RESOURCE_EXHAUSTION') sink.report('error', 'yaml-too-deep', 'Values are nested too deeply to read; Berth does not check this file further.', start, end);
    else sink.report('error', 'yaml-syntax', error.message, start, end);
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.has(tagOf(warning.message))) continue;
    const [start, end] = widen(warning.pos, text);
    sink.report('warning', 'yaml-syntax', warning.message, start, end);
  }
  // A document with syntax errors parses into guesswork: check nothing more in it.
  const sound = doc.errors.length === 0 && guardComposeDocument(doc, sink);
  return { file, text, doc, index, diagnostics: sink.diagnostics, sound: sound && !sink.diagnostics.some((d) => d.severity === 'error') };
}

function failed(text: string, index: TextIndex, file: string | undefined, code: string, message: string): ParsedComposeFile {
  const sink = new DiagnosticSink(index, file);
  const lineEnd = text.indexOf('\n');
  sink.report('error', code, message, 0, Math.min(lineEnd < 0 ? text.length : lineEnd, 200));
  return { file, text, doc: parseDocument('', YAML_OPTIONS), index, diagnostics: sink.diagnostics, sound: false };
}

function isEmptyScalar(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null;
}

function tagOf(message: string): string {
  const match = /(![\w-]+)/.exec(message);
  return match ? match[1] : '';
}

function locateError(code: string, message: string, pos: [number, number], text: string): [number, number] {
  if (code === 'DUPLICATE_KEY') return keyAt(text, pos[0]);
  // An unclosed quote is reported where the text ends; the quote that opened it is what to fix.
  if (code === 'MISSING_CHAR' && /quote/i.test(message)) {
    const quote = message.includes('"') ? '"' : "'";
    const open = text.lastIndexOf(quote, pos[0] - 1);
    if (open >= 0) {
      const lineEnd = text.indexOf('\n', open);
      return [open, lineEnd < 0 ? text.length : lineEnd];
    }
  }
  return widen(pos, text);
}

// The parser marks only where a duplicate key starts; cover the whole key.
function keyAt(text: string, start: number): [number, number] {
  const match = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s:#,[\]{}][^:\n]*?(?=\s*:))/.exec(text.slice(start));
  return [start, start + (match ? match[0].length : 1)];
}

// A zero-width range is invisible in an editor: cover the token at (or just after) the position.
function widen(pos: [number, number], text: string): [number, number] {
  const [start, end] = pos;
  if (text.slice(start, end).trim() !== '') return [start, end];
  const token = /^[ \t]*([^\s]+)/.exec(text.slice(start));
  if (!token) return [start, end];
  const tokenStart = start + token[0].length - token[1].length;
  return [tokenStart, tokenStart + token[1].length];
}
