import { execFile } from 'node:child_process';
import * as os from 'node:os';
import type Docker from 'dockerode';
import type { BenchEnvironment } from './benchmarksMarkdown';

function cliVersion(dockerHost: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('docker', ['version', '--format', '{{.Client.Version}}'], { env: { ...process.env, DOCKER_HOST: dockerHost } }, (_error, stdout) =>
      resolve(stdout.trim() || 'unknown'),
    );
  });
}

/** What BENCHMARKS.md says about the machine and the engine the figures come from. */
export async function describeEnvironment(docker: Docker, dockerHost: string): Promise<BenchEnvironment> {
  const [version, info, cli] = await Promise.all([docker.version(), docker.info() as Promise<Record<string, unknown>>, cliVersion(dockerHost)]);
  const cpus = os.cpus();
  return {
    date: new Date(),
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() || 'unknown CPU',
    memoryGiB: os.totalmem() / 1024 ** 3,
    kernel: os.release(),
    nodeVersion: process.version,
    engineVersion: version.Version,
    apiVersion: version.ApiVersion,
    storageDriver: String(info.Driver ?? 'unknown driver'),
    cgroupVersion: String(info.CgroupVersion ?? '?'),
    cliVersion: cli,
    dockerHost,
    loadAtStart: os.loadavg()[0],
  };
}
