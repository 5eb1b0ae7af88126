import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createBuildContext } from '../../../src/build/buildContext';
import { BuildContextError } from '../../../src/build/contextWalk';
import { CONTEXT_CASES, describeEntries, readTar, writeContext } from './contextFixtures';

const made: string[] = [];
async function context(...args: Parameters<typeof writeContext>): Promise<string> {
  const root = await writeContext(...args);
  made.push(root);
  return root;
}

after(async () => {
  await Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe('createBuildContext: what goes into the tar', () => {
  for (const testCase of CONTEXT_CASES) {
    it(testCase.name, async () => {
      const root = await context(testCase);
      const built = await createBuildContext(root, { dockerfile: testCase.dockerfile });
      assert.equal(built.dockerfile, testCase.dockerfile ?? 'Dockerfile');
      assert.deepEqual(describeEntries(await readTar(built.stream)), [...testCase.expected].sort());
    });
  }
});

describe('createBuildContext: entries', () => {
  it('keeps modes and whole-second mtimes, sends root as owner, and streams the right content', async () => {
    const root = await context({ name: 'modes', files: { 'run.sh': { content: 'echo hi\n', mode: 0o750 }, 'dir/data.bin': 'x'.repeat(70_000) }, expected: [] });
    const when = new Date('2024-05-06T07:08:09.750Z');
    await fs.utimes(path.join(root, 'run.sh'), when, when);
    const entries = await readTar((await createBuildContext(root)).stream);
    const run = entries.find((e) => e.name === 'run.sh')!;
    assert.equal(run.mode, 0o750);
    assert.equal(run.mtime.getTime(), Date.parse('2024-05-06T07:08:09Z'));
    assert.equal(run.uid, 0);
    assert.equal(run.gid, 0);
    assert.equal(run.content.toString(), 'echo hi\n');
    const data = entries.find((e) => e.name === 'dir/data.bin')!;
    assert.equal(data.content.length, 70_000);
    assert.equal(entries.find((e) => e.name === 'dir/')!.type, 'directory');
  });

  it('stores a symlinked folder as a link and never walks into it', async () => {
    const outside = await context({ name: 'outside', files: { 'secret.txt': 's' }, expected: [] });
    const root = await context({ name: 'links', files: { escape: { symlink: outside } }, expected: [] });
    const entries = await readTar((await createBuildContext(root)).stream);
    assert.deepEqual(describeEntries(entries), ['Dockerfile', `escape -> ${outside}`]);
  });

  it('packs a FIFO as a FIFO entry instead of reading it', async () => {
    const root = await context({ name: 'fifo', files: {}, expected: [] });
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const entries = await readTar((await createBuildContext(root)).stream);
    assert.equal(entries.find((e) => e.name === 'pipe')?.type, 'fifo');
  });
});

describe('createBuildContext: Dockerfiles and ignore files', () => {
  it('uses <Dockerfile>.dockerignore instead of the context .dockerignore when it exists', async () => {
    const root = await context({
      name: 'specific',
      dockerfile: 'app.Dockerfile',
      dockerignore: 'b.txt\n',
      files: { 'app.Dockerfile.dockerignore': 'a.txt\n', 'a.txt': 'a', 'b.txt': 'b' },
      expected: [],
    });
    const built = await createBuildContext(root, { dockerfile: 'app.Dockerfile' });
    assert.equal(built.ignoreFile, path.join(await fs.realpath(root), 'app.Dockerfile.dockerignore'));
    assert.deepEqual(describeEntries(await readTar(built.stream)), ['.dockerignore', 'app.Dockerfile', 'app.Dockerfile.dockerignore', 'b.txt']);
  });

  it('adds a Dockerfile from outside the context under a generated name and lists it in .dockerignore', async () => {
    const elsewhere = await context({ name: 'df', files: {}, expected: [] }, 'FROM scratch\nCOPY . /\n');
    const root = await context({ name: 'ctx', dockerignore: '*.tmp', files: { 'a.txt': 'a', 'b.tmp': 'b' }, expected: [] });
    await fs.rm(path.join(root, 'Dockerfile'));
    const built = await createBuildContext(root, { dockerfile: path.join(elsewhere, 'Dockerfile') });
    assert.match(built.dockerfile, /^\.dockerfile\.[0-9a-f]{20}$/);
    const entries = await readTar(built.stream);
    assert.deepEqual(describeEntries(entries), [built.dockerfile, '.dockerignore', 'a.txt'].sort());
    assert.equal(entries.find((e) => e.name === built.dockerfile)!.content.toString(), 'FROM scratch\nCOPY . /\n');
    assert.equal(entries.find((e) => e.name === '.dockerignore')!.content.toString(), `*.tmp\n${built.dockerfile}`);
  });

  it('falls back to "dockerfile" when no name is given and "Dockerfile" is missing', async () => {
    const root = await context({ name: 'lower', dockerfile: 'dockerfile', files: {}, expected: [] });
    assert.equal((await createBuildContext(root)).dockerfile, 'dockerfile');
  });

  it('says which Dockerfile is missing, which context is missing, and which pattern is bad', async () => {
    const root = await context({ name: 'bad', dockerignore: 'ok\n[oops\n', files: {}, expected: [] });
    await assert.rejects(createBuildContext(root, { dockerfile: 'nope/Dockerfile' }), (err: unknown) => err instanceof BuildContextError && err.message.includes(path.join('nope', 'Dockerfile')));
    await assert.rejects(createBuildContext(path.join(root, 'missing')), /The build context .*missing does not exist/);
    await assert.rejects(createBuildContext(root), /\.dockerignore: Invalid \.dockerignore pattern "\[oops"/);
  });
});

describe('createBuildContext: streaming', () => {
  it('reads files only as fast as the tar is consumed', async () => {
    const root = await context({ name: 'big', files: {}, expected: [] });
    const size = 64 * 1024 * 1024;
    // Sparse: no disk space, but 64 MiB to read.
    await fs.writeFile(path.join(root, 'big.bin'), '');
    await fs.truncate(path.join(root, 'big.bin'), size);
    const { stream } = await createBuildContext(root);
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    stream.pause();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Paused after one chunk: only a few stream buffers are filled, not the file.
    assert.ok(stream.readableLength < 1024 * 1024, `buffered ${stream.readableLength} bytes while paused`);
    let total = first.length;
    stream.on('data', (chunk: Buffer) => (total += chunk.length));
    stream.resume();
    await new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
    assert.ok(total > size, `the tar holds the whole file (${total} bytes)`);
  });

  it('refuses a file too large for the tar format with a message naming it', async () => {
    const root = await context({ name: 'huge', files: {}, expected: [] });
    await fs.writeFile(path.join(root, 'huge.img'), '');
    await fs.truncate(path.join(root, 'huge.img'), 8 * 1024 ** 3);
    await assert.rejects(readTar((await createBuildContext(root)).stream), /"huge\.img" is 8 GiB or larger/);
  });

  it('stops with an AbortError when cancelled', async () => {
    const root = await context({ name: 'abort', files: { 'a.txt': 'a' }, expected: [] });
    const controller = new AbortController();
    const { stream } = await createBuildContext(root, { signal: controller.signal });
    controller.abort();
    await assert.rejects(readTar(stream), (err: Error) => err.name === 'AbortError');
  });
});
