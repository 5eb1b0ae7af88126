import { randomBytes } from 'node:crypto';
import { RegistryClient } from '../../src/registry/registryClient';
import { deleteTag } from '../../src/registry/registryTags';
import { engineSkip, requireEngine, TEST_AUTH_PASSWORD, TEST_AUTH_REGISTRY, TEST_AUTH_USER, TEST_IMAGE } from '../support/engineHarness';
import { forgetRegistryLogin, type UiContext, type UiTest } from '../support/uiRunner';
import { answerInput, chooseFromContextMenu, collapsePanes, logInFromPalette, notification, openViewContainer, revealRegistryTag, revealTreeItem, runFromPalette, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 30_000;

export const uiTests: UiTest[] = [
  {
    title: 'Log in, push an image from the palette, then see its tag with details under Registries',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const id = randomBytes(4).toString('hex');
      const local = `berth-ui-push-${id}:v1`;
      const repository = `berth-test/ui-push-${id}`;
      const target = `${TEST_AUTH_REGISTRY}/${repository}:v1`;
      await docker.getImage(TEST_IMAGE).tag({ repo: `berth-ui-push-${id}`, tag: 'v1' });
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');

        // Log in first: the registry refuses anonymous pushes.
        await logInFromPalette(page, TEST_AUTH_REGISTRY, TEST_AUTH_USER, TEST_AUTH_PASSWORD);

        // The image has no registry in its name, so the push asks where to.
        await runFromPalette(page, 'Berth: Push Image...');
        const pick = page.locator('.quick-input-widget', { hasText: 'Push Image' });
        await pick.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await page.keyboard.type(local);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: local }).first().click();
        await answerInput(page, 'Push to registry/repository:tag', target);
        await notification(page, `Pushed ${target}`);

        await collapsePanes(page, ['Containers', 'Images', 'Volumes', 'Networks']);
        const tagRow = await revealRegistryTag(page, TEST_AUTH_REGISTRY, repository, 'v1');
        const text = await tagRow.innerText();
        if (!/MB/.test(text) || !/ago|just now/.test(text)) throw new Error(`the tag row lacks size or age: ${text}`);
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('registries-pushed-tag.png') });
        // Many repositories push the registry's own row out of view (trees render only what shows).
        const registryRow = await revealTreeItem(page, await sideBarPane(page, 'Registries'), TEST_AUTH_REGISTRY, TIMEOUT_MS);
        if (!(await registryRow.innerText()).includes('logged in')) throw new Error(`the registry row does not say logged in: ${await registryRow.innerText()}`);

        await chooseFromContextMenu(page, registryRow, 'Log Out of Registry');
        await notification(page, `Logged out of ${TEST_AUTH_REGISTRY}`);
      } finally {
        await forgetRegistryLogin(TEST_AUTH_REGISTRY);
        const client = new RegistryClient({ registry: TEST_AUTH_REGISTRY, credentials: { username: TEST_AUTH_USER, password: TEST_AUTH_PASSWORD } });
        await deleteTag(client, repository, 'v1').catch(() => undefined);
        await docker.getImage(target).remove().catch(() => undefined);
        await docker.getImage(local).remove().catch(() => undefined);
      }
    },
  },
  {
    title: 'An unreachable registry shows the reason and Retry under its row',
    async run(context: UiContext): Promise<void> {
      // A loopback port nothing listens on: the connection is refused at once.
      const host = '127.0.0.1:5999';
      const page = await context.openWorkbench();
      await waitForWorkbench(page);
      await openViewContainer(page, 'Docker');
      await runFromPalette(page, 'Berth: Add Registry...');
      await answerInput(page, 'Registry host[:port]', host);
      // The user settings live in this run's own user-data folder; the test still removes what it added.
      await collapsePanes(page, ['Containers', 'Images', 'Volumes', 'Networks']);
      const pane = await sideBarPane(page, 'Registries');
      const registryRow = await revealTreeItem(page, pane, host, TIMEOUT_MS);
      if ((await registryRow.getAttribute('aria-expanded')) !== 'true') await registryRow.click();
      const message = await revealTreeItem(page, pane, 'Unreachable: ECONNREFUSED', TIMEOUT_MS);
      const text = await message.innerText();
      if (!/Retry/.test(text)) throw new Error(`the row does not offer Retry: ${text}`);
      await settleForScreenshot(page);
      await page.screenshot({ path: context.screenshotPath('registries-unreachable.png') });
      // Retry asks again and, the registry still being down, shows the reason again.
      await message.click();
      await revealTreeItem(page, pane, 'Unreachable: ECONNREFUSED', TIMEOUT_MS);
      await chooseFromContextMenu(page, registryRow, 'Remove from the List');
      await pane.getByRole('treeitem').filter({ hasText: host }).first().waitFor({ state: 'detached', timeout: TIMEOUT_MS });
    },
  },
];
