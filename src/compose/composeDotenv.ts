import { substituteTemplate, VariableLookup } from './composeTemplate';

export interface DotenvIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  start: number;
  end: number;
}

export interface DotenvResult {
  values: Record<string, string>;
  issues: DotenvIssue[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };

/**
 * Parses the `.env` format compose reads: `KEY=value`, optional `export ` prefix, `#` comments (inline
 * ones only after whitespace in unquoted values), single quotes literal, double quotes with escapes and
 * line breaks. Unquoted and double-quoted values are interpolated; `lookup` resolves names not defined
 * earlier in the file. A bare `KEY` takes its value from `lookup`, and is skipped when that has none.
 */
export function parseDotenv(text: string, lookup: VariableLookup = () => undefined): DotenvResult {
  const values: Record<string, string> = {};
  const issues: DotenvIssue[] = [];
  const resolve: VariableLookup = (name) => lookup(name) ?? values[name];
  let pos = 0;
  while (pos < text.length) {
    const lineEnd = endOfLine(text, pos);
    let i = skipBlanks(text, pos, lineEnd);
    if (i >= lineEnd || text[i] === '#') {
      pos = lineEnd + 1;
      continue;
    }
    if (text.startsWith('export', i) && /[ \t]/.test(text[i + 6] ?? '')) i = skipBlanks(text, i + 6, lineEnd);
    const key = KEY.exec(text.slice(i, lineEnd));
    if (!key) {
      issues.push({ severity: 'error', code: 'dotenv-syntax', message: 'Expected a variable name.', start: i, end: lineEnd });
      pos = lineEnd + 1;
      continue;
    }
    const name = key[0];
    const keyEnd = i + name.length;
    i = skipBlanks(text, keyEnd, lineEnd);
    if (i >= lineEnd || text[i] === '#') {
      const fromLookup = lookup(name);
      if (fromLookup !== undefined) values[name] = fromLookup;
      pos = lineEnd + 1;
      continue;
    }
    if (text[i] !== '=') {
      issues.push({ severity: 'error', code: 'dotenv-syntax', message: `Expected "=" after "${name}".`, start: i, end: i + 1 });
      pos = lineEnd + 1;
      continue;
    }
    const parsed = parseValue(text, skipBlanks(text, i + 1, lineEnd), lineEnd, issues);
    if (parsed.interpolate) {
      const result = substituteTemplate(parsed.raw, resolve);
      for (const issue of result.issues) {
        const start = parsed.offsets[issue.start] ?? parsed.end;
        const end = issue.end > issue.start ? (parsed.offsets[issue.end - 1] ?? parsed.end - 1) + 1 : start;
        const severity = issue.kind === 'unset' ? 'warning' : 'error';
        issues.push({ severity, code: issueCode(issue.kind), message: issue.message, start, end });
      }
      values[name] = result.value;
    } else {
      values[name] = parsed.raw;
    }
    pos = endOfLine(text, parsed.end) + 1;
  }
  return { values, issues };
}

function issueCode(kind: 'unset' | 'required' | 'invalid'): string {
  if (kind === 'unset') return 'unset-variable';
  return kind === 'required' ? 'required-variable' : 'invalid-interpolation';
}

interface ParsedValue {
  /** The value before interpolation, with escaped dollars written as `$$`. */
  raw: string;
  /** Source offset of each character of `raw`. */
  offsets: number[];
  interpolate: boolean;
  /** Offset just past the value (a closing quote included). */
  end: number;
}

function parseValue(text: string, start: number, lineEnd: number, issues: DotenvIssue[]): ParsedValue {
  const quote = text[start];
  if (quote === "'" || quote === '"') {
    const value = quote === "'" ? singleQuoted(text, start) : doubleQuoted(text, start);
    if (value.end < 0) {
      issues.push({ severity: 'error', code: 'dotenv-syntax', message: `Unterminated ${quote === "'" ? 'single' : 'double'}-quoted value.`, start, end: lineEnd });
      return { raw: value.raw, offsets: value.offsets, interpolate: quote === '"', end: text.length };
    }
    const after = skipBlanks(text, value.end, endOfLine(text, value.end));
    const afterEnd = endOfLine(text, value.end);
    if (after < afterEnd && text[after] !== '#') {
      issues.push({ severity: 'error', code: 'dotenv-syntax', message: 'Unexpected text after the closing quote.', start: after, end: afterEnd });
    }
    return { raw: value.raw, offsets: value.offsets, interpolate: quote === '"', end: value.end };
  }
  let end = lineEnd;
  for (let i = start; i < lineEnd; i++) {
    if (text[i] === '#' && (i === start || /[ \t]/.test(text[i - 1]))) {
      end = i;
      break;
    }
  }
  while (end > start && /[ \t\r]/.test(text[end - 1])) end--;
  const offsets: number[] = [];
  for (let i = start; i < end; i++) offsets.push(i);
  return { raw: text.slice(start, end), offsets, interpolate: true, end: lineEnd };
}

function singleQuoted(text: string, start: number): { raw: string; offsets: number[]; end: number } {
  const close = text.indexOf("'", start + 1);
  const stop = close < 0 ? text.length : close;
  const offsets: number[] = [];
  for (let i = start + 1; i < stop; i++) offsets.push(i);
  // A literal value never goes through interpolation, so its dollars need no escaping.
  return { raw: text.slice(start + 1, stop), offsets, end: close < 0 ? -1 : close + 1 };
}

function doubleQuoted(text: string, start: number): { raw: string; offsets: number[]; end: number } {
  let raw = '';
  const offsets: number[] = [];
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') return { raw, offsets, end: i + 1 };
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next === '$') {
        raw += '$$';
        offsets.push(i, i + 1);
      } else {
        raw += ESCAPES[next] ?? `\\${next}`;
        offsets.push(i);
        if (ESCAPES[next] === undefined) offsets.push(i + 1);
      }
      i++;
      continue;
    }
    raw += ch;
    offsets.push(i);
  }
  return { raw, offsets, end: -1 };
}

function endOfLine(text: string, from: number): number {
  const index = text.indexOf('\n', from);
  return index < 0 ? text.length : index;
}

function skipBlanks(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && /[ \t\r]/.test(text[i])) i++;
  return i;
}
