import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { freePort } from '../support/codeServer';
import type { UiContext, UiTest } from '../support/uiRunner';
import { openViewContainer, settleForScreenshot, sideBarPane, waitForWorkbench } from './workbench';

const TIMEOUT_MS = 30_000;

/** A problem Berth can be pointed at, and words of the welcome text that explains it. */
interface Problem {
  kind: string;
  dockerHost: string;
  welcome: string;
}

/**
 * Local stand-ins for broken engines. A plain-text answer makes a TLS client fail its handshake
 * (wrong version number); the same answer over plain TCP is not HTTP, which dockerode cannot parse.
 */
async function listen(onConnection: (socket: net.Socket) => void, sockets: Set<net.Socket>): Promise<net.Server> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

function portOf(server: net.Server): number {
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the stand-in server has no port');
  return address.port;
}

function answerNotDocker(socket: net.Socket): void {
  socket.on('error', () => undefined);
  socket.end('SSH-2.0-not-a-docker-engine\r\n\r\n');
}

function writeDockerHost(folder: string, dockerHost: string): void {
  const dir = path.join(folder, '.vscode');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ 'berth.dockerHost': dockerHost }, null, 2));
}

async function expectWelcome(page: Page, pane: Locator, problem: Problem, screenshot: string): Promise<void> {
  const welcome = pane.locator('.welcome-view-content');
  await welcome.filter({ hasText: problem.welcome }).waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(async () => {
    const shown = (await pane.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    throw new Error(`${problem.kind}: the Containers view did not show its welcome text "${problem.welcome}"; it shows: ${shown || 'nothing'}`);
  });
  for (const label of ['Retry', 'Open Settings']) {
    const button = welcome.locator('.monaco-button', { hasText: label });
    await button.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(() => {
      throw new Error(`${problem.kind}: no "${label}" button in the Containers view`);
    });
  }
  await settleForScreenshot(page);
  await page.screenshot({ path: screenshot });
}

export const uiTests: UiTest[] = [
  {
    title: 'With no engine, every problem kind shows its welcome text with Retry and Open Settings',
    async run(context: UiContext): Promise<void> {
      const sockets = new Set<net.Socket>();
      const notDocker = await listen(answerNotDocker, sockets);
      const settingsFile = path.join(context.workspaceFolder, '.vscode', 'settings.json');
      try {
        const refusedPort = await freePort();
        const problems: Problem[] = [
          { kind: 'socketMissing', dockerHost: `unix://${path.join(context.workspaceFolder, 'no-such-docker.sock')}`, welcome: 'cannot find the Docker socket' },
          { kind: 'connectionRefused', dockerHost: `tcp://127.0.0.1:${refusedPort}`, welcome: 'refused the connection' },
          { kind: 'hostNotFound', dockerHost: 'tcp://berth-no-such-host.invalid:2375', welcome: 'cannot reach the Docker host' },
          { kind: 'tls', dockerHost: `https://127.0.0.1:${portOf(notDocker)}`, welcome: 'TLS handshake with the Docker engine failed' },
          { kind: 'badEndpoint', dockerHost: 'ftp://example.invalid', welcome: 'endpoint setting is not valid' },
          { kind: 'other', dockerHost: `tcp://127.0.0.1:${portOf(notDocker)}`, welcome: 'cannot talk to the Docker engine' },
        ];
        // The workspace value is read at activation, so the first problem is in place before the
        // workbench opens; the others are switched to while it runs, as a user editing settings would.
        writeDockerHost(context.workspaceFolder, problems[0].dockerHost);
        const page = await context.openWorkbench();
        await waitForWorkbench(page);
        await openViewContainer(page, 'Docker');
        const pane = await sideBarPane(page, 'Containers');
        for (const problem of problems) {
          writeDockerHost(context.workspaceFolder, problem.dockerHost);
          await expectWelcome(page, pane, problem, context.screenshotPath(`welcome-${problem.kind}.png`));
        }
        // The other views show the same buttons: the message that used to hide them is gone everywhere.
        for (const view of ['Images', 'Volumes', 'Networks']) {
          const other = await sideBarPane(page, view);
          await other.locator('.welcome-view-content .monaco-button', { hasText: 'Retry' }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(() => {
            throw new Error(`the ${view} view shows no Retry button`);
          });
        }
        await settleForScreenshot(page);
        await page.screenshot({ path: context.screenshotPath('welcome-all-views.png') });
      } finally {
        fs.rmSync(settingsFile, { force: true });
        // Berth retries until the page closes; close() alone would wait for its connections.
        notDocker.close();
        for (const socket of sockets) socket.destroy();
      }
    },
  },
];
