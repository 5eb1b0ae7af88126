import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import type { FrameLocator, Page } from 'playwright-core';
import { MetricsHistory } from '../../src/stats/history/metricsHistory';
import { createTestContainer, engineSkip, requireEngine } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { WASM_PATH } from '../unit/stats/history/historySupport';
import { openViewContainer, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 60_000;
/** berth.stats.intervalSeconds as the tests leave it (the default). */
const INTERVAL_MS = 5_000;
const RECORD_FOR_MS = 60_000;

function statsFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().frameLocator('iframe#active-frame');
}

// Both windows of one code-server share its user data folder, and so Berth's global storage.
function historyFile(context: UiContext): string {
  const file = path.join(context.userDataDir, 'User', 'globalStorage', 'berth.berth', 'metrics.sqlite');
  if (!existsSync(path.dirname(file))) throw new Error(`Berth's global storage is not at ${path.dirname(file)}`);
  return file;
}

async function openOverview(page: Page): Promise<string> {
  await page.keyboard.press('F1');
  await page.keyboard.type('Berth: Show Container Stats Overview');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Container Stats Overview' }).first().click();
  const caption = statsFrame(page).locator('caption.recorded-by');
  await caption.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  return caption.innerText();
}

export const uiTests: UiTest[] = [
  {
    title: 'Two windows on one global storage: one records, one sample per container per interval, the overview names the recorder',
    skip: engineSkip,
    // Earlier tests' extension hosts outlive their pages and would hold the recorder lease.
    ownServer: true,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const engineId = String(((await docker.info()) as { ID: string }).ID);
      const containers: Docker.Container[] = [];
      try {
        for (let i = 0; i < 2; i++) containers.push(await createTestContainer(docker, { Cmd: ['sleep', '3600'] }));
        const first = await context.openWorkbench();
        await waitForWorkbench(first);
        await openViewContainer(first, 'Docker');
        const second = await context.openWorkbench();
        await waitForWorkbench(second);
        await openViewContainer(second, 'Docker');
        const recordingSince = Date.now();
        await new Promise((resolve) => setTimeout(resolve, RECORD_FOR_MS));

        // The file both extension hosts share: every container once per interval, none doubled.
        const { history } = await MetricsHistory.open({ filePath: historyFile(context), wasmPath: WASM_PATH, mode: 'reader' });
        try {
          for (const container of containers) {
            const samples = (await history.query(container.id, recordingSince, Date.now(), engineId)).map((s) => s.timestamp);
            if (samples.length < RECORD_FOR_MS / INTERVAL_MS / 2) throw new Error(`${container.id.slice(0, 12)}: only ${samples.length} samples in a minute`);
            for (let i = 1; i < samples.length; i++) {
              const gap = samples[i] - samples[i - 1];
              if (gap < INTERVAL_MS / 2) throw new Error(`${container.id.slice(0, 12)}: two samples ${gap} ms apart: two windows recorded`);
              if (gap > 1.5 * INTERVAL_MS) throw new Error(`${container.id.slice(0, 12)}: ${gap} ms without a sample`);
            }
          }
        } finally {
          await history.close();
        }

        // Each window's overview says who records: exactly one says "this window".
        const lines = [await openOverview(first), await openOverview(second)];
        const self = lines.filter((line) => line.includes('recorded by this window'));
        const other = lines.filter((line) => /recorded by another window \(.+, pid \d+\)/.test(line));
        if (self.length !== 1 || other.length !== 1) throw new Error(`the overviews say: ${lines.join(' | ')}`);
        const named = lines[0] === other[0] ? first : second;
        await named.mouse.move(5, 5);
        await named.screenshot({ path: context.screenshotPath('stats-overview-recording-window.png') });
      } finally {
        await Promise.all(containers.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
      }
    },
  },
];
