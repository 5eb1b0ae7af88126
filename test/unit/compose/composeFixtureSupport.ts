import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ComposeDiagnostic, ComposeRange } from '../../../src/compose/composeDiagnostics';
import { discoverComposeFiles } from '../../../src/compose/composeFiles';
import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';
import { fixturePath } from '../../support/paths';

/** What a fixture folder's expected.json says about loading its compose files. */
export interface CaseExpectation {
  /** The process environment for the case; the real one is never used. */
  env?: Record<string, string>;
  profiles?: string[];
  projectName?: string;
  /** Compose files relative to the folder; default: what discovery finds. */
  files?: string[];
  /** Every diagnostic, in order; `message` is a substring, `range` is "line:char-line:char" (0-based). */
  diagnostics?: DiagnosticExpectation[];
  /** The normalised model; "${FIXTURE}" stands for the folder, "${FIXTURE_PARENT}" for its parent, "${HOME}" for FIXTURE_HOME. */
  project?: unknown;
}

export interface DiagnosticExpectation {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  range: string;
  /** File name relative to the case folder; default: the first compose file. */
  file?: string;
}

export const FIXTURE_HOME = '/home/tester';

export function caseDirs(...group: string[]): string[] {
  const root = fixturePath('compose', ...group);
  return readdirSync(root)
    .map((name) => path.join(root, name))
    .filter((dir) => statSync(dir).isDirectory())
    .sort();
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function loadCase(dir: string): { loaded: LoadedCompose; expected: CaseExpectation; files: string[] } {
  const expected = readJson<CaseExpectation>(path.join(dir, 'expected.json'));
  const files = expected.files ? expected.files.map((file) => path.join(dir, file)) : discoverComposeFiles(dir)?.files;
  assert.ok(files && files.length > 0, `no compose file in ${dir}`);
  const loaded = loadComposeProject({
    files,
    env: expected.env ?? {},
    homeDir: FIXTURE_HOME,
    profiles: expected.profiles,
    projectName: expected.projectName,
  });
  return { loaded, expected, files };
}

export function formatRange(range: ComposeRange): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function withPlaceholders(value: unknown, dir: string): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replaceAll('${FIXTURE_PARENT}', path.dirname(dir))
      .replaceAll('${FIXTURE}', dir)
      .replaceAll('${HOME}', FIXTURE_HOME),
  );
}

/** The actual diagnostics must be exactly the expected ones, in order. */
export function assertDiagnostics(actual: ComposeDiagnostic[], expected: DiagnosticExpectation[], dir: string, firstFile: string): void {
  const describe = (d: ComposeDiagnostic): string => `${d.severity} ${d.code} ${formatRange(d.range)} ${d.message}`;
  assert.equal(actual.length, expected.length, `diagnostics differ:\n${actual.map(describe).join('\n')}`);
  expected.forEach((want, i) => {
    const got = actual[i];
    const where = `diagnostic ${i} (${describe(got)})`;
    assert.equal(got.severity, want.severity, where);
    assert.equal(got.code, want.code, where);
    assert.ok(got.message.includes(want.message), `${where} should mention "${want.message}"`);
    assert.equal(formatRange(got.range), want.range, where);
    assert.equal(got.file, want.file ? path.join(dir, want.file) : firstFile, where);
  });
}
