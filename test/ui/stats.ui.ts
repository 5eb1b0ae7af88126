import { randomBytes } from 'node:crypto';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { createTestContainer, engineSkip, requireEngine } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { chooseFromContextMenu, openViewContainer, revealTreeItem, sideBarPane, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 60_000;
/** berth.stats.intervalSeconds as the tests leave it (the default). */
const STATS_INTERVAL_MS = 5_000;
const HIDDEN_FOR_MS = 16_000;
/** Shown in the panel's header (the compose project): must appear as text, never as markup. */
const HOSTILE_LABEL = 'xss-<img src=x onerror=alert(1)>';


/** code-server nests a webview's page two iframes deep: the webview host, then the active frame. The newest webview is last. */
function statsFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().frameLocator('iframe#active-frame');
}

async function pointsOf(body: Locator): Promise<number> {
  return Number((await body.getAttribute('data-points')) ?? '0');
}

async function waitForPoints(body: Locator, atLeast: number, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while ((await pointsOf(body)) < atLeast) {
    if (Date.now() > deadline) throw new Error(`${what}: the charts show ${await pointsOf(body)} data points, expected at least ${atLeast}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const uiTests: UiTest[] = [
  {
    title: 'Show Stats draws the charts of a busy container; engine strings show as text',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const name = `berth-ui-stats-${randomBytes(4).toString('hex')}`;
      const container = await createTestContainer(docker, {
        name,
        Cmd: ['sh', '-c', 'while :; do :; done'],
        HostConfig: { Memory: 128 * 1024 * 1024 },
        Labels: { 'com.docker.compose.project': HOSTILE_LABEL, 'com.docker.compose.service': 'loop' },
      });
      try {
        const page = await context.openWorkbench();
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        });
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        const pane = await sideBarPane(page, 'Containers');
        const row = await revealTreeItem(page, pane, name, TIMEOUT_MS);
        await chooseFromContextMenu(page, row, 'Show Stats', TIMEOUT_MS);

        const frame = statsFrame(page);
        const body = frame.locator('body');
        await frame.locator('h1.title', { hasText: name }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        const canvases = await frame.locator('.chart canvas').count();
        if (canvases !== 4) throw new Error(`expected 4 charts, found ${canvases}`);
        // Each sample adds a point to every series; wait for several CPU points.
        await waitForPoints(frame.locator('.chart[data-chart="cpu"]'), 3, 'CPU chart');
        await waitForPoints(body, 12, 'all charts');
        const cpuText = await frame.locator('.card[data-value="cpu"] .value').innerText();
        if (!/\d/.test(cpuText)) throw new Error(`the header shows no current CPU value: "${cpuText}"`);

        const subtitle = await frame.locator('.subtitle').innerText();
        if (!subtitle.includes(HOSTILE_LABEL)) throw new Error(`the header does not show the label literally: "${subtitle}"`);
        const injected = await frame.locator('header img').count();
        if (injected !== 0) throw new Error('the label was inserted as markup: the header contains an <img>');
        if (dialogs.length > 0) throw new Error(`a dialog opened: ${dialogs.join(' | ')}`);
        const violations = await body.getAttribute('data-csp-violations');
        if (violations !== '0') throw new Error(`the page hit ${violations} CSP violations (last: ${await body.getAttribute('data-csp-last')})`);

        await page.mouse.move(5, 5);
        await page.screenshot({ path: context.screenshotPath('stats-panel-live.png') });

        await frame.locator('vscode-button[data-range="1h"]').click();
        await frame.locator('body[data-range="1h"]').waitFor({ state: 'attached', timeout: TIMEOUT_MS });
        await waitForPoints(frame.locator('.chart[data-chart="cpu"]'), 2, 'CPU chart over 1 hour');
        await page.screenshot({ path: context.screenshotPath('stats-panel-1h.png') });

        // The overview, from the command palette: the busy container is listed with its CPU.
        await page.keyboard.press('F1');
        await page.keyboard.type('Berth: Show Container Stats Overview');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Container Stats Overview' }).first().click();
        const overview = statsFrame(page);
        const overviewRow = overview.locator('tr[data-container-id]', { hasText: name });
        await overviewRow.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        const deadline = Date.now() + TIMEOUT_MS;
        while (!/\d/.test(await overviewRow.locator('td.num').first().innerText())) {
          if (Date.now() > deadline) throw new Error('the overview shows no CPU value for the busy container');
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        await page.mouse.move(5, 5);
        await page.screenshot({ path: context.screenshotPath('stats-overview.png') });
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    },
  },
  {
    title: 'A stats panel comes back after a window reload with its range, and catches up after being hidden',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const name = `berth-ui-restore-${randomBytes(4).toString('hex')}`;
      const container = await createTestContainer(docker, { name, Cmd: ['sh', '-c', 'while :; do :; done'] });
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        const row = await revealTreeItem(page, await sideBarPane(page, 'Containers'), name, TIMEOUT_MS);
        await chooseFromContextMenu(page, row, 'Show Stats', TIMEOUT_MS);
        let frame = statsFrame(page);
        await frame.locator('h1.title', { hasText: name }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await frame.locator('vscode-button[data-range="1h"]').click();
        await frame.locator('body[data-range="1h"]').waitFor({ state: 'attached', timeout: TIMEOUT_MS });

        // As a user reloads: the command lets the workbench save its state first (a bare browser
        // reload may not). The serializer then brings the panel back.
        await page.keyboard.press('F1');
        await page.keyboard.type('Developer: Reload Window');
        const reloaded = page.waitForEvent('load', { timeout: TIMEOUT_MS });
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().click();
        await reloaded;
        await waitForWorkbench(page);
        frame = statsFrame(page);
        await frame.locator('h1.title', { hasText: name }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await frame.locator('body[data-range="1h"]').waitFor({ state: 'attached', timeout: TIMEOUT_MS });
        await page.mouse.move(5, 5);
        await page.screenshot({ path: context.screenshotPath('stats-panel-restored.png') });

        await frame.locator('vscode-button[data-range="live"]').click();
        const cpu = (): Locator => statsFrame(page).locator('.chart[data-chart="cpu"]');
        await waitForPoints(cpu(), 2, 'CPU chart, live');
        const before = await pointsOf(cpu());

        // Hidden behind another editor, the panel's page is gone; shown again, it must arrive with
        // the samples taken meanwhile in its first message rather than fill in one sample at a time.
        await openViewContainer(page, 'Explorer');
        await page.locator('.part.sidebar .monaco-list-row', { hasText: 'README.md' }).first().dblclick();
        await page.locator('.part.editor .tab.active', { hasText: 'README.md' }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await page.waitForTimeout(HIDDEN_FOR_MS);
        await page.locator('.part.editor .tab', { hasText: `Stats: ${name}` }).first().click();
        await waitForPoints(cpu(), 1, 'CPU chart, shown again');
        const after = await pointsOf(cpu());
        const missed = Math.floor(HIDDEN_FOR_MS / STATS_INTERVAL_MS) - 1;
        if (after < before + missed) {
          throw new Error(`shown again, the CPU chart has ${after} points; it had ${before} when hidden, and ${missed}+ samples were taken meanwhile`);
        }
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    },
  },
  {
    title: 'The memory chart fits the usage of a container without a memory limit, and draws the limit of one with it',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const free = `berth-ui-nolimit-${randomBytes(4).toString('hex')}`;
      const capped = `berth-ui-limit-${randomBytes(4).toString('hex')}`;
      const limit = 64 * 1024 * 1024;
      const containers = [
        await createTestContainer(docker, { name: free, Cmd: ['sleep', '3600'] }),
        await createTestContainer(docker, { name: capped, Cmd: ['sleep', '3600'], HostConfig: { Memory: limit } }),
      ];
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        // From the palette and its container pick: other suites fill the shared engine, and a tree
        // redraw under a context menu would only add flakiness that this test is not about.
        const memoryChart = async (name: string): Promise<Locator> => {
          await page.keyboard.press('F1');
          await page.keyboard.type('Berth: Show Stats');
          await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Berth: Show Stats' }).first().click();
          await page.locator('.quick-input-widget', { hasText: 'Show stats for which container?' }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
          await page.keyboard.type(name);
          await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
          const frame = statsFrame(page);
          await frame.locator('h1.title', { hasText: name }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
          const chart = frame.locator('.chart[data-chart="memory"]');
          await waitForPoints(chart, 2, `memory chart of ${name}`);
          return chart;
        };

        const unlimited = await memoryChart(free);
        await unlimited.and(statsFrame(page).locator('[data-hidden-series="Limit"]')).waitFor({ state: 'attached', timeout: TIMEOUT_MS }).catch(async () => {
          throw new Error(`the memory chart of a container without a limit draws the host's memory as one (hidden: "${await unlimited.getAttribute('data-hidden-series')}")`);
        });
        const top = Number(await unlimited.getAttribute('data-axis-top'));
        if (!(top > 0 && top < 256 * 1024 * 1024)) throw new Error(`the memory axis of an idle busybox reaches ${top} bytes: it is not fitted to the usage`);
        const detail = await statsFrame(page).locator('.card[data-value="memory"]').innerText();
        if (!detail.includes('no limit')) throw new Error(`the memory card does not say there is no limit: "${detail}"`);
        await page.mouse.move(5, 5);
        await page.screenshot({ path: context.screenshotPath('stats-memory-no-limit.png') });

        const limited = await memoryChart(capped);
        await limited.and(statsFrame(page).locator('[data-hidden-series=""]')).waitFor({ state: 'attached', timeout: TIMEOUT_MS }).catch(async () => {
          throw new Error(`the memory chart of a container with a limit hides it (hidden: "${await limited.getAttribute('data-hidden-series')}")`);
        });
        const limitedTop = Number(await limited.getAttribute('data-axis-top'));
        if (limitedTop < limit) throw new Error(`the memory axis stops at ${limitedTop} bytes, below the ${limit}-byte limit it draws`);
        await page.mouse.move(5, 5);
        await page.screenshot({ path: context.screenshotPath('stats-memory-limit.png') });
      } finally {
        await Promise.all(containers.map((c) => c.remove({ force: true }).catch(() => undefined)));
      }
    },
  },
];
