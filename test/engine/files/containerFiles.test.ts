import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { ContainerFiles } from '../../../src/files/containerFiles';
import { FileEngine } from '../../../src/files/fileEngine';
import { FileProblem } from '../../../src/files/fileErrors';
import { dockerCli, engineSkip, testClient } from '../../support/engineHarness';
import { engineTestObjects, type TestObjects } from '../../support/testObjects';
import { importNoShellImage, makeFixture } from './filesFixture';

const problem = (code: string, message?: RegExp) => (err: unknown): boolean => {
  assert.ok(err instanceof FileProblem, `expected a FileProblem, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  if (message) assert.match(err.message, message);
  return true;
};

describe('files in containers', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  let engine: FileEngine;
  let running: Docker.Container;
  before(async () => {
    ({ docker, objects } = await engineTestObjects());
    engine = new FileEngine(testClient());
    running = await objects.container();
    await makeFixture(running);
  });
  after(async () => objects?.cleanup());

  it('lists a running container folder with one exec: kinds, links, unicode and space names', async () => {
    const files = new ContainerFiles(engine, running.id);
    const entries = await files.list('/fx');
    const byName = new Map(entries.map((e) => [e.name, e]));
    assert.deepEqual([...byName.keys()].sort(), ['a', 'abs', 'big.bin', 'dangling', 'many', 'owned.txt', 'rel', 'sp ace ü.txt']);
    assert.equal(byName.get('a')?.kind, 'directory');
    assert.equal(byName.get('big.bin')?.size, 50 * 1024 * 1024);
    assert.deepEqual([byName.get('abs')?.kind, byName.get('abs')?.targetKind, byName.get('abs')?.linkTarget], ['symlink', 'file', '/fx/a/b/c/deep.txt']);
    assert.deepEqual([byName.get('rel')?.targetKind, byName.get('rel')?.linkTarget], ['directory', 'a/b']);
    assert.deepEqual([byName.get('dangling')?.kind, byName.get('dangling')?.targetKind, byName.get('dangling')?.linkTarget], ['symlink', undefined, '/nowhere']);
    assert.deepEqual([byName.get('owned.txt')?.mode, byName.get('owned.txt')?.uid, byName.get('owned.txt')?.gid], [0o640, 1234, 1234]);
  });

  it('lists the same entries through the archive API as through exec', async () => {
    const byExec = await new ContainerFiles(engine, running.id).list('/fx');
    const byArchive = await new ContainerFiles(engine, running.id, { mayExec: false }).list('/fx');
    const summary = (list: typeof byExec): string[] => list.map((e) => `${e.name}|${e.kind}|${e.targetKind ?? ''}|${e.kind === 'directory' ? '' : e.size}|${e.mode.toString(8)}`).sort();
    assert.deepEqual(summary(byArchive), summary(byExec));
  });

  it('lists 10,000 files in one folder', async () => {
    const entries = await new ContainerFiles(engine, running.id).list('/fx/many');
    assert.equal(entries.length, 10_000);
    assert.equal(new Set(entries.map((e) => e.name)).size, 10_000);
    assert.ok(entries.every((e) => e.kind === 'file' && e.size === 0));
  });

  it('reads files, through symlinks too, and a 50 MB file byte for byte', async () => {
    const files = new ContainerFiles(engine, running.id);
    assert.equal(Buffer.from(await files.read('/fx/sp ace ü.txt')).toString('utf8'), 'héllo wörld\n');
    assert.equal(Buffer.from(await files.read('/fx/abs')).toString(), 'nested\n');
    assert.equal(Buffer.from(await files.read('/fx/rel/c/deep.txt')).toString(), 'nested\n');
    const big = await files.read('/fx/big.bin');
    assert.equal(big.length, 50 * 1024 * 1024);
    const expected = dockerCli(['exec', running.id, 'md5sum', '/fx/big.bin']).split(' ')[0];
    assert.equal(createHash('md5').update(big).digest('hex'), expected);
    await assert.rejects(files.read('/fx/dangling'), problem('notFound'));
    await assert.rejects(files.read('/fx/a'), problem('isADirectory'));
  });

  it('stats paths and reports a missing one as not found', async () => {
    const files = new ContainerFiles(engine, running.id);
    const root = await files.stat('/');
    assert.equal(root.kind, 'directory');
    const rel = await files.stat('/fx/rel');
    assert.deepEqual([rel.kind, rel.targetKind], ['symlink', 'directory']);
    await assert.rejects(files.stat('/fx/nope'), problem('notFound'));
    await assert.rejects(files.list('/fx/nope'), problem('notFound'));
    await assert.rejects(files.list('/fx/owned.txt'), problem('notADirectory'));
  });

  it('writes a file keeping its mode and owner, creates files and folders, renames and deletes', async () => {
    const files = new ContainerFiles(engine, running.id);
    await files.write('/fx/owned.txt', Buffer.from('edited\n'), { create: false, overwrite: true });
    assert.equal(dockerCli(['exec', running.id, 'cat', '/fx/owned.txt']), 'edited\n');
    assert.equal(dockerCli(['exec', running.id, 'stat', '-c', '%a %u %g', '/fx/owned.txt']).trim(), '640 1234 1234');
    await files.write('/fx/abs', Buffer.from('through the link\n'), { create: false, overwrite: true });
    assert.equal(dockerCli(['exec', running.id, 'cat', '/fx/a/b/c/deep.txt']), 'through the link\n');
    assert.equal(dockerCli(['exec', running.id, 'stat', '-c', '%F', '/fx/abs']).trim(), 'symbolic link');

    await files.mkdir('/fx/new dir');
    await files.write('/fx/new dir/n.txt', Buffer.from('new'), { create: true, overwrite: false });
    await assert.rejects(files.write('/fx/new dir/n.txt', Buffer.from('x'), { create: true, overwrite: false }), problem('exists'));
    await assert.rejects(files.write('/fx/no/such/x.txt', Buffer.from('x'), { create: true, overwrite: false }), problem('notFound'));
    assert.equal(dockerCli(['exec', running.id, 'stat', '-c', '%a', '/fx/new dir/n.txt']).trim(), '644');
    await files.rename('/fx/new dir/n.txt', '/fx/new dir/m.txt', false);
    assert.equal(dockerCli(['exec', running.id, 'cat', '/fx/new dir/m.txt']), 'new');
    await files.delete('/fx/new dir', true);
    await assert.rejects(files.stat('/fx/new dir'), problem('notFound'));
  });

  it('downloads a folder to the host and uploads host files into a folder', async () => {
    const files = new ContainerFiles(engine, running.id);
    const dest = await mkdtemp(join(tmpdir(), 'berth-files-'));
    try {
      const result = await files.download('/fx/a', dest);
      assert.equal(result.files, 1);
      assert.equal(await readFile(join(dest, 'a/b/c/deep.txt'), 'utf8'), dockerCli(['exec', running.id, 'cat', '/fx/a/b/c/deep.txt']));
      await files.download('/fx/rel', dest);
      assert.equal(await readlink(join(dest, 'rel')), 'a/b');
      await mkdir(join(dest, 'up/inner'), { recursive: true });
      await writeFile(join(dest, 'up/inner/u.txt'), 'uploaded');
      await writeFile(join(dest, 'single.txt'), 'one');
      await files.upload([join(dest, 'up'), join(dest, 'single.txt')], '/fx/a');
      assert.equal(dockerCli(['exec', running.id, 'cat', '/fx/a/up/inner/u.txt']), 'uploaded');
      assert.equal(dockerCli(['exec', running.id, 'cat', '/fx/a/single.txt']), 'one');
      await assert.rejects(files.upload([join(dest, 'single.txt')], '/fx/owned.txt'), problem('notADirectory'));
    } finally {
      await rm(dest, { recursive: true, force: true });
    }
  });

  it('browses, reads and writes a stopped container through the archive API, and refuses to delete there', async () => {
    const stopped = await objects.container();
    await makeFixture(stopped);
    await stopped.stop({ t: 1 });
    const files = new ContainerFiles(engine, stopped.id);
    assert.deepEqual((await files.list('/fx/a/b')).map((e) => `${e.name}:${e.kind}`), ['c:directory']);
    assert.equal((await files.list('/fx/many')).length, 10_000);
    assert.equal(Buffer.from(await files.read('/fx/a/b/c/deep.txt')).toString(), 'nested\n');
    await files.write('/fx/owned.txt', Buffer.from('offline edit\n'), { create: false, overwrite: true });
    assert.equal(Buffer.from(await files.read('/fx/owned.txt')).toString(), 'offline edit\n');
    await assert.rejects(files.delete('/fx/owned.txt', false), problem('noPermissions', /needs a running container/));
  });

  it('lists and reads a paused container through the archive API', async () => {
    const paused = await objects.container();
    dockerCli(['exec', paused.id, 'sh', '-c', 'mkdir -p /p/q && echo still > /p/q/f.txt']);
    await paused.pause();
    try {
      const files = new ContainerFiles(engine, paused.id);
      assert.deepEqual((await files.list('/p/q')).map((e) => e.name), ['f.txt']);
      assert.equal(Buffer.from(await files.read('/p/q/f.txt')).toString(), 'still\n');
    } finally {
      await paused.unpause();
    }
  });

  it('reports the engine reason when the root filesystem is read-only', async () => {
    const readOnly = await objects.container({ HostConfig: { ReadonlyRootfs: true } });
    const files = new ContainerFiles(engine, readOnly.id);
    assert.ok((await files.list('/etc')).some((e) => e.name === 'hostname'));
    await assert.rejects(files.write('/bin/new.txt', Buffer.from('x'), { create: true, overwrite: false }), problem('noPermissions', /read-only/i));
  });

  it('falls back to the archive API in a running container without a shell or find', async () => {
    const image = await importNoShellImage(docker, objects);
    const noShell = await objects.container({ Image: image, Cmd: ['/sleep', '3600'] });
    const files = new ContainerFiles(engine, noShell.id);
    const names = (await files.list('/')).map((e) => e.name);
    assert.ok(names.includes('sleep') && !names.includes('bin'), names.join(','));
    assert.equal((await files.read('/sleep')).length > 100_000, true);
    await files.write('/note.txt', Buffer.from('hi'), { create: true, overwrite: false });
    assert.equal(Buffer.from(await files.read('/note.txt')).toString(), 'hi');
    await assert.rejects(files.delete('/note.txt', false), problem('noPermissions', /needs a running container with rm/));
  });
});
