import { Document, parseDocument } from 'yaml';
import { ComposeDiagnostic, DiagnosticSink, TextIndex } from './composeDiagnostics';

/** One compose file parsed into a YAML document whose nodes keep their source ranges. */
export interface ParsedComposeFile {
  file?: string;
  text: string;
  doc: Document.Parsed;
  index: TextIndex;
  /** YAML syntax problems; later stages append to their own lists. */
  diagnostics: ComposeDiagnostic[];
}

// Compose's own YAML tags: handled by the merge step, so the parser's "unresolved tag" warning is noise.
const COMPOSE_TAGS = new Set(['!reset', '!override']);

export function parseComposeText(text: string, file?: string): ParsedComposeFile {
  const index = new TextIndex(text);
  const sink = new DiagnosticSink(index, file);
  // merge: compose files commonly share settings through `<<: *anchor`.
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, strict: true });
  for (const error of doc.errors) {
    const [start, end] = locateError(error.code, error.message, error.pos, text);
    sink.report('error', 'yaml-syntax', error.message, start, end);
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.has(tagOf(warning.message))) continue;
    const [start, end] = widen(warning.pos, text);
    sink.report('warning', 'yaml-syntax', warning.message, start, end);
  }
  return { file, text, doc, index, diagnostics: sink.diagnostics };
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
