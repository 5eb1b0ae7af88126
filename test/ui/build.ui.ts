import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { engineSkip, requireEngine, TEST_IMAGE } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { chooseFromContextMenu, openViewContainer, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 120_000;

/** Waits for the quick input whose title contains `title`, types `value` over what it holds, and accepts it. */
async function answer(page: Page, title: string, value?: string): Promise<void> {
  const widget = page.locator('.quick-input-widget', { has: page.locator('.quick-input-title', { hasText: title }) });
  await widget.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const input = widget.locator('.quick-input-box input');
  if (value !== undefined) await input.fill(value);
  await input.press('Enter');
}

export const uiTests: UiTest[] = [
  {
    title: 'Build Image... from the Explorer: prompts, streamed output, the image in the Images view with its layers',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const id = randomBytes(4).toString('hex');
      const folder = path.join(context.workspaceFolder, `build-ui-${id}`);
      const file = `app-${id}.Dockerfile`;
      const tag = `berth-test/build-ui-${id}:latest`;
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(
        path.join(folder, file),
        `FROM ${TEST_IMAGE}\nARG GREETING=hello\nRUN echo "$GREETING" > /greeting.txt\nLABEL berth.test=1\nCMD ["cat", "/greeting.txt"]\n`,
      );
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Explorer');
        const folderRow = page.locator('.part.sidebar .monaco-list-row', { hasText: `build-ui-${id}` }).first();
        await folderRow.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await folderRow.click();
        const fileRow = page.locator('.part.sidebar .monaco-list-row', { hasText: file }).first();
        await fileRow.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await chooseFromContextMenu(page, fileRow, 'Build Image...');

        await answer(page, 'Build Image from', tag);
        await answer(page, 'build argument GREETING', 'hello from the UI test');
        await answer(page, 'options');

        await page.locator('.notification-toast', { hasText: `Built ${tag}` }).waitFor({ state: 'visible', timeout: BUILD_TIMEOUT_MS });
        const inspect = await docker.getImage(tag).inspect();
        if (inspect.Config?.Labels?.['berth.test'] !== '1') throw new Error(`${tag} lacks the test label`);
        const output = page.locator('.part.panel', { hasText: 'Successfully tagged' });
        await output.waitFor({ state: 'visible', timeout: TIMEOUT_MS });

        await openViewContainer(page, 'Docker');
        const pane = await sideBarPane(page, 'Images');
        const row = await revealTreeItem(page, pane, tag, TIMEOUT_MS);
        await row.click();
        const layers = pane.getByRole('treeitem').filter({ hasText: 'Layers' }).first();
        await layers.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await layers.click();
        // The pane is short: the layer rows may be rendered below its fold until scrolled to.
        await revealTreeItem(page, pane, 'RUN echo "$GREETING"', TIMEOUT_MS);
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('build-image.png') });
      } finally {
        await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
