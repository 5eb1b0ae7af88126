import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, BenchResult } from './benchmark';
import { createTestContainer, testClient } from '../test/support/engineHarness';
import { ContainerFiles } from '../src/files/containerFiles';
import { FileEngine } from '../src/files/fileEngine';
import { ShellSessions } from '../src/files/shellSessions';
import { childrenFromArchive } from '../src/files/tarListing';
import { runInterleaved } from './interleave';
import { FILES_SECTION } from './sections';
import { formatMs, formatRatio, formatSummary, summarize } from './stats';

const MANY = 10_000;
const HEAVY_MB = 1024;
const OPEN_MB = 10;
const LIST_RATIO_TARGET = 0.5;
const HEAVY_TARGET_MS = 1000;
const OPEN_RATIO_TARGET = 1.2;

const SETUP = [
  'set -e',
  `mkdir -p /many && cd /many && seq 1 ${MANY} | xargs touch`,
  'mkdir -p /heavy/data/deeper && echo top > /heavy/readme.txt',
  `dd if=/dev/urandom of=/heavy/data/deeper/blob.bin bs=1048576 count=${HEAVY_MB} 2>/dev/null`,
  `dd if=/dev/urandom of=/ten.bin bs=1048576 count=${OPEN_MB} 2>/dev/null`,
].join('\n');

