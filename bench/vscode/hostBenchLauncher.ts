import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureCodeServer, startCodeServer, writeUserSettings, type CodeServer } from '../../test/support/codeServer';
import { launchChromium, runSuiteInBrowser } from '../../test/support/codeServerSuite';
import { repoRoot } from '../../test/support/paths';
import { RESULTS_ENV } from '../../test/support/testRunResults';
import type { BenchContext } from '../benchmark';
import { HOST_BENCH_RESULTS_ENV } from './hostBenchResults';

/**
 * Runs `hostFile` (under out/bench/vscode/) inside a real VS Code extension host (code-server) with
 * Berth loaded and its engine set to `dockerHost`, and returns what that file wrote to its results
 * file. `env` reaches the extension host.
 */
export async function runInExtensionHost<T>(context: BenchContext, hostFile: string, dockerHost: string, env: Record<string, string> = {}): Promise<T> {
  ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-host-'));
  const userDataDir = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'extensions'), { recursive: true });
  writeUserSettings(userDataDir, dockerHost);
  const resultsFile = path.join(tmp, 'results.json');
  const benchFile = path.join(tmp, 'bench.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    context.log(`${path.basename(hostFile)}: starting code-server with Berth; the measurements run in its extension host`);
    server = await startCodeServer({
      userDataDir,
      extensionsDir: path.join(tmp, 'extensions'),
      folder: workspace,
      logFile: path.join(tmp, 'code-server.log'),
      env: { ...process.env, ...env, [RESULTS_ENV]: resultsFile, [HOST_BENCH_RESULTS_ENV]: benchFile, BERTH_TEST_DOCKER_HOST: context.dockerHost },
    });
    browser = await launchChromium();
    const outcomes = await runSuiteInBrowser({
      server,
      browser,
      workspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'bench', 'vscode', hostFile),
      resultsFile,
      consoleLog: path.join(tmp, 'console.log'),
      failureScreenshot: path.join(tmp, 'failure.png'),
      timeoutMs: 900_000,
    });
    const failed = outcomes.find((o) => o.state !== 'passed');
    if (failed) throw new Error(`the extension-host benchmark failed: ${failed.error ?? failed.state}`);
    return JSON.parse(fs.readFileSync(benchFile, 'utf8')) as T;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
