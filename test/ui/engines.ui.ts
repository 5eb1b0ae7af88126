import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTestContainer, engineSkip, requireEngine } from '../support/engineHarness';
import { OTHER_ENGINES, requireOtherEngine } from '../support/otherEngines';
import type { UiContext, UiTest } from '../support/uiRunner';
import { openViewContainer, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 30_000;
const certs = path.join(`${process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine'}-tls`, 'certs');

export const uiTests: UiTest[] = [
  {
    title: 'Two engines: Connect Engine from the palette, each engine a node in the Containers view',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const tls = await requireOtherEngine(OTHER_ENGINES.tls);
      const suffix = randomBytes(4).toString('hex');
      const localName = `berth-ui-local-${suffix}`;
      const remoteName = `berth-ui-tls-${suffix}`;
      const local = await createTestContainer(docker, { name: localName });
      const remote = await createTestContainer(tls.docker, { name: remoteName });
      // The engine is offered through the workspace's berth.engines; the file goes when the test ends.
      const settingsDir = path.join(context.workspaceFolder, '.vscode');
      const settingsFile = path.join(settingsDir, 'settings.json');
      const before = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
      const settings = before ? (JSON.parse(before) as Record<string, unknown>) : {};
      fs.mkdirSync(settingsDir, { recursive: true });
      const engine = { name: 'build-server', host: OTHER_ENGINES.tls.host, tlsCa: path.join(certs, 'ca.pem'), tlsCert: path.join(certs, 'cert.pem'), tlsKey: path.join(certs, 'key.pem') };
      fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'berth.engines': [engine] }, null, 2));
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        await page.keyboard.press('F1');
        await page.keyboard.type('Berth: Connect Engine');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Connect Engine' }).first().click();
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'build-server' }).first().click();
        const containers = await sideBarPane(page, 'Containers');
        await revealTreeItem(page, containers, 'build-server', TIMEOUT_MS);
        await revealTreeItem(page, containers, remoteName, TIMEOUT_MS);
        await revealTreeItem(page, containers, localName, TIMEOUT_MS);
        await sideBarPane(page, 'Engines');
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('two-engines.png') });
      } finally {
        if (before === undefined) fs.rmSync(settingsFile, { force: true });
        else fs.writeFileSync(settingsFile, before);
        await local.remove({ force: true });
        await remote.remove({ force: true });
        tls.dispose();
      }
    },
  },
];
