import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { desktopAvailable, runElectronSuite } from './runElectron';
import { ensureCodeServer, startCodeServer, writeUserSettings, type CodeServer } from './support/codeServer';
import { launchChromium, runSuiteInBrowser } from './support/codeServerSuite';
import { testDockerHost } from './support/engineHarness';
import { repoRoot } from './support/paths';
import { formatOutcome, RESULTS_ENV, summaryLine, type TestOutcome } from './support/testRunResults';
import { runUiTests, UI_DOCKER_CONFIG_ENV, type OwnWorkbench, type UiWorkbench } from './support/uiRunner';

// `npm run test:vscode`: the integration suite inside a real extension host (desktop VS Code when
// there is one, code-server otherwise), then the Playwright UI tests against code-server.
//
//   --only=integration | --only=ui     run one phase
//   BERTH_VSCODE_RUNNER=electron|code-server   force where the integration suite runs
//   BERTH_EXTENSION_PATH=dir           the extension under test (default: this repository)
//   BERTH_SKIP_UI=1                    report the UI tests as skipped (no code-server needed)
//   BERTH_TEST_GREP=regexp             only tests whose title matches (integration: mocha grep; UI: the same regexp)

const SUITE_TIMEOUT_MS = Number(process.env.BERTH_SUITE_TIMEOUT_MS ?? 300_000);
const resultsDir = path.join(repoRoot, 'test-results');
const screenshotDir = path.join(resultsDir, 'screenshots');
const logsDir = path.join(resultsDir, 'logs');

type Phase = 'integration' | 'ui';

function phasesFromArgs(args: string[]): Phase[] {
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only === undefined) return ['integration', 'ui'];
  if (only === 'integration' || only === 'ui') return [only];
  throw new Error(`--only takes integration or ui, not ${only}`);
}

function useElectron(): boolean {
  const runner = process.env.BERTH_VSCODE_RUNNER;
  if (runner === 'electron') return true;
  if (runner === 'code-server') return false;
  return desktopAvailable();
}

function prepareWorkspace(tmp: string, name = 'workspace'): string {
  const workspace = path.join(tmp, name);
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'workspace');
  if (fs.existsSync(fixture)) {
    fs.cpSync(fixture, workspace, { recursive: true });
  } else {
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'README.md'), '# Berth test workspace\n\nOpened by the integration and UI tests.\n');
  }
  return workspace;
}

function clearPreviousRun(): void {
  for (const stale of [screenshotDir, logsDir, path.join(resultsDir, 'integration-results.json')]) {
    fs.rmSync(stale, { recursive: true, force: true });
  }
  fs.mkdirSync(screenshotDir, { recursive: true });
}

function saveLogs(tmp: string, userDataDir: string): void {
  fs.mkdirSync(logsDir, { recursive: true });
  // Every server's log (the shared one, Restricted Mode's, and those of tests with a server of their own).
  for (const name of fs.readdirSync(tmp).filter((f) => /^code-server.*\.log$/.test(f)).concat('browser-console.log')) {
    const file = path.join(tmp, name);
    if (fs.existsSync(file)) fs.copyFileSync(file, path.join(logsDir, name));
  }
  // Extension host, remote agent and output channel logs of every window.
  const vscodeLogs = path.join(userDataDir, 'logs');
  if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, path.join(logsDir, 'vscode'), { recursive: true });
  for (const own of fs.readdirSync(tmp).filter((f) => f.endsWith('-user-data') && f !== 'user-data')) {
    const logs = path.join(tmp, own, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(logsDir, `vscode-${own}`), { recursive: true });
  }
}

async function phase(title: string, body: () => Promise<TestOutcome[]>): Promise<TestOutcome[]> {
  console.log(`\n${title}`);
  let outcomes: TestOutcome[];
  try {
    outcomes = await body();
    if (outcomes.length === 0) outcomes = [{ title, state: 'failed', error: 'no tests ran' }];
  } catch (err) {
    outcomes = [{ title, state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }];
  }
  for (const outcome of outcomes) console.log(formatOutcome(outcome));
  return outcomes;
}

