import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { createTestContainer, engineSkip, requireEngine, TEST_LABELS } from '../support/engineHarness';
import type { UiContext, UiTest } from '../support/uiRunner';
import { openViewContainer, revealTreeItem, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const ROW_TIMEOUT_MS = 30_000;

/** Drags the side bar's edge so names and descriptions fit, as a user would. */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/** Drags the sash above a pane's header down, giving the pane above it more room. */
async function growPaneAbove(page: Page, viewName: string, by: number): Promise<void> {
  const header = await page.locator(`.part.sidebar .pane-header[aria-label^="${viewName} "]`).boundingBox();
  if (!header) return;
  const x = header.x + header.width / 2;
  await page.mouse.move(x, header.y - 1);
  await page.mouse.down();
  await page.mouse.move(x, header.y - 1 + by, { steps: 5 });
  await page.mouse.up();
}

/** A small compose project, a stopped standalone container, a volume and a network: what a user's engine looks like. */
async function createScene(docker: Docker, suffix: string): Promise<{ project: string; cleanup(): Promise<void> }> {
  const project = `shop${suffix}`;
  const compose = (service: string, extra: Partial<Docker.ContainerCreateOptions> = {}): Promise<Docker.Container> =>
    createTestContainer(docker, {
      name: `${project}-${service}-1`,
      Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1' },
      ...extra,
    });
  const volume = await docker.createVolume({ Name: `${project}_data`, Labels: TEST_LABELS });
  const network = await docker.createNetwork({ Name: `${project}_default`, Labels: TEST_LABELS });
  const containers = [
    await compose('web', { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } } }),
    await compose('api', { Env: ['API_TOKEN=s3cret', 'LOG_LEVEL=info'] }),
    await compose('db', { HostConfig: { Binds: [`${project}_data:/var/lib/data`] } }),
    await createTestContainer(docker, { name: `migrate${suffix}`, Cmd: ['true'] }),
  ];
  for (const c of containers.slice(0, 3)) await network.connect({ Container: c.id });
  await containers[3].wait();
  return {
    project,
    async cleanup(): Promise<void> {
      await Promise.all(containers.map((c) => c.remove({ force: true }).catch(() => undefined)));
      await network.remove().catch(() => undefined);
      await docker.getVolume(volume.name).remove().catch(() => undefined);
    },
  };
}

export const uiTests: UiTest[] = [
  {
    title: 'Docker sidebar shows a compose project, a stopped container, volumes and networks',
    skip: engineSkip,
    async run(context: UiContext): Promise<void> {
      const docker = await requireEngine();
      const suffix = randomBytes(2).toString('hex');
      const scene = await createScene(docker, suffix);
      try {
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        await widenSideBar(page, 520);
        const containers = await sideBarPane(page, 'Containers');
        await growPaneAbove(page, 'Images', 220);
        await revealTreeItem(page, containers, scene.project, ROW_TIMEOUT_MS);
        await revealTreeItem(page, containers, `migrate${suffix}`, ROW_TIMEOUT_MS);
        await revealTreeItem(page, await sideBarPane(page, 'Volumes'), `${scene.project}_data`, ROW_TIMEOUT_MS);
        await revealTreeItem(page, await sideBarPane(page, 'Networks'), `${scene.project}_default`, ROW_TIMEOUT_MS);
        // Expand the web service to show its details, as someone looking for its port would.
        const web = await revealTreeItem(page, containers, 'web-1', ROW_TIMEOUT_MS);
        await web.click();
        await page.keyboard.press('ArrowRight');
        await revealTreeItem(page, containers, 'Ports', ROW_TIMEOUT_MS);
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('overview.png') });
      } finally {
        await scene.cleanup();
      }
    },
  },
];
