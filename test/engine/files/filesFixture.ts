import type Docker from 'dockerode';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { TEST_IMAGE, TEST_LABEL, dockerCli, uniqueName } from '../../support/engineHarness';
import type { TestObjects } from '../../support/testObjects';
import { firstFileContent } from '../../../src/files/tarListing';

/**
 * The tree every files test browses, made inside the container by busybox itself: nested folders,
 * 10,000 files in one folder, unicode and space names, absolute, relative and dangling symlinks, a
 * 50 MB file, and a file owned by uid 1234 with mode 0640.
 */
export const FIXTURE_SCRIPT = [
  'set -e',
  'mkdir -p /fx/a/b/c /fx/many',
  'echo nested > /fx/a/b/c/deep.txt',
  'printf "héllo wörld\\n" > "/fx/sp ace ü.txt"',
  'ln -s /fx/a/b/c/deep.txt /fx/abs',
  'ln -s a/b /fx/rel',
  'ln -s /nowhere /fx/dangling',
  'echo owned > /fx/owned.txt && chown 1234:1234 /fx/owned.txt && chmod 640 /fx/owned.txt',
  'dd if=/dev/urandom of=/fx/big.bin bs=1048576 count=50 2>/dev/null',
  'cd /fx/many && seq 1 10000 | xargs touch',
].join('\n');

export async function makeFixture(container: Docker.Container): Promise<void> {
  dockerCli(['exec', container.id, 'sh', '-c', FIXTURE_SCRIPT]);
}

/**
 * A "distroless" image: busybox's static binary alone, named /sleep so it runs as the sleep applet;
 * no shell, no find, no stat. Labelled; TestObjects removes it.
 */
export async function importNoShellImage(docker: Docker, objects: TestObjects): Promise<string> {
  const source = await objects.container({ Image: TEST_IMAGE, start: false });
  const binary = await firstFileContent((await source.getArchive({ path: '/bin/busybox' })) as unknown as Readable);
  const pack = tar.pack();
  pack.entry({ name: 'sleep', mode: 0o755, size: binary.length }, binary);
  pack.finalize();
  const repo = `berth-test/${uniqueName('noshell')}`;
  const progress = await docker.importImage(Readable.from(pack), { repo, tag: 'latest', changes: [`LABEL ${TEST_LABEL}=1`] });
  for await (const chunk of progress as AsyncIterable<Buffer>) void chunk;
  objects.images.add(`${repo}:latest`);
  return `${repo}:latest`;
}
