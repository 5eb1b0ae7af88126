import * as fs from 'node:fs';
import * as path from 'node:path';

// Shared by the suite runner inside the extension host (which writes) and the launcher (which reads),
// so both sides agree on the file format without anything but Node in common.

export type TestState = 'passed' | 'failed' | 'skipped';

export interface TestOutcome {
  /** Suite path and test title, e.g. "Containers view lists a container". */
  title: string;
  state: TestState;
  /** Failure message (with stack) or skip reason. */
  error?: string;
  durationMs?: number;
}

export interface TestRunResults {
  suite: string;
  outcomes: TestOutcome[];
  finishedAt: string;
}

/** Where the extension host writes integration results when the launcher did not say. */
export const RESULTS_ENV = 'BERTH_TEST_RESULTS';

export function writeResults(file: string, results: TestRunResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole and renamed so the launcher, which polls for the file, never reads half of it.
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, file);
}

export function readResults(file: string): TestRunResults | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as TestRunResults;
  if (!Array.isArray(parsed.outcomes)) throw new Error(`${file} has no outcomes array`);
  return parsed;
}

export function formatOutcome(outcome: TestOutcome): string {
  const mark = outcome.state === 'passed' ? '✔' : outcome.state === 'failed' ? '✖' : '-';
  const suffix = outcome.state === 'skipped' ? ` (skipped${outcome.error ? `: ${outcome.error}` : ''})` : '';
  const lines = [`  ${mark} ${outcome.title}${suffix}`];
  if (outcome.state === 'failed' && outcome.error) {
    lines.push(...outcome.error.split('\n').map((line) => `      ${line}`));
  }
  return lines.join('\n');
}

/** The final line: "N passed, N failed", plus ", N skipped" only when something was skipped. */
export function summaryLine(outcomes: TestOutcome[]): string {
  const count = (state: TestState): number => outcomes.filter((o) => o.state === state).length;
  const skipped = count('skipped');
  return `${count('passed')} passed, ${count('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}
