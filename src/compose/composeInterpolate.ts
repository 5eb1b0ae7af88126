import { isMap, isPair, isScalar, isSeq, Node, Scalar } from 'yaml';
import { ComposeDiagnostic, DiagnosticSink } from './composeDiagnostics';
import { ParsedComposeFile } from './composeParse';
import { hasTemplate, substituteTemplate, TemplateIssue, VariableLookup } from './composeTemplate';
import { keyText, nodeSpan } from './composeYaml';

type Cast = 'bool' | 'int' | 'float';

// Compose converts strings at these fields to their schema type, so `replicas: ${N}` is a number.
const CASTS: [string, Cast][] = [
  ['services.*.privileged', 'bool'],
  ['services.*.tty', 'bool'],
  ['services.*.stdin_open', 'bool'],
  ['services.*.init', 'bool'],
  ['services.*.read_only', 'bool'],
  ['services.*.healthcheck.disable', 'bool'],
  ['services.*.healthcheck.retries', 'int'],
  ['services.*.depends_on.*.required', 'bool'],
  ['services.*.depends_on.*.restart', 'bool'],
  ['services.*.volumes.*.read_only', 'bool'],
  ['services.*.ports.*.target', 'int'],
  ['services.*.deploy.replicas', 'int'],
  ['services.*.scale', 'int'],
  ['services.*.cpus', 'float'],
  ['services.*.env_file.*.required', 'bool'],
  ['networks.*.external', 'bool'],
  ['networks.*.internal', 'bool'],
  ['networks.*.attachable', 'bool'],
  ['volumes.*.external', 'bool'],
];

/**
 * Substitutes variables in every string value of the document in place (keys are left alone, as in
 * compose) and reports unset and required variables at the exact `${...}` in the source.
 */
export function interpolateComposeFile(parsed: ParsedComposeFile, lookup: VariableLookup): ComposeDiagnostic[] {
  const sink = new DiagnosticSink(parsed.index, parsed.file);
  walk(parsed.doc.contents, [], parsed, lookup, sink, new Set());
  return sink.diagnostics;
}

function walk(
  node: unknown,
  path: string[],
  parsed: ParsedComposeFile,
  lookup: VariableLookup,
  sink: DiagnosticSink,
  seen: Set<unknown>,
): void {
  // Anchored nodes are shared by their aliases; substitute each once, where it is written.
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      walk(pair.value, [...path, keyText(pair.key) ?? '?'], parsed, lookup, sink, seen);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, String(i)], parsed, lookup, sink, seen));
  } else if (isScalar(node) && typeof node.value === 'string') {
    if (hasTemplate(node.value)) substituteScalar(node, parsed, lookup, sink);
    // As in compose, strings at typed fields become numbers or booleans, with or without variables.
    const cast = castFor(path);
    if (cast && typeof node.value === 'string') node.value = convert(node.value, cast);
  }
}

function substituteScalar(
  node: Scalar,
  parsed: ParsedComposeFile,
  lookup: VariableLookup,
  sink: DiagnosticSink,
): void {
  const original = node.value as string;
  const result = substituteTemplate(original, lookup);
  for (const issue of result.issues) {
    const [start, end] = locate(issue, original, node, parsed.text);
    if (issue.kind === 'unset') sink.report('warning', 'unset-variable', issue.message, start, end);
    else if (issue.kind === 'required') sink.report('error', 'required-variable', issue.message, start, end);
    else sink.report('error', 'invalid-interpolation', issue.message, start, end);
  }
  node.value = result.value;
}

// Maps an offset range of the scalar's value back into the source text. A value that appears verbatim
// in the source is exact; otherwise (escapes, folded lines) the n-th occurrence of the same template
// text is used, and failing that the whole scalar.
function locate(issue: TemplateIssue, value: string, node: Node, text: string): [number, number] {
  const [nodeStart, nodeEnd] = nodeSpan(node);
  const source = text.slice(nodeStart, nodeEnd);
  const verbatim = source.indexOf(value);
  if (verbatim >= 0 && value.length > 0) return [nodeStart + verbatim + issue.start, nodeStart + verbatim + issue.end];
  const raw = value.slice(issue.start, issue.end);
  let nth = 0;
  for (let i = value.indexOf(raw); i >= 0 && i < issue.start; i = value.indexOf(raw, i + 1)) nth++;
  let found = source.indexOf(raw);
  for (let k = 0; k < nth && found >= 0; k++) found = source.indexOf(raw, found + 1);
  if (found < 0) return [nodeStart, nodeEnd];
  return [nodeStart + found, nodeStart + found + raw.length];
}

function castFor(path: string[]): Cast | undefined {
  for (const [pattern, cast] of CASTS) {
    const parts = pattern.split('.');
    if (parts.length === path.length && parts.every((part, i) => part === '*' || part === path[i])) return cast;
  }
  return undefined;
}

function convert(value: string, cast: Cast): string | number | boolean {
  const trimmed = value.trim();
  if (cast === 'bool') {
    if (/^(true|True|TRUE|1|t|T)$/.test(trimmed)) return true;
    if (/^(false|False|FALSE|0|f|F)$/.test(trimmed)) return false;
    return value;
  }
  if (cast === 'int') return /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : value;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : value;
}
