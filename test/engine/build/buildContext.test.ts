import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { buildImage } from '../../../src/build/imageBuild';
import { engineSkip, TEST_IMAGE, TEST_LABELS, testDockerHost, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';
import { CONTEXT_CASES, writeContext } from '../../unit/build/contextFixtures';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const run = promisify(execFile);
const MARK = '@@ ';

// Lists what COPY received: type, path, mode, a content digest or the link target.
const LISTING_DOCKERFILE = `FROM ${TEST_IMAGE}
COPY . /ctx
RUN cd /ctx && find . -mindepth 1 | sort | while read -r f; do \\
  if [ -L "$f" ]; then echo "${MARK}L $f -> $(readlink "$f")"; \\
  elif [ -d "$f" ]; then echo "${MARK}D $f $(stat -c %a "$f")"; \\
  else echo "${MARK}F $f $(stat -c %a "$f") $(md5sum < "$f" | cut -c1-8)"; fi; done
`;

function listing(lines: string[]): string[] {
  return lines.filter((l) => l.startsWith(MARK)).map((l) => l.slice(MARK.length));
}

/** `docker build` with the classic builder, as the reference: its output. */
async function cliOutput(dir: string, dockerfile: string, tag: string): Promise<string> {
  const labels = Object.entries(TEST_LABELS).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const { stdout } = await run('docker', ['build', '--no-cache', '--rm', '--force-rm', ...labels, '-t', tag, '-f', dockerfile, dir], {
    env: { ...process.env, DOCKER_HOST: testDockerHost(), DOCKER_BUILDKIT: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

async function cliBuild(dir: string, dockerfile: string, tag: string): Promise<string[]> {
  return listing((await cliOutput(dir, path.join(dir, dockerfile), tag)).split('\n'));
}

async function berthBuild(dir: string, dockerfile: string | undefined, tag: string): Promise<string[]> {
  const lines: string[] = [];
  await buildImage(client, { context: dir, dockerfile, tag, labels: TEST_LABELS, noCache: true, onOutput: (line) => lines.push(line) });
  return listing(lines);
}

describe('build contexts against docker build (classic builder)', { skip: engineSkip() }, () => {
  let objects: TestObjects;
  const dirs: string[] = [];

  before(async () => {
    ({ objects } = await engineTestObjects());
  });

  after(async () => {
    await objects?.cleanup();
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  for (const testCase of CONTEXT_CASES) {
    it(`COPY receives the same files: ${testCase.name}`, { timeout: 120_000 }, async () => {
      const dir = await writeContext(testCase, LISTING_DOCKERFILE);
      dirs.push(dir);
      const repo = `berth-test/ctx-${randomBytes(4).toString('hex')}`;
      objects.images.add(`${repo}:cli`).add(`${repo}:berth`);
      const reference = await cliBuild(dir, testCase.dockerfile ?? 'Dockerfile', `${repo}:cli`);
      const ours = await berthBuild(dir, testCase.dockerfile, `${repo}:berth`);
      assert.ok(reference.length > 0, 'docker build listed the context');
      assert.deepEqual(ours, reference);
    });
  }

  it('a Dockerfile outside the context: the same files as docker build -f ../Dockerfile', { timeout: 120_000 }, async () => {
    const outside = await writeContext({ name: 'df', files: {}, expected: [] }, LISTING_DOCKERFILE);
    const dir = await writeContext({ name: 'ctx', dockerignore: '*.tmp\n', files: { 'a.txt': 'a', 'b.tmp': 'b' }, expected: [] });
    dirs.push(outside, dir);
    await fs.rm(path.join(dir, 'Dockerfile'));
    const repo = `berth-test/ctx-${randomBytes(4).toString('hex')}`;
    objects.images.add(`${repo}:cli`).add(`${repo}:berth`);
    const stdout = await cliOutput(dir, path.join(outside, 'Dockerfile'), `${repo}:cli`);
    // Each adds the Dockerfile under its own random name and lists that name in .dockerignore, so that file's digest differs.
    const withoutIgnoreDigest = (lines: string[]): string[] => lines.map((l) => (l.startsWith('F ./.dockerignore ') ? l.split(' ').slice(0, 3).join(' ') : l));
    const reference = withoutIgnoreDigest(listing(stdout.split('\n')));
    const ours = withoutIgnoreDigest(await berthBuild(dir, path.join(outside, 'Dockerfile'), `${repo}:berth`));
    assert.deepEqual(ours, reference);
    assert.deepEqual(ours.map((l) => l.split(' ')[1]), ['./.dockerignore', './a.txt']);
  });

  it('pins the issue: the re-included log is sent, the excluded file is not', { timeout: 120_000 }, async () => {
    const dir = await writeContext(CONTEXT_CASES[0], LISTING_DOCKERFILE);
    dirs.push(dir);
    const tag = `berth-test/ctx-${randomBytes(4).toString('hex')}:issue`;
    objects.images.add(tag);
    const paths = (await berthBuild(dir, undefined, tag)).map((l) => l.split(' ')[1]);
    assert.ok(paths.includes('./logs/important.log'));
    assert.ok(!paths.includes('./sub/ignored.txt'));
    assert.ok(!paths.some((p) => p.endsWith('other.log') || p.endsWith('deep.log')));
  });
});
