import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { logOut } from '../../src/registry/registryLogin';
import type { TestOutcome } from './testRunResults';

// A small runner for Playwright tests against the code-server workbench. @playwright/test would
// bring its own browser management and reporter; here the launcher owns both and counts results.

export interface UiContext {
  /** The folder the workbench opens; tests may write files into it. */
  readonly workspaceFolder: string;
  /** The workbench's user data folder (shared by every page of one server). */
  readonly userDataDir: string;
  /** A fresh browser page with the workbench (and Berth) loaded, closed after the test. */
  openWorkbench(): Promise<Page>;
  /** Path under test-results/screenshots/ for a screenshot a test wants to keep. */
  screenshotPath(name: string): string;
}

export interface UiTest {
  title: string;
  /** A reason to skip (reported as skipped), or false to run. */
  skip?: () => string | false;
  /** Runs against a workbench whose folder is not trusted (Restricted Mode). */
  untrusted?: boolean;
  /**
   * Runs against a code-server of its own, stopped after the test. A closed page's extension host
   * lives on for minutes (the server's reconnection grace time), so a test that counts extension
   * hosts, like the metrics recorder lease, must not share a server with earlier tests.
   */
  ownServer?: boolean;
  run(context: UiContext): Promise<void>;
}

/** The docker CLI config folder the workbench under test uses (set by the launcher), for clean-up. */
export const UI_DOCKER_CONFIG_ENV = 'BERTH_UI_DOCKER_CONFIG';

/** Logs the workbench out of a registry a test logged in to, whatever became of the test. */
export async function forgetRegistryLogin(server: string): Promise<void> {
  const dir = process.env[UI_DOCKER_CONFIG_ENV];
  if (dir) await logOut(dir, server).catch(() => undefined);
}

export interface UiWorkbench {
  url: string;
  folder: string;
  /** The server's user data folder: its global storage is under User/globalStorage. */
  userDataDir: string;
}

export interface OwnWorkbench extends UiWorkbench {
  stop(): Promise<void>;
}

export interface UiRunOptions {
  browser: Browser;
  workbench: UiWorkbench;
  /** Started on first use: a second server with Workspace Trust on and its own folder. */
  untrustedWorkbench?: () => Promise<UiWorkbench>;
  /** A new server with a new user data folder, for tests marked ownServer. */
  ownWorkbench?: (name: string) => Promise<OwnWorkbench>;
  screenshotDir: string;
  /** Browser console lines go here; they explain most workbench failures. */
  consoleLog: string;
  testTimeoutMs?: number;
  onOutcome?: (outcome: TestOutcome) => void;
}

/** Every `uiTests` array exported by the *.ui.js files in dir, in file order. */
export function loadUiTests(dir: string): { file: string; tests: UiTest[] }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).sort().filter((f) => f.endsWith('.ui.js')).map((f) => {
    const file = path.join(dir, f);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as { uiTests?: UiTest[] };
    if (!Array.isArray(exported.uiTests)) throw new Error(`${file} exports no uiTests array`);
    return { file, tests: exported.uiTests };
  });
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runOne(test: UiTest, options: UiRunOptions): Promise<TestOutcome> {
  const skip = test.skip?.();
  if (skip) return { title: test.title, state: 'skipped', error: skip };
  const pages: Page[] = [];
  const started = Date.now();
  let workbench: UiWorkbench | OwnWorkbench = options.workbench;
  try {
    if (test.untrusted) {
      if (!options.untrustedWorkbench) throw new Error('the runner was given no untrusted workbench');
      workbench = await options.untrustedWorkbench();
    } else if (test.ownServer) {
      if (!options.ownWorkbench) throw new Error('the runner was given no way to start a server of its own');
      workbench = await options.ownWorkbench(slug(test.title).slice(0, 24));
    }
  } catch (err) {
    return { title: test.title, state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  const context: UiContext = {
    workspaceFolder: workbench.folder,
    userDataDir: workbench.userDataDir,
    openWorkbench: async () => {
      const page = await options.browser.newPage({ viewport: { width: 1400, height: 860 } });
      pages.push(page);
      page.on('console', (message) => {
        fs.appendFileSync(options.consoleLog, `[${test.title}] ${message.type()}: ${message.text()}\n`);
      });
      page.on('pageerror', (error) => fs.appendFileSync(options.consoleLog, `[${test.title}] pageerror: ${error.message}\n`));
      await page.goto(workbench.url);
      return page;
    },
    screenshotPath: (name) => {
      fs.mkdirSync(options.screenshotDir, { recursive: true });
      return path.join(options.screenshotDir, name);
    },
  };
  try {
    await withTimeout(test.run(context), options.testTimeoutMs ?? 120_000, test.title);
    return { title: test.title, state: 'passed', durationMs: Date.now() - started };
  } catch (err) {
    for (const [index, page] of pages.entries()) {
      const file = context.screenshotPath(`${slug(test.title)}-failure${index > 0 ? `-${index + 1}` : ''}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
    }
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return { title: test.title, state: 'failed', error, durationMs: Date.now() - started };
  } finally {
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
    if ('stop' in workbench) await workbench.stop();
  }
}

export async function runUiTests(dir: string, options: UiRunOptions): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  const record = (outcome: TestOutcome): void => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  let files: { file: string; tests: UiTest[] }[];
  try {
    files = loadUiTests(dir);
  } catch (err) {
    record({ title: 'UI tests (loading)', state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return outcomes;
  }
  if (files.length === 0) record({ title: 'UI tests', state: 'failed', error: `no *.ui.js files in ${dir}` });
  // BERTH_TEST_GREP narrows a local run to matching titles; the others are left out, not counted.
  const grep = process.env.BERTH_TEST_GREP;
  for (const { tests } of files) {
    const matches = grep ? new RegExp(grep) : undefined;
    for (const test of tests) if (!matches || matches.test(test.title)) record(await runOne(test, options));
  }
  return outcomes;
}
