import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import type { EngineClient } from '../../../src/engine/engineClient';
import { ContainerFiles } from '../../../src/files/containerFiles';
import type { FileEntry } from '../../../src/files/fileEntry';
import { FileEngine } from '../../../src/files/fileEngine';
import { FileProblem } from '../../../src/files/fileErrors';
import { SessionLostError } from '../../../src/files/shellSession';
import { ShellSessions } from '../../../src/files/shellSessions';
import { dockerCli, engineSkip, testClient, testDockerHost } from '../../support/engineHarness';
import { proxyFor } from '../../support/socketProxy';
import { engineTestObjects, type TestObjects } from '../../support/testObjects';
import { importNoShellImage, makeFixture } from './filesFixture';
import { waitUntil } from '../../support/polling';

const summary = (list: FileEntry[]): string[] =>
  list.map((e) => `${e.name}|${e.kind}|${e.targetKind ?? ''}|${e.linkTarget ?? ''}|${e.kind === 'directory' ? '' : e.size}|${e.mode.toString(8)}|${e.uid ?? ''}`).sort();

/** The container's processes named `sh` (its main process is busybox's sleep or a script's sh, so counted before and after). */
function shells(container: Docker.Container): number {
  return dockerCli(['top', container.id, '-o', 'pid,comm']).split('\n').filter((line) => /\ssh$/.test(line.trim())).length;
}

