import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { readResults, type TestOutcome } from './support/testRunResults';

// The desktop path: @vscode/test-electron downloads VS Code into .vscode-test/ and runs the suite in
// its extension host. Needs a display; without one the launcher uses code-server instead.

export interface ElectronSuiteOptions {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  resultsFile: string;
  env: Record<string, string>;
}

/** True when desktop VS Code can run here: a `code` binary on PATH and a display to draw on. */
export function desktopAvailable(): boolean {
  const onPath = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { stdio: 'ignore' }).status === 0;
  const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  return onPath && display;
}

export async function runElectronSuite(options: ElectronSuiteOptions): Promise<TestOutcome[]> {
  let ended: string;
  try {
    const code = await runTests({
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
      extensionTestsEnv: options.env,
      launchArgs: [
        options.workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${options.userDataDir}`,
        `--extensions-dir=${options.extensionsDir}`,
      ],
    });
    ended = `exit ${code}`;
  } catch (err) {
    // runTests rejects when the suite fails; the results file still says which tests did.
    ended = err instanceof Error ? err.message : String(err);
  }
  const results = readResults(options.resultsFile);
  if (results) return results.outcomes;
  return [{ title: 'integration suite (VS Code desktop)', state: 'failed', error: `VS Code ended (${ended}) without writing ${options.resultsFile}` }];
}
