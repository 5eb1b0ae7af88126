import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from './paths';

// code-server is a real VS Code (server, remote Node extension host, web workbench), which lets the
// integration suite run on machines without desktop VS Code or a display.

export const CODE_SERVER_ENTRY: string = path.join(
  repoRoot, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js',
);

/** Installs code-server with the project's script when it is not there yet. */
export function ensureCodeServer(): void {
  if (fs.existsSync(CODE_SERVER_ENTRY)) return;
  console.log('code-server is not installed; running scripts/installCodeServer.sh');
  const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'installCodeServer.sh')], { stdio: 'inherit' });
  if (result.status !== 0 || !fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`scripts/installCodeServer.sh failed (exit ${result.status ?? result.signal})`);
  }
}

/**
 * User settings that keep the workbench free of prompts and point Berth at the test engine. With
 * workspaceTrust, the folder opens in Restricted Mode (untrusted) without the startup prompt.
 */
export function writeUserSettings(userDataDir: string, dockerHost: string, workspaceTrust = false): void {
  const settings = {
    'berth.dockerHost': dockerHost,
    'security.workspace.trust.enabled': workspaceTrust,
    'security.workspace.trust.startupPrompt': 'never',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // A sticky parent row lies over the rows below it, where a test clicks.
    'workbench.tree.enableStickyScroll': false,
  };
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface WorkbenchOptions {
  folder: string;
  /** Loads this folder as an extension under development. */
  extensionDevelopmentPath?: string;
  /** Runs this compiled suite (exporting run()) in the extension host. */
  extensionTestsPath?: string;
}

export interface CodeServer {
  readonly port: number;
  readonly logFile: string;
  readonly userDataDir: string;
  /** Set when the server process ended, with a reason. */
  exitReason(): string | undefined;
  workbenchUrl(options: WorkbenchOptions): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  logFile: string;
  /** Passed to the server and so to its extension host (the browser cannot carry environment). */
  env: NodeJS.ProcessEnv;
  /** Leaves Workspace Trust on (it is off by default so the suites run without prompts). */
  workspaceTrust?: boolean;
  startTimeoutMs?: number;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = await freePort();
  // Without --config code-server writes a config file with a password into ~/.config.
  const configFile = path.join(options.userDataDir, 'code-server.yaml');
  fs.mkdirSync(options.userDataDir, { recursive: true });
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      '--config', configFile,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--extensions-dir', options.extensionsDir,
      '--user-data-dir', options.userDataDir,
      options.folder,
    ],
    // Its own process group, so stop() also ends the extension hosts and file watchers it forks.
    { detached: true, stdio: ['ignore', log, log], env: options.env },
  );
  fs.closeSync(log);
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => {
    exitReason = `code-server exited (${signal ?? `code ${code}`})`;
  });
  child.once('error', (err) => {
    exitReason = `code-server failed to start: ${err.message}`;
  });

  const base = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    port,
    logFile: options.logFile,
    userDataDir: options.userDataDir,
    exitReason: () => exitReason,
    workbenchUrl: (wb) => workbenchUrl(base, port, wb),
    stop: () => stopProcessGroup(child),
  };
  try {
    await waitForHealthy(base, () => exitReason, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await server.stop();
    throw new Error(`${(err as Error).message}\n${tail(options.logFile, 20)}`, { cause: err });
  }
  return server;
}

function workbenchUrl(base: string, port: number, options: WorkbenchOptions): string {
  const remote = (abs: string): string => `vscode-remote://127.0.0.1:${port}${path.resolve(abs)}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = [`folder=${encodeURIComponent(options.folder)}`];
  if (payload.length > 0) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${base}/?${query.join('&')}`;
}

async function waitForHealthy(base: string, exited: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reason = exited();
    if (reason) throw new Error(reason);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await delay(250);
  }
  throw new Error(`code-server did not answer on ${base} within ${timeoutMs / 1000}s`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // the group is already gone
    }
  };
  if (!signalGroup('SIGTERM')) return;
  // Extension hosts and watchers can outlive the server briefly; wait until the whole group is gone.
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (!signalGroup(0)) return;
    await delay(100);
  }
  signalGroup('SIGKILL');
}

export function tail(file: string, lines: number): string {
  if (!fs.existsSync(file)) return '';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
