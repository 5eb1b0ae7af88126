import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { UiContext, UiTest } from '../support/uiRunner';
import { openViewContainer, settleForScreenshot, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 30_000;

// A compose file can bind-mount the host's root; in an untrusted folder nothing may deploy it.
const COMPOSE = [
  'name: restricted-demo',
  'services:',
  '  web:',
  '    image: berth-test/busybox:latest',
  '    enviroment:',
  '      MODE: demo',
  '    volumes:',
  '      - /:/host',
  '',
].join('\n');

function lens(page: Page, text: string): ReturnType<Page['locator']> {
  return page.locator('.monaco-editor .codelens-decoration', { hasText: text });
}

async function openFromExplorer(page: Page, file: string): Promise<void> {
  await openViewContainer(page, 'Explorer');
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: file }).first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await row.dblclick();
  await page.locator('.part.editor .tab.active', { hasText: file }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
}

export const uiTests: UiTest[] = [
  {
    title: 'In Restricted Mode a compose file gets diagnostics and no Deploy; trusting the folder brings Deploy back',
    untrusted: true,
    async run(context: UiContext): Promise<void> {
      fs.writeFileSync(path.join(context.workspaceFolder, 'compose.yaml'), COMPOSE);
      const page = await context.openWorkbench();
      await waitForWorkbench(page);
      await page.locator('.part.statusbar', { hasText: 'Restricted Mode' })
        .waitFor({ state: 'visible', timeout: TIMEOUT_MS })
        .catch(() => {
          throw new Error('the workbench is not in Restricted Mode: the test would prove nothing');
        });
      await openFromExplorer(page, 'compose.yaml');

      await lens(page, 'Deploy disabled').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      if ((await lens(page, 'Deploy service').count()) > 0) throw new Error('an untrusted compose file offers "Deploy service"');

      // Diagnostics still work: the typo is in the Problems panel.
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.part.panel .markers-panel', { hasText: 'enviroment' }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await settleForScreenshot(page);
      await page.screenshot({ path: context.screenshotPath('restricted-mode-compose.png') });

      // The lens says where to go: it opens the Workspace Trust editor. The editor re-renders its
      // lenses now and then (a new container list redraws them), which can swallow a click, so
      // clicking is retried until the editor shows.
      const trustEditor = page.locator('.workspace-trust-editor');
      const deadline = Date.now() + TIMEOUT_MS;
      while (!(await trustEditor.isVisible())) {
        if (Date.now() > deadline) throw new Error('the "Deploy disabled" lens did not open the Workspace Trust editor');
        await lens(page, 'Deploy disabled').getByRole('button').first().click({ timeout: 5_000 }).catch(() => undefined);
        await trustEditor.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
      }
      await trustEditor.locator('.monaco-button', { hasText: /^Trust/ }).first().click();
      await page.locator('.part.statusbar', { hasText: 'Restricted Mode' }).waitFor({ state: 'hidden', timeout: TIMEOUT_MS });

      await page.locator('.part.editor .tab', { hasText: 'compose.yaml' }).first().click();
      await lens(page, 'Deploy service').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      // The editor redraws its lenses line by line; the top line's turn may come a moment later.
      await lens(page, 'Down').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await lens(page, 'Deploy disabled').waitFor({ state: 'detached', timeout: TIMEOUT_MS }).catch(() => {
        throw new Error('the untrusted notice stayed after the folder was trusted');
      });
    },
  },
];
