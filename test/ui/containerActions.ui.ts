import { randomBytes } from 'node:crypto';
import { createTestContainer, engineSkip, requireEngine } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { chooseFromContextMenu, openViewContainer, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const ROW_TIMEOUT_MS = 30_000;
const CHANGE_TIMEOUT_MS = 30_000;


export const uiTests: UiTest[] = [
  {
    title: 'Stop from the context menu changes the icon; Remove asks, naming the container',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const name = `berth-ui-stop-${randomBytes(4).toString('hex')}`;
      // Exits on SIGTERM, so Stop completes in about a second.
      const container = await createTestContainer(docker, { name, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'] });
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        const pane = await sideBarPane(page, 'Containers');
        const row = await revealTreeItem(page, pane, name, ROW_TIMEOUT_MS);
        await row.locator('.codicon-vm-running').waitFor({ state: 'visible', timeout: CHANGE_TIMEOUT_MS });

        await chooseFromContextMenu(page, row, 'Stop Container');
        await row.locator('.codicon-vm-outline').waitFor({ state: 'visible', timeout: CHANGE_TIMEOUT_MS });
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('container-stopped.png') });

        await chooseFromContextMenu(page, row, 'Remove Container...');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: CHANGE_TIMEOUT_MS });
        const text = await dialog.innerText();
        if (!text.includes(name)) throw new Error(`the confirmation does not name ${name}: ${text}`);
        await page.screenshot({ path: context.screenshotPath('remove-confirmation.png') });
        await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Remove$/ }).click();
        await pane.getByRole('treeitem').filter({ hasText: name }).waitFor({ state: 'detached', timeout: CHANGE_TIMEOUT_MS });
        const gone = await docker.getContainer(container.id).inspect().then(() => false, () => true);
        if (!gone) throw new Error(`${name} still exists in the engine after Remove`);
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    },
  },
];
