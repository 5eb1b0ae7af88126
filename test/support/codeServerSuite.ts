import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { delay, type CodeServer } from './codeServer';
import { readResults, type TestOutcome } from './testRunResults';

// Runs the extension-host suite through code-server: the workbench only starts an extension host
// (and so the suite) when a browser opens it, so a headless Chromium opens the test URL.

export const CHROMIUM_PATH: string = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH} (install it with scripts/installSystemDeps.sh or set BERTH_CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface BrowserSuiteOptions {
  server: CodeServer;
  browser: Browser;
  workspace: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  resultsFile: string;
  consoleLog: string;
  /** Where to save a screenshot of the workbench when the suite never reports. */
  failureScreenshot: string;
  timeoutMs: number;
}

export async function runSuiteInBrowser(options: BrowserSuiteOptions): Promise<TestOutcome[]> {
  fs.rmSync(options.resultsFile, { force: true });
  const page = await options.browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('console', (message) => fs.appendFileSync(options.consoleLog, `[integration] ${message.type()}: ${message.text()}\n`));
  page.on('pageerror', (error) => fs.appendFileSync(options.consoleLog, `[integration] pageerror: ${error.message}\n`));
  try {
    await page.goto(options.server.workbenchUrl({
      folder: options.workspace,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
    }));
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const results = readResults(options.resultsFile);
      if (results) return results.outcomes;
      const exited = options.server.exitReason();
      if (exited) throw new Error(`${exited} before the integration suite reported`);
      if (page.isClosed()) throw new Error('the workbench page closed before the integration suite reported');
      if (Date.now() > deadline) {
        throw new Error(`the integration suite wrote no results within ${options.timeoutMs / 1000}s (see test-results/logs)`);
      }
      await delay(500);
    }
  } catch (err) {
    await page.screenshot({ path: options.failureScreenshot }).catch(() => undefined);
    throw err;
  } finally {
    await page.close().catch(() => undefined);
  }
}