function cli(dockerHost: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', args, { env: { ...process.env, DOCKER_HOST: dockerHost }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`docker ${args[0]} failed: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/** Listing 10,000 files, listing a folder over a 1 GB subtree, opening a 10 MB file: Berth against the CLI, same container, same run. */
export const filesBenchmark: Benchmark = {
  id: 'files',
  section: FILES_SECTION,
  async run(context): Promise<BenchResult> {
    const { warmups, repetitions } = context.settings;
    context.log(`files: a running container with ${MANY.toLocaleString('en-US')} files in one folder, a ${HEAVY_MB} MB subtree and a ${OPEN_MB} MB file`);
    const container = await createTestContainer(context.docker, { Cmd: ['sleep', '3600'], Labels: { 'berth.bench.files': '1' } });
    const copyDir = await mkdtemp(join(tmpdir(), 'berth-files-bench-'));
    try {
      await cli(context.dockerHost, ['exec', container.id, 'sh', '-c', SETUP]);
      const client = testClient(context.dockerHost);
      const sessions = new ShellSessions(client);
      const files = new ContainerFiles(new FileEngine(client), container.id, { sessions });
      const floorEngine = new FileEngine(testClient(context.dockerHost));
      // The first listing in a container starts its browsing shell: a new set of sessions each round.
      const coldListing = async (): Promise<number> => {
        const cold = new ShellSessions(client);
        try {
          return (await new ContainerFiles(new FileEngine(client), container.id, { sessions: cold }).list('/many')).length;
        } finally {
          cold.dispose();
        }
      };

      context.log(`files: listing /many, ${warmups} warm-up and ${repetitions} measured rounds against docker exec ls -la`);
      const listing = await runInterleaved<number>(
        [
          { name: 'berth', run: async () => (await files.list('/many')).length },
          { name: 'cold', run: coldListing },
          { name: 'cli', run: async () => (await cli(context.dockerHost, ['exec', container.id, 'ls', '-la', '/many'])).split('\n').length },
          // The floor of any exec-based listing: one exec of `true` through the API, nothing listed.
          { name: 'floor', run: async () => (await floorEngine.exec(container.id, ['true'], { exitCode: false })).stdout.length },
        ],
        { warmups, repetitions },
      );
      if ([...(listing.results.get('berth') ?? []), ...(listing.results.get('cold') ?? [])].some((n) => n !== MANY)) throw new Error(`Berth did not list ${MANY} entries`);

      context.log('files: listing /heavy (1 GB below it)');
      const heavy = await runInterleaved<number>([{ name: 'berth', run: async () => (await files.list('/heavy')).length }], { warmups, repetitions });
      if ((heavy.results.get('berth') ?? []).some((n) => n !== 2)) throw new Error('Berth did not list the 2 entries of /heavy');
      context.log('files: the same folder through the archive API alone, once');
      const engine = new FileEngine(testClient(context.dockerHost));
      const archiveStarted = performance.now();
      const viaArchive = await childrenFromArchive(await engine.getArchive(container.id, '/heavy'));
      const archiveMs = performance.now() - archiveStarted;
      if (viaArchive.length !== 2) throw new Error('the archive listing of /heavy is wrong');

      context.log(`files: opening /ten.bin against docker cp`);
      const opening = await runInterleaved<number>(
        [
          { name: 'berth', run: async () => (await files.read('/ten.bin')).length },
          { name: 'cli', run: async () => (await cli(context.dockerHost, ['cp', `${container.id}:/ten.bin`, join(copyDir, 'ten.bin')])).length },
        ],
        { warmups, repetitions },
      );
      if ((opening.results.get('berth') ?? []).some((n) => n !== OPEN_MB * 1024 * 1024)) throw new Error('Berth read a wrong size');

      const listBerth = summarize(listing.timingsMs.get('berth') ?? []);
      const listCli = summarize(listing.timingsMs.get('cli') ?? []);
      const listFloor = summarize(listing.timingsMs.get('floor') ?? []);
      const listCold = summarize(listing.timingsMs.get('cold') ?? []);
      const coldRatio = listCold.medianMs / listCli.medianMs;
      const heavyBerth = summarize(heavy.timingsMs.get('berth') ?? []);
      const openBerth = summarize(opening.timingsMs.get('berth') ?? []);
      const openCli = summarize(opening.timingsMs.get('cli') ?? []);
      const listRatio = listBerth.medianMs / listCli.medianMs;
      const openRatio = openBerth.medianMs / openCli.medianMs;
      return {
        rows: [
          {
            measured: `Listing a folder of ${MANY.toLocaleString('en-US')} files in a running container`,
            berth: formatSummary(listBerth),
            comparisons: [
              { label: 'docker exec <c> ls -la <dir>', figure: formatSummary(listCli) },
              { label: 'one exec of `true` (API, the floor of any exec listing)', figure: formatSummary(listFloor) },
            ],
            checks: [{ ratioName: 'Berth/CLI', ratio: listRatio, target: `≤ ${formatRatio(LIST_RATIO_TARGET)}`, met: listRatio <= LIST_RATIO_TARGET }],
          },
          {
            measured: `The same, as the first listing in that container (its browsing shell started first)`,
            berth: formatSummary(listCold),
            comparisons: [{ label: 'docker exec <c> ls -la <dir>', figure: `${formatSummary(listCli)} (Berth/CLI ${formatRatio(coldRatio)}; no target: the issue's target is for listing)` }],
            checks: [],
          },
          {
            measured: `Listing a folder whose subtree holds ${HEAVY_MB / 1024} GB, running container`,
            berth: formatSummary(heavyBerth),
            comparisons: [{ label: 'archive API alone (once)', figure: formatMs(archiveMs) }],
            checks: [{ target: `< ${formatMs(HEAVY_TARGET_MS)}`, met: heavyBerth.medianMs < HEAVY_TARGET_MS }],
          },
          {
            measured: `Opening a ${OPEN_MB} MB file (bytes in memory)`,
            berth: formatSummary(openBerth),
            comparisons: [{ label: 'docker cp <c>:<file> <host dir>', figure: formatSummary(openCli) }],
            checks: [{ ratioName: 'Berth/CLI', ratio: openRatio, target: `≤ ${formatRatio(OPEN_RATIO_TARGET)}`, met: openRatio <= OPEN_RATIO_TARGET }],
          },
        ],
        notes: [
          `Fixture: one running container from \`berth-test/busybox:latest\`; \`/many\` holds ${MANY.toLocaleString('en-US')} empty files, ` +
            `\`/heavy\` a readme and a folder with a ${HEAVY_MB} MB random file, \`/ten.bin\` ${OPEN_MB} MB of random bytes. ` +
            `Contenders interleaved in balanced orders (${warmups} warm-up rounds, then ${repetitions} measured).`,
          'Berth: `ContainerFiles.list` (src/files/containerFiles.ts) as the extension runs it, with a dockerode client built from the endpoint as the extension builds it: ' +
            '`cd <dir> && exec stat -c <format> -- * .[!.]* ..?*` sent to the container\'s browsing shell (src/files/shellSession.ts: one `sh` exec kept open ' +
            'while files are browsed, closed after 20 s without a command; symlinks\' targets are a second command when there are any), parsed into entries (name, kind, size, mode, owner, mtime, symlink target and its kind). ' +
            'Every run is checked to return all entries. The first row is a user expanding folders (the shell is open); the second starts a new shell every round.',
          `The floor of a listing that starts an exec: one exec of \`true\` through the API in the same rounds, ${formatMs(listFloor.medianMs)} median, ` +
            `${formatRatio(listFloor.medianMs / listCli.medianMs)} of the CLI's listing. The runtime sets up a process in the container's namespaces for every exec; ` +
            'the browsing shell pays that once, and each listing after it costs a fork in the container.',
          'Docker CLI: `docker exec <c> ls -la <dir>` as a child process, its output read through a pipe, process start included: what Container Tools runs to list a folder.',
          `The gigabyte row: Berth's exec listing reads only the folder's own entries; the comparison is the archive API (GET /containers/{id}/archive, what a stopped ` +
            `container must use), bodies skipped unbuffered, timed once: it has to receive the whole ${HEAVY_MB} MB.`,
          `Opening: \`ContainerFiles.read\` (one GET archive request, the tar entry collected into one buffer, as the file system provider hands it to the editor) against ` +
            '`docker cp <c>:/ten.bin <host dir>` writing the file to a temp folder, process start included.',
        ],
      };
    } finally {
      await rm(copyDir, { recursive: true, force: true });
      await container.remove({ force: true }).catch(() => undefined);
    }
  },
};
