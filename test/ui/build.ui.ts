import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { RegistryClient } from '../../src/registry/registryClient';
import { deleteTag } from '../../src/registry/registryTags';
import { engineSkip, requireEngine, TEST_AUTH_PASSWORD, TEST_AUTH_REGISTRY, TEST_AUTH_USER, TEST_IMAGE } from '../support/engineHarness';
import { forgetRegistryLogin, type UiContext, type UiTest } from '../support/uiRunner';
import { answerInput, chooseFromContextMenu, collapsePanes, logInFromPalette, notification, openViewContainer, revealRegistryTag, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 120_000;

/** Right-clicks an Explorer row and tells whether its menu offers `label`; closes the menu. */
async function menuOffers(page: Page, row: ReturnType<Page['locator']>, label: string): Promise<boolean> {
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  await menu.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  // The menu fills in one go; the row for a known item shows with it.
  await menu.locator('.action-item', { hasText: 'Copy Path' }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const offered = (await menu.locator('.action-item', { hasText: label }).count()) > 0;
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  return offered;
}

export const uiTests: UiTest[] = [
  {
    title: 'Build Image... from the Explorer, then Push Image... on it: the image with its layers, then its tag under Registries',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const id = randomBytes(4).toString('hex');
      const folder = path.join(context.workspaceFolder, `build-ui-${id}`);
      const file = `app-${id}.Dockerfile`;
      const tag = `berth-test/build-ui-${id}:latest`;
      const repository = `berth-test/build-ui-${id}`;
      const pushed = `${TEST_AUTH_REGISTRY}/${repository}:v1`;
      fs.mkdirSync(path.join(folder, `ctx-${id}`), { recursive: true });
      fs.mkdirSync(path.join(folder, `plain-${id}`), { recursive: true });
      fs.writeFileSync(path.join(folder, `ctx-${id}`, 'Dockerfile'), `FROM ${TEST_IMAGE}\n`);
      fs.writeFileSync(path.join(folder, `plain-${id}`, 'notes.txt'), 'no Dockerfile here\n');
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
        // On a folder the command builds its Dockerfile, so only folders holding one offer it.
        const withDockerfile = page.locator('.part.sidebar .monaco-list-row', { hasText: `ctx-${id}` }).first();
        const without = page.locator('.part.sidebar .monaco-list-row', { hasText: `plain-${id}` }).first();
        // Berth looks for the workspace's Dockerfiles once it has started: ask again until it has.
        const deadline = Date.now() + TIMEOUT_MS;
        while (!(await menuOffers(page, withDockerfile, 'Build Image...'))) {
          if (Date.now() > deadline) throw new Error('a folder holding a Dockerfile does not offer Build Image...');
          await page.waitForTimeout(1_000);
        }
        if (await menuOffers(page, without, 'Build Image...')) throw new Error('a folder without a Dockerfile offers Build Image...');
        // The last right-click leaves a path hover over the rows below it.
        await page.mouse.move(900, 700);
        await page.locator('.workbench-hover-container').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
        await chooseFromContextMenu(page, fileRow, 'Build Image...');

        await answerInput(page, 'Build Image from', tag);
        await answerInput(page, 'build argument GREETING', 'hello from the UI test');
        await answerInput(page, 'options');

        await page.locator('.notification-toast', { hasText: `Built ${tag}` }).waitFor({ state: 'visible', timeout: BUILD_TIMEOUT_MS });
        const inspect = await docker.getImage(tag).inspect();
        if (inspect.Config?.Labels?.['berth.test'] !== '1') throw new Error(`${tag} lacks the test label`);
        const output = page.locator('.part.panel', { hasText: 'Successfully tagged' });
        await output.waitFor({ state: 'visible', timeout: TIMEOUT_MS });

        await openViewContainer(page, 'Docker');
        const pane = await sideBarPane(page, 'Images');
        await collapsePanes(page, ['Containers', 'Volumes', 'Networks']);
        const row = await revealTreeItem(page, pane, tag, TIMEOUT_MS);
        await row.click();
        const layers = pane.getByRole('treeitem').filter({ hasText: 'Layers' }).first();
        await layers.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await layers.click();
        // The pane is short: the layer rows may be rendered below its fold until scrolled to.
        await revealTreeItem(page, pane, 'RUN echo "$GREETING"', TIMEOUT_MS);
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('build-image.png') });

        // Ship it: log in to the authenticated registry, push the image from its row (it has no
        // registry in its name, so the push asks where to), and find the tag under Registries.
        await logInFromPalette(page, TEST_AUTH_REGISTRY, TEST_AUTH_USER, TEST_AUTH_PASSWORD);
        // The Registries view now has a row and the Images pane less room: scroll the image back into
        // view and fold its details away before opening its menu.
        const imageRow = await revealTreeItem(page, pane, tag, TIMEOUT_MS);
        if ((await imageRow.getAttribute('aria-expanded')) === 'true') await imageRow.click();
        await chooseFromContextMenu(page, await revealTreeItem(page, pane, tag, TIMEOUT_MS), 'Push Image...');
        await answerInput(page, 'Push to registry/repository:tag', pushed);
        await notification(page, `Pushed ${pushed}`);

        await collapsePanes(page, ['Images']);
        await revealRegistryTag(page, TEST_AUTH_REGISTRY, repository, 'v1');
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('build-push-registry.png') });
        const registryRow = await revealTreeItem(page, await sideBarPane(page, 'Registries'), TEST_AUTH_REGISTRY, TIMEOUT_MS);
        await chooseFromContextMenu(page, registryRow, 'Log Out of Registry');
        await notification(page, `Logged out of ${TEST_AUTH_REGISTRY}`);
      } finally {
        await forgetRegistryLogin(TEST_AUTH_REGISTRY);
        const registry = new RegistryClient({ registry: TEST_AUTH_REGISTRY, credentials: { username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD } });
        await deleteTag(registry, repository, 'v1').catch(() => undefined);
        await docker.getImage(pushed).remove({ force: true }).catch(() => undefined);
        await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];