describe('files: the browsing shell', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  let client: EngineClient;
  let engine: FileEngine;
  let running: Docker.Container;
  before(async () => {
    ({ docker, objects } = await engineTestObjects());
    client = testClient();
    engine = new FileEngine(client);
    running = await objects.container();
    await makeFixture(running);
  });
  after(async () => objects?.cleanup());

  it('lists what one exec of find and the archive API list: kinds, links and their targets, owners, unicode names', async () => {
    const sessions = new ShellSessions(client);
    try {
      const viaShell = await new ContainerFiles(engine, running.id, { sessions }).list('/fx');
      const viaExec = await new ContainerFiles(engine, running.id).list('/fx');
      assert.deepEqual(summary(viaShell), summary(viaExec));
      assert.ok(viaShell.some((e) => e.name === 'rel' && e.targetKind === 'directory' && e.linkTarget === 'a/b'));
      assert.ok(viaShell.some((e) => e.name === 'dangling' && e.kind === 'symlink' && e.targetKind === undefined));
      assert.equal((await new ContainerFiles(engine, running.id, { sessions }).list('/fx/many')).length, 10_000);
      // Hidden names of every shape; . and .. are not entries.
      dockerCli(['exec', running.id, 'sh', '-c', 'mkdir -p /dots && cd /dots && touch .a .ab ..b ...c plain']);
      const dots = (await new ContainerFiles(engine, running.id, { sessions }).list('/dots')).map((e) => e.name).sort();
      assert.deepEqual(dots, ['...c', '..b', '.a', '.ab', 'plain']);
      await assert.rejects(new ContainerFiles(engine, running.id, { sessions }).list('/fx/a/b/c/deep.txt'), (e) => e instanceof FileProblem && e.code === 'notADirectory');
      await assert.rejects(new ContainerFiles(engine, running.id, { sessions }).list('/fx/nope'), (e) => e instanceof FileProblem && e.code === 'notFound');
    } finally {
      sessions.dispose();
    }
  });

  it('takes hostile folder and file names as names: quotes, $( ), backticks, newlines, a leading dash', async () => {
    // Were any run as shell text, it would leave a file named pwned* in the folder (the listing's working folder).
    const hostile = ["it's", '$(touch pwned)', '`touch pwned2`', 'new\nline', '-rf', '; touch pwned3', '*'];
    const dir = `/hostile/${hostile[0]} $(x) \`y\` -z`;
    const quoted = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    dockerCli(['exec', running.id, 'sh', '-c', `mkdir -p ${quoted(dir)} && cd ${quoted(dir)} && touch ${hostile.map((h) => `./${quoted(h)}`).join(' ')} && ln -s ${quoted(hostile[1])} ./link`]);
    const sessions = new ShellSessions(client);
    try {
      const files = new ContainerFiles(engine, running.id, { sessions });
      const entries = await files.list(dir);
      assert.deepEqual(entries.map((e) => e.name).sort(), [...hostile, 'link'].sort());
      const link = entries.find((e) => e.name === 'link');
      assert.deepEqual([link?.kind, link?.targetKind, link?.linkTarget], ['symlink', 'file', hostile[1]]);
      assert.deepEqual((await files.list(dir)).map((e) => e.name).sort(), [...hostile, 'link'].sort());
    } finally {
      sessions.dispose();
    }
  });

  it('lists a folder whose names overflow one argument list', async () => {
    // 10,000 names of 230 bytes: 2.3 MB of arguments, over Linux's usual 2 MB for one exec.
    dockerCli(['exec', running.id, 'sh', '-c', `mkdir -p /long && cd /long && seq 1 10000 | sed 's/$/-${'x'.repeat(224)}/' | xargs touch`]);
    const sessions = new ShellSessions(client);
    try {
      const entries = await new ContainerFiles(engine, running.id, { sessions }).list('/long');
      assert.equal(entries.length, 10_000);
      assert.ok(entries.every((e) => e.kind === 'file' && e.name.length > 224));
    } finally {
      sessions.dispose();
    }
  });

  it('keeps one shell for many listings, and it exits after a quiet spell and on dispose', async () => {
    const container = await objects.container();
    const before = shells(container);
    const sessions = new ShellSessions(client, 500);
    const files = new ContainerFiles(engine, container.id, { sessions });
    for (const dir of ['/', '/etc', '/bin', '/']) assert.ok((await files.list(dir)).length > 0);
    assert.equal(shells(container), before + 1);
    // Listings at the same moment: one goes to the shell, the others get an exec each rather than wait.
    const [etc, bin, root] = await Promise.all(['/etc', '/bin', '/'].map((dir) => files.list(dir)));
    assert.ok(etc.some((e) => e.name === 'hostname') && bin.some((e) => e.name === 'sh') && root.some((e) => e.name === 'etc'));
    assert.equal(shells(container), before + 1);
    await waitUntil(() => shells(container) === before, 'the idle shell to exit', 5_000);
    await files.list('/etc');
    assert.equal(shells(container), before + 1);
    sessions.dispose();
    await waitUntil(() => shells(container) === before, 'the disposed shell to exit', 5_000);
  });

  it('falls back to the archive API, without hanging, when the container is paused or stopped under an open shell', async () => {
    const container = await objects.container();
    dockerCli(['exec', container.id, 'sh', '-c', 'mkdir -p /p/q && echo still > /p/q/f.txt']);
    const sessions = new ShellSessions(client);
    const files = new ContainerFiles(engine, container.id, { sessions });
    try {
      assert.deepEqual((await files.list('/p/q')).map((e) => e.name), ['f.txt']);
      await container.pause();
      const started = Date.now();
      assert.deepEqual((await files.list('/p/q')).map((e) => e.name), ['f.txt']);
      assert.ok(Date.now() - started < 10_000, `a paused container's listing took ${Date.now() - started} ms`);
      await container.unpause();
      assert.deepEqual((await files.list('/p')).map((e) => e.name), ['q']);
      await container.stop({ t: 1 });
      assert.deepEqual((await files.list('/p/q')).map((e) => e.name), ['f.txt']);
    } finally {
      sessions.dispose();
      await container.unpause().catch(() => undefined);
    }
  });

  it('an engine gone while a shell is open: the listing fails at once with the reason, and lists again once it is back', async () => {
    const proxy = proxyFor(testDockerHost(), 'files');
    await proxy.start();
    const proxied = testClient(`unix://${proxy.path}`);
    const sessions = new ShellSessions(proxied);
    const files = new ContainerFiles(new FileEngine(proxied), running.id, { sessions });
    try {
      assert.ok((await files.list('/etc')).some((e) => e.name === 'hostname'));
      await proxy.stop();
      const started = Date.now();
      await assert.rejects(files.list('/etc'), (e) => e instanceof FileProblem && e.code === 'unavailable');
      assert.ok(Date.now() - started < 5_000, `the failure took ${Date.now() - started} ms`);
      await proxy.start();
      assert.ok((await files.list('/etc')).some((e) => e.name === 'hostname'));
    } finally {
      sessions.dispose();
      await proxy.stop();
    }
  });

  it('remembers a container without a shell and lists it through the archive API', async () => {
    const image = await importNoShellImage(docker, objects);
    const noShell = await objects.container({ Image: image, Cmd: ['/sleep', '3600'] });
    const sessions = new ShellSessions(client);
    try {
      await assert.rejects(sessions.run(noShell.id, 'true'), SessionLostError);
      await assert.rejects(sessions.run(noShell.id, 'true'), /no shell in this container/);
      const names = (await new ContainerFiles(engine, noShell.id, { sessions }).list('/')).map((e) => e.name);
      assert.ok(names.includes('sleep'), names.join(','));
    } finally {
      sessions.dispose();
    }
  });
});
