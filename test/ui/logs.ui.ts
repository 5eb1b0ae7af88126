import { randomBytes } from 'node:crypto';
import { createTestContainer, engineSkip, requireEngine } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { chooseFromContextMenu, openViewContainer, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const ROW_TIMEOUT_MS = 30_000;
const CHANGE_TIMEOUT_MS = 30_000;
const LINES = 12;


export const uiTests: UiTest[] = [
  {
    title: 'Show Logs from the context menu opens the container channel in the Output panel',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const name = `berth-ui-logs-${randomBytes(4).toString('hex')}`;
      const script = `i=1; while [ $i -le ${LINES} ]; do echo "INFO request $i served in $((i * 7)) ms"; i=$((i + 1)); done; echo "WARN cache miss rate high" >&2; sleep 3600`;
      const container = await createTestContainer(docker, { name, Cmd: ['sh', '-c', script] });
      const otherName = `berth-ui-quiet-${randomBytes(4).toString('hex')}`;
      const other = await createTestContainer(docker, { name: otherName, Cmd: ['sleep', '3600'] });
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        const pane = await sideBarPane(page, 'Containers');
        const row = await revealTreeItem(page, pane, name, ROW_TIMEOUT_MS);
        await chooseFromContextMenu(page, row, 'Show Logs');

        const panel = page.locator('.part.panel');
        // The channel picker names the channel; the editor in the panel shows its lines.
        await panel.locator('select.monaco-select-box, .monaco-select-box', { hasText: `${name} (logs)` }).first()
          .waitFor({ state: 'visible', timeout: CHANGE_TIMEOUT_MS })
          .catch(async () => {
            const title = await panel.locator('.monaco-select-box').first().getAttribute('title').catch(() => null);
            if (!title?.includes(name)) throw new Error(`the Output panel does not show the ${name} (logs) channel (picker: ${title ?? 'none'})`);
          });
        const text = panel.locator('.monaco-editor .view-lines');
        await text.filter({ hasText: `INFO request ${LINES} served` }).waitFor({ state: 'visible', timeout: CHANGE_TIMEOUT_MS });
        await text.filter({ hasText: 'WARN cache miss rate high' }).waitFor({ state: 'visible', timeout: CHANGE_TIMEOUT_MS });
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('logs-output-channel.png') });

        // Stop Following Logs is offered on the followed container only.
        const menuOf = async (rowName: string): Promise<string[]> => {
          const target = await revealTreeItem(page, pane, rowName, ROW_TIMEOUT_MS);
          await target.click({ button: 'right' });
          const items = page.locator('.context-view .monaco-menu .action-item');
          await items.first().waitFor({ state: 'visible', timeout: CHANGE_TIMEOUT_MS });
          const labels = (await items.allInnerTexts()).map((t) => t.trim());
          await page.keyboard.press('Escape');
          return labels;
        };
        const followedMenu = await menuOf(name);
        if (!followedMenu.some((l) => l.startsWith('Stop Following Logs'))) throw new Error(`the followed container's menu lacks Stop Following Logs: ${followedMenu.join(' | ')}`);
        const otherMenu = await menuOf(otherName);
        if (!otherMenu.some((l) => l.startsWith('Show Logs'))) throw new Error(`the other container's menu was not read: ${otherMenu.join(' | ')}`);
        if (otherMenu.some((l) => l.startsWith('Stop Following Logs'))) throw new Error('a container whose logs are not followed offers Stop Following Logs');
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
        await other.remove({ force: true }).catch(() => undefined);
      }
    },
  },
];
