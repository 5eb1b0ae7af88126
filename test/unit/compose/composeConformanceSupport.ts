import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';
import { substituteTemplate } from '../../../src/compose/composeTemplate';
import { repoRoot } from '../../support/paths';

/** One entry of the conformance manifest (see the README next to it). */
export interface ConformanceCase {
  id?: string;
  file: string;
  files?: string[];
  source: string;
  kind: 'unit' | 'fixture' | 'merge' | 'merge-want' | 'spec';
  expect: 'valid' | 'invalid' | 'unknown';
  expectMessage?: string;
  want?: string;
  env?: Record<string, string>;
}

export interface InterpolationCase {
  template: string;
  env: Record<string, string>;
  expect?: string;
  expectError?: 'invalid' | 'required';
  expectMessage?: string | null;
  source: string;
}

export type Verdict = { agrees: boolean; detail: string };

/** The shared conformance data: `../shared/compose-conformance` next to the checkout (CI always has it). */
export function conformanceDir(): string {
  return process.env.BERTH_COMPOSE_CONFORMANCE ?? path.resolve(repoRoot, '..', 'shared', 'compose-conformance');
}

export function conformanceAvailable(): boolean {
  return existsSync(path.join(conformanceDir(), 'manifest.json'));
}

export function readConformance<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(conformanceDir(), name), 'utf8')) as T;
}

/** Case name -> why Berth deliberately or temporarily disagrees with the upstream expectation. */
export function readExceptions(): Record<string, string> {
  return JSON.parse(readFileSync(path.join(repoRoot, 'test', 'unit', 'compose', 'conformanceExceptions.json'), 'utf8')) as Record<string, string>;
}

export function caseName(c: ConformanceCase): string {
  return c.id ?? c.file;
}

function load(files: string[], env: Record<string, string> = {}): LoadedCompose {
  return loadComposeProject({ files: files.map((f) => path.join(conformanceDir(), 'cases', f)), env, homeDir: '/home/conformance' });
}

function errorsOf(loaded: LoadedCompose): string[] {
  return loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file ? path.basename(d.file) : ''}:${d.range.start.line + 1}: ${d.message}`);
}

/** Loads a valid/invalid case and says whether Berth agrees with the upstream expectation. */
export function judgeLoad(c: ConformanceCase): Verdict & { errors: string[] } {
  const errors = errorsOf(load(c.files ?? [c.file], c.env));
  if (c.expect === 'valid') return { agrees: errors.length === 0, detail: errors.slice(0, 3).join(' | '), errors };
  return { agrees: errors.length > 0, detail: errors.length > 0 ? errors[0] : `no error; upstream: ${c.expectMessage ?? ''}`, errors };
}

/** Merges a case's files and compares the project model with the one of the expected file. */
export function judgeMerge(c: ConformanceCase, want: ConformanceCase): Verdict {
  const merged = load(c.files ?? [c.file], c.env);
  const expected = load(want.files ?? [want.file], c.env);
  // Upstream's merge tests merge YAML without checking it (a base without an image is fine there), so
  // only the merged model is compared.
  // Mappings (labels, environment) are unordered in compose; lists keep their order.
  const a = canonical({ ...merged.project, configFiles: [] });
  const b = canonical({ ...expected.project, configFiles: [] });
  return { agrees: a === b, detail: a === b ? '' : firstDifference(a, b) };
}

export function judgeInterpolation(c: InterpolationCase): Verdict {
  const result = substituteTemplate(c.template, (name) => c.env[name]);
  const errors = result.issues.filter((issue) => issue.kind !== 'unset');
  if (c.expectError) {
    const match = errors.find((issue) => issue.kind === c.expectError && (!c.expectMessage || issue.message.includes(c.expectMessage)));
    return { agrees: match !== undefined, detail: `got ${JSON.stringify(result.value)} ${errors.map((e) => e.message).join(' | ')}` };
  }
  const agrees = errors.length === 0 && result.value === c.expect;
  return { agrees, detail: `got ${JSON.stringify(result.value)}, want ${JSON.stringify(c.expect)} ${errors.map((e) => e.message).join(' | ')}` };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.keys(item).sort().map((k) => [k, (item as Record<string, unknown>)[k]]))
      : item,
  );
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `merged …${a.slice(Math.max(0, i - 60), i + 60)}… want …${b.slice(Math.max(0, i - 60), i + 60)}…`;
}
