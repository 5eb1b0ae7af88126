import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';
import { RESULTS_ENV, writeResults, type TestOutcome } from '../support/testRunResults';

// The extensionTestsPath entry: VS Code calls run() inside the real extension host. The launcher
// cannot see this process's output, so every outcome goes to a results file it polls for.

function collectTests(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) collectTests(full, out);
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

async function runMocha(files: string[], outcomes: TestOutcome[]): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const grep = process.env.BERTH_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of files) mocha.addFile(file);
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => {
      outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
    });
    runner.on('fail', (test, err) => {
      outcomes.push({ title: test.fullTitle(), state: 'failed', error: describeError(err), durationMs: test.duration });
    });
    runner.on('pending', (test) => {
      outcomes.push({ title: test.fullTitle(), state: 'skipped', error: process.env.BERTH_SKIP_ENGINE === '1' ? 'BERTH_SKIP_ENGINE=1' : undefined });
    });
  });
}

export async function run(): Promise<void> {
  const resultsFile = process.env[RESULTS_ENV] ?? path.join(repoRoot, 'test-results', 'integration-results.json');
  const outcomes: TestOutcome[] = [];
  try {
    const files = collectTests(__dirname);
    if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
    await runMocha(files, outcomes);
  } catch (err) {
    // A test file that fails to load must fail the run, not vanish from it.
    outcomes.push({ title: 'integration suite setup', state: 'failed', error: describeError(err) });
  }
  writeResults(resultsFile, { suite: 'integration', outcomes, finishedAt: new Date().toISOString() });
  const failed = outcomes.filter((o) => o.state === 'failed').length;
  // Rejecting makes desktop VS Code (test-electron) exit non-zero as well.
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
