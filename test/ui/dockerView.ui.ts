import { randomBytes } from 'node:crypto';
import { createTestContainer, engineSkip, requireEngine } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { openViewContainer, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

/** The event stream brings a container in within a second; this also covers a cold workbench. */
const ROW_TIMEOUT_MS = 30_000;

export const uiTests: UiTest[] = [
  {
    title: 'Docker view shows a container created in the engine',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const name = `berth-ui-${randomBytes(4).toString('hex')}`;
      const container = await createTestContainer(docker, { name });
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        for (const view of ['Images', 'Volumes', 'Networks']) await sideBarPane(page, view);
        const containers = await sideBarPane(page, 'Containers');
        await revealTreeItem(page, containers, name, ROW_TIMEOUT_MS);
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('docker-view.png') });
      } finally {
        await container.remove({ force: true });
      }
    },
  },
];