async function main(): Promise<number> {
  const phases = phasesFromArgs(process.argv.slice(2));
  const extensionPath = path.resolve(process.env.BERTH_EXTENSION_PATH ?? repoRoot);
  const testsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  clearPreviousRun();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-vscode-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const workspace = prepareWorkspace(tmp);
  const dockerHost = testDockerHost();
  writeUserSettings(userDataDir, dockerHost);
  const resultsFile = path.join(tmp, 'integration-results.json');
  const consoleLog = path.join(tmp, 'browser-console.log');
  // A context store of its own: the Engines tests create and remove Docker contexts there, never in ~/.docker.
  const dockerConfig = path.join(tmp, 'berth-docker-config');
  fs.mkdirSync(dockerConfig, { recursive: true });
  const env: Record<string, string> = { [RESULTS_ENV]: resultsFile, BERTH_TEST_DOCKER_HOST: dockerHost, DOCKER_CONFIG: dockerConfig };
  // The UI tests run in this process: they clean up what the workbench stored there (registry logins).
  process.env[UI_DOCKER_CONFIG_ENV] = dockerConfig;

  let server: CodeServer | undefined;
  let untrustedServer: CodeServer | undefined;
  let browser: Browser | undefined;
  const shutdown = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    await server?.stop();
    server = undefined;
    await untrustedServer?.stop();
    untrustedServer = undefined;
  };
  const onSignal = (): void => {
    void shutdown().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const codeServer = async (): Promise<{ server: CodeServer; browser: Browser }> => {
    ensureCodeServer();
    server ??= await startCodeServer({
      userDataDir,
      extensionsDir,
      folder: workspace,
      logFile: path.join(tmp, 'code-server.log'),
      env: { ...process.env, ...env },
    });
    browser ??= await launchChromium();
    return { server, browser };
  };

  // Workspace Trust is a per-server setting, so Restricted Mode gets a server of its own.
  const untrustedFolder = path.join(tmp, 'untrusted');
  const untrustedUserData = path.join(tmp, 'untrusted-user-data');
  const untrustedWorkbench = async (): Promise<UiWorkbench> => {
    if (!untrustedServer) {
      writeUserSettings(untrustedUserData, dockerHost, true);
      prepareWorkspace(tmp, 'untrusted');
      untrustedServer = await startCodeServer({
        userDataDir: untrustedUserData,
        extensionsDir,
        folder: untrustedFolder,
        logFile: path.join(tmp, 'code-server-untrusted.log'),
        env: { ...process.env, ...env },
        workspaceTrust: true,
      });
    }
    return { url: untrustedServer.workbenchUrl({ folder: untrustedFolder, extensionDevelopmentPath: extensionPath }), folder: untrustedFolder, userDataDir: untrustedUserData };
  };

  // A server, user data folder and workspace of its own, stopped (with its extension hosts) by the runner.
  const ownWorkbench = async (name: string): Promise<OwnWorkbench> => {
    const dir = path.join(tmp, `${name}-user-data`);
    writeUserSettings(dir, dockerHost);
    const folder = prepareWorkspace(tmp, name);
    const own = await startCodeServer({
      userDataDir: dir,
      extensionsDir,
      folder,
      logFile: path.join(tmp, `code-server-${name}.log`),
      env: { ...process.env, ...env },
    });
    return { url: own.workbenchUrl({ folder, extensionDevelopmentPath: extensionPath }), folder, userDataDir: dir, stop: () => own.stop() };
  };

  const outcomes: TestOutcome[] = [];
  try {
    if (phases.includes('integration')) {
      const electron = useElectron();
      outcomes.push(...(await phase(`Integration tests (extension host, ${electron ? 'VS Code desktop' : 'code-server'})`, async () => {
        if (electron) {
          return runElectronSuite({ extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath, workspace, userDataDir, extensionsDir, resultsFile, env });
        }
        const cs = await codeServer();
        return runSuiteInBrowser({
          ...cs,
          workspace,
          extensionDevelopmentPath: extensionPath,
          extensionTestsPath: testsPath,
          resultsFile,
          consoleLog,
          failureScreenshot: path.join(screenshotDir, 'integration-failure.png'),
          timeoutMs: SUITE_TIMEOUT_MS,
        });
      })));
      if (fs.existsSync(resultsFile)) fs.copyFileSync(resultsFile, path.join(resultsDir, 'integration-results.json'));
    }
    if (phases.includes('ui')) {
      outcomes.push(...(await phase('UI tests (Playwright, code-server)', async () => {
        const dir = path.join(repoRoot, 'out', 'test', 'ui');
        if (process.env.BERTH_SKIP_UI === '1') {
          return [{ title: 'UI tests', state: 'skipped', error: 'BERTH_SKIP_UI=1' }];
        }
        const cs = await codeServer();
        return runUiTests(dir, {
          browser: cs.browser,
          workbench: { url: cs.server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: extensionPath }), folder: workspace, userDataDir },
          untrustedWorkbench,
          ownWorkbench,
          screenshotDir,
          consoleLog,
        });
      })));
    }
  } finally {
    await shutdown();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const failed = outcomes.some((o) => o.state === 'failed');
  if (failed) {
    saveLogs(tmp, userDataDir);
    console.log(`\nLogs and screenshots: ${path.relative(process.cwd(), resultsDir) || '.'}/`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`\n${summaryLine(outcomes)}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  },
);
