import { randomBytes } from 'node:crypto';
import type { Locator } from 'playwright-core';
import { createTestContainer, dockerCli, engineSkip, requireEngine } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { collapsePanes, openViewContainer, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const ROW_TIMEOUT_MS = 30_000;

const SETUP = [
  'mkdir -p /srv/app/static /srv/app/logs',
  'printf "server {\\n  listen 8080;\\n  root /srv/app/static;\\n}\\n" > /srv/app/site.conf',
  'echo "<h1>hello</h1>" > /srv/app/static/index.html',
  'ln -s site.conf /srv/app/current.conf',
  'ln -s /nowhere /srv/app/broken',
  'trap "exit 0" TERM; while :; do sleep 1; done',
].join('; ');

/** A row by its exact label (so a container named "…files…" cannot match), scrolled into view. */
function childRow(pane: Locator, name: string): Promise<Locator> {
  return revealTreeItem(pane.page(), pane, name, ROW_TIMEOUT_MS, { exact: true });
}

async function expand(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) === 'true') return;
  await row.click();
  for (let i = 0; i < 100 && (await row.getAttribute('aria-expanded')) !== 'true'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

export const uiTests: UiTest[] = [
  {
    title: 'Files: the tree under a container, and a file from it open in the editor',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const name = `berth-ui-web-${randomBytes(4).toString('hex')}`;
      const container = await createTestContainer(docker, { name, Cmd: ['sh', '-c', SETUP] });
      try {
        for (let i = 0; i < 100; i++) {
          if (dockerCli(['exec', container.id, 'ls', '/srv/app']).includes('site.conf')) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        // The other views folded away, so the Containers view has the height for a file tree.
        await collapsePanes(page, ['Images', 'Volumes', 'Networks', 'Registries']);
        const pane = await sideBarPane(page, 'Containers');
        await expand(await revealTreeItem(page, pane, name, ROW_TIMEOUT_MS));
        await expand(await childRow(pane, 'Files'));
        await expand(await childRow(pane, 'srv'));
        await expand(await childRow(pane, 'app'));
        await expand(await childRow(pane, 'static'));
        const file = await childRow(pane, 'site.conf');
        await file.click();
        const editor = page.locator('.editor-instance .view-lines');
        await page.locator('.tabs-container .tab', { hasText: 'site.conf' }).waitFor({ state: 'visible', timeout: ROW_TIMEOUT_MS });
        await editor.filter({ hasText: 'listen 8080' }).waitFor({ state: 'visible', timeout: ROW_TIMEOUT_MS });
        const linkRow = await childRow(pane, 'current.conf');
        const linkText = await linkRow.innerText();
        if (!linkText.includes('→ site.conf')) throw new Error(`the symlink row does not show its target: ${linkText}`);
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('files-tree-and-editor.png') });
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    },
  },
];
