import { isMap, isPair, isScalar, isSeq, Node, Scalar } from 'yaml';
import { ComposeDiagnostic, DiagnosticSink } from './composeDiagnostics';
import { ParsedComposeFile } from './composeParse';
import { hasTemplate, substituteTemplate, TemplateIssue, VariableLookup } from './composeTemplate';
import { isMergeKey, keyText, nodeSpan, resolveNode } from './composeYaml';

type Cast = 'bool' | 'int' | 'float';

// Compose converts strings at these fields to their schema type, so `replicas: ${N}` is a number.
const CASTS: [string, Cast][] = [
  ['services.*.privileged', 'bool'],
  ['services.*.tty', 'bool'],
  ['services.*.stdin_open', 'bool'],
  ['services.*.init', 'bool'],
  ['services.*.read_only', 'bool'],
  ['services.*.oom_kill_disable', 'bool'],
  ['services.*.healthcheck.disable', 'bool'],
  ['services.*.healthcheck.retries', 'int'],
  ['services.*.depends_on.*.required', 'bool'],
  ['services.*.depends_on.*.restart', 'bool'],
  ['services.*.volumes.*.read_only', 'bool'],
  ['services.*.volumes.*.volume.nocopy', 'bool'],
  ['services.*.ports.*.target', 'int'],
  ['services.*.configs.*.mode', 'int'],
  ['services.*.secrets.*.mode', 'int'],
  ['services.*.deploy.replicas', 'int'],
  ['services.*.deploy.update_config.parallelism', 'int'],
  ['services.*.deploy.update_config.max_failure_ratio', 'float'],
  ['services.*.deploy.rollback_config.parallelism', 'int'],
  ['services.*.deploy.rollback_config.max_failure_ratio', 'float'],
  ['services.*.deploy.restart_policy.max_attempts', 'int'],
  ['services.*.deploy.placement.max_replicas_per_node', 'int'],
  ['services.*.scale', 'int'],
  ['services.*.cpus', 'float'],
  ['services.*.cpu_count', 'int'],
  ['services.*.cpu_percent', 'float'],
  ['services.*.cpu_period', 'int'],
  ['services.*.cpu_quota', 'int'],
  ['services.*.cpu_rt_period', 'int'],
  ['services.*.cpu_rt_runtime', 'int'],
  ['services.*.cpu_shares', 'int'],
  ['services.*.oom_score_adj', 'int'],
  ['services.*.pids_limit', 'int'],
  ['services.*.ulimits.*', 'int'],
  ['services.*.ulimits.*.hard', 'int'],
  ['services.*.ulimits.*.soft', 'int'],
  ['services.*.env_file.*.required', 'bool'],
  ['networks.*.external', 'bool'],
  ['networks.*.internal', 'bool'],
  ['networks.*.attachable', 'bool'],
  ['networks.*.enable_ipv4', 'bool'],
  ['networks.*.enable_ipv6', 'bool'],
  ['volumes.*.external', 'bool'],
  ['secrets.*.external', 'bool'],
  ['configs.*.external', 'bool'],
];

interface Walk {
  parsed: ParsedComposeFile;
  lookup: VariableLookup;
  sink: DiagnosticSink;
  /** Scalars already substituted: anchored values are shared by their aliases. */
  substituted: Set<Node>;
}

/**
 * Substitutes variables in every string value of the document in place (keys are left alone, as in
 * compose) and reports unset and required variables at the exact `${...}` in the source. Values are
 * visited where they are used, through aliases and merge keys, so an anchored `${R:-3}` merged into a
 * healthcheck becomes a number there. Only documents composeYamlGuard accepted come here, which
 * bounds that expansion.
 */
export function interpolateComposeFile(parsed: ParsedComposeFile, lookup: VariableLookup): ComposeDiagnostic[] {
  const state: Walk = { parsed, lookup, sink: new DiagnosticSink(parsed.index, parsed.file), substituted: new Set() };
  walk(parsed.doc.contents, [], state);
  return state.sink.diagnostics;
}

function walk(raw: unknown, path: string[], state: Walk): void {
  const node = resolveNode(raw, state.parsed.doc);
  if (node === null) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        const source = resolveNode(pair.value, state.parsed.doc);
        for (const item of isSeq(source) ? source.items : [source]) walk(item, path, state);
      } else {
        walk(pair.value, [...path, keyText(pair.key) ?? '?'], state);
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, String(i)], state));
  } else if (isScalar(node) && typeof node.value === 'string') {
    if (!state.substituted.has(node)) {
      state.substituted.add(node);
      if (hasTemplate(node.value)) substituteScalar(node, state.parsed, state.lookup, state.sink);
    }
    // As in compose, strings at typed fields become numbers or booleans, with or without variables.
    const cast = castFor(path);
    if (cast && typeof node.value === 'string') {
      const original = node.value;
      node.value = convert(original, cast);
      if (typeof node.value === 'boolean' && /^(y|yes|on|n|no|off)$/i.test(original.trim())) {
        const [start, end] = nodeSpan(node);
        state.sink.report('warning', 'yaml11-boolean', `"${original}" is read as ${String(node.value)}; YAML 1.2 has no such boolean, write ${String(node.value)}.`, start, end);
      }
    }
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

// Patterns by their last key, so each value costs one map lookup instead of a scan of every pattern.
const CASTS_BY_LAST = new Map<string, [string[], Cast][]>();
for (const [pattern, cast] of CASTS) {
  const parts = pattern.split('.');
  const last = parts[parts.length - 1];
  CASTS_BY_LAST.set(last, [...(CASTS_BY_LAST.get(last) ?? []), [parts, cast]]);
}

function castFor(path: string[]): Cast | undefined {
  const candidates = [...(CASTS_BY_LAST.get(path[path.length - 1]) ?? []), ...(CASTS_BY_LAST.get('*') ?? [])];
  for (const [parts, cast] of candidates) {
    if (parts.length === path.length && parts.every((part, i) => part === '*' || part === path[i])) return cast;
  }
  return undefined;
}

function convert(value: string, cast: Cast): string | number | boolean {
  const trimmed = value.trim();
  if (cast === 'bool') {
    // Compose also takes YAML 1.1's yes/no/on/off here, with a warning.
    if (/^(true|1|t|y|yes|on)$/i.test(trimmed)) return true;
    if (/^(false|0|f|n|no|off)$/i.test(trimmed)) return false;
    return value;
  }
  if (cast === 'int') return /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : value;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : value;
}
