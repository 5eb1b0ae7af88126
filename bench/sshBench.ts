import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineClient } from '../src/engine/engineClient';
import { listContainers } from '../src/engine/listings';
import { OTHER_ENGINES, requireOtherEngine, SSH_AGENT_SOCKET, sshTestHome } from '../test/support/otherEngines';
import type { Benchmark, BenchResult } from './benchmark';
import { runInterleaved } from './interleave';
import { ENGINES_SECTION } from './sections';
import { formatRatio, formatSummary, summarize } from './stats';

const CLI_TARGET = 0.5;

/** Listing containers on an ssh:// engine: Berth's pooled SSH transport, docker-modem's own, and the docker CLI. */
export const sshBenchmark: Benchmark = {
  id: 'ssh',
  section: ENGINES_SECTION,
  async run(context): Promise<BenchResult> {
    const engine = OTHER_ENGINES.ssh;
    (await requireOtherEngine(engine)).dispose();
    const endpoint = engine.endpoint();
    const berth = new EngineClient(endpoint);
    // What dockerode users get for ssh:// (and what Berth used before): a new SSH connection per request.
    const modem = new Docker(endpoint.options);
    // The CLI runs ssh, which takes known_hosts from the passwd entry's home, not HOME: a shim first on
    // PATH points it at the file Berth's endpoint read.
    const shimDir = path.join(sshTestHome(), 'bin');
    fs.mkdirSync(shimDir, { recursive: true });
    fs.writeFileSync(path.join(shimDir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -o UserKnownHostsFile=${path.join(sshTestHome(), '.ssh', 'known_hosts')} "$@"\n`, { mode: 0o755 });
    const cliEnv = { ...process.env, PATH: `${shimDir}:${process.env.PATH ?? ''}`, SSH_AUTH_SOCK: SSH_AGENT_SOCKET, DOCKER_HOST: engine.host, DOCKER_CONTEXT: '' };
    const cli = (): Promise<number> =>
      new Promise((resolve, reject) => {
        execFile('docker', ['container', 'ls', '--all', '--no-trunc', '--format', '{{json .}}'], { env: cliEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
          error ? reject(error) : resolve(stdout.split('\n').filter((l) => l.trim() !== '').length),
        );
      });
    const { warmups, repetitions } = context.settings;
    context.log(`ssh: ${warmups} warm-up rounds, then ${repetitions} rounds of Berth, docker-modem's ssh and the docker CLI over ssh://`);
    try {
      const runs = await runInterleaved(
        [
          { name: 'berth', run: async () => (await listContainers(berth)).length },
          { name: 'modem', run: async () => (await modem.listContainers({ all: true })).length },
          { name: 'cli', run: cli },
        ],
        { warmups, repetitions },
      );
      const timings = (name: string): number[] => runs.timingsMs.get(name) ?? [];
      const b = summarize(timings('berth'));
      const m = summarize(timings('modem'));
      const c = summarize(timings('cli'));
      const ratio = b.medianMs / c.medianMs;
      return {
        rows: [
          {
            measured: `List all containers on an ssh:// engine (loopback sshd, the test engine behind it)`,
            berth: formatSummary(b),
            comparisons: [
              { label: "docker-modem's ssh (dockerode's default)", figure: formatSummary(m) },
              { label: 'docker CLI over ssh', figure: formatSummary(c) },
            ],
            checks: [{ ratioName: 'Berth/CLI', ratio, target: `≤ ${CLI_TARGET}×`, met: ratio <= CLI_TARGET }],
          },
        ],
        notes: [
          `Berth: \`EngineClient\` (src/engine/engineClient.ts): one SSH connection kept open, each request on a \`docker system dial-stdio\` ` +
            'channel that stays open for the next (HTTP keep-alive), host key checked against known_hosts. docker-modem: ' +
            'dockerode with `protocol: ssh`, which opens a new SSH connection, handshake and `docker system dial-stdio` included, for every request. ' +
            'Docker CLI: `docker container ls --all --no-trunc --format json` with DOCKER_HOST=ssh://…, which runs `ssh … docker system dial-stdio` per invocation. ' +
            `Interleaved rounds as in the foundation section; ratios of medians (${formatRatio(0.5)} means Berth takes half the time). ` +
            'The SSH server is on loopback: over a real network each SSH handshake costs round trips on top, which only Berth avoids after the first.',
        ],
      };
    } finally {
      berth.dispose();
    }
  },
};
