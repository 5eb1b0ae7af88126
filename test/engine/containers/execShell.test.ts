import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { detectShell, exitCodeOfExec, startShell, type ShellSession } from '../../../src/containers/execShell';
import { engineSkip, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

function waitForOutput(session: ShellSession, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(text)}`)), 10_000);
    session.onData((chunk) => {
      text += chunk;
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
  });
}

describe('exec shell', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  let containerId: string;
  before(async () => {
    ({ docker, objects } = await engineTestObjects());
    containerId = (await objects.container()).id;
  });
  after(async () => objects?.cleanup());

  it('finds /bin/sh in busybox, which has no bash', async () => {
    assert.equal(await detectShell(client, containerId), '/bin/sh');
  });

  it('finds /bin/bash when the container has one', async () => {
    const { id } = await objects.container();
    const exec = await docker.getContainer(id).exec({
      Cmd: ['sh', '-c', 'printf "#!/bin/sh\\nexec /bin/sh \\"\\$@\\"\\n" > /bin/bash && chmod +x /bin/bash'],
    });
    const output = (await exec.start({ hijack: true, stdin: false })) as NodeJS.ReadableStream & { destroy(): void };
    for await (const chunk of output) void chunk;
    output.destroy();
    assert.equal(await exitCodeOfExec(client, exec.id), 0);
    assert.equal(await detectShell(client, id), '/bin/bash');
  });

  it("says why when the container is not running, in the engine's words", async () => {
    const { id } = await objects.container({ start: false });
    await assert.rejects(detectShell(client, id), /is not running/);
  });

  it('runs a command through a TTY session, resizes it and reports the exit code', async () => {
    const session = await startShell(client, containerId, '/bin/sh', { cols: 100, rows: 30 });
    try {
      const sized = waitForOutput(session, /size=30 100/, 'the initial size');
      session.write('echo "size=$(stty size)"\n');
      await sized;
      await session.resize(132, 43);
      const resized = waitForOutput(session, /size=43 132/, 'the new size');
      session.write('echo "size=$(stty size)"\n');
      await resized;
      const echoed = waitForOutput(session, /hello-from-berth/, 'the echo');
      session.write('echo hello-from-$((1+0))berth | tr -d 1\n');
      assert.match(await echoed, /hello-from-berth/);
      session.write('exit 7\n');
      assert.equal(await session.exited, 7);
    } finally {
      session.close();
    }
  });

  it('ends the shell process when the session is closed', async () => {
    const shells = async (): Promise<number> => {
      const top = (await docker.getContainer(containerId).top({ ps_args: '-o pid,args' })) as { Processes?: string[][] };
      return (top.Processes ?? []).filter((p) => p[p.length - 1] === '/bin/sh').length;
    };
    const session = await startShell(client, containerId, '/bin/sh', { cols: 80, rows: 24 });
    assert.equal(await shells(), 1, 'the session runs a /bin/sh');
    session.close();
    await session.exited;
    let remaining = await shells();
    for (let i = 0; i < 100 && remaining > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      remaining = await shells();
    }
    assert.equal(remaining, 0);
  });
});
