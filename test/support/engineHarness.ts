import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { EngineClient } from '../../src/engine/engineClient';
import { resolveEndpoint, type ResolvedEndpoint } from '../../src/engine/endpoint';

/** The label every engine object a test creates carries, so cleanup never touches anything else. */
export const TEST_LABEL = 'berth.test';
/** Marks this test process's objects, so cleanup never removes what a concurrent run created. */
export const TEST_RUN_LABEL = 'berth.test.run';
export const TEST_RUN_ID: string = randomBytes(6).toString('hex');
export const TEST_LABELS: Record<string, string> = { [TEST_LABEL]: '1', [TEST_RUN_LABEL]: TEST_RUN_ID };
export const TEST_IMAGE = 'berth-test/busybox:latest';
export const TEST_REGISTRY: string = process.env.BERTH_TEST_REGISTRY ?? '127.0.0.1:5000';
/** The rig's htpasswd-protected registry (scripts/testEngine.sh) and its fixed test login. */
export const TEST_AUTH_REGISTRY: string = process.env.BERTH_TEST_AUTH_REGISTRY ?? '127.0.0.1:5001';
export const TEST_AUTH_USER: string = process.env.BERTH_TEST_AUTH_USER ?? 'berth';
export const TEST_AUTH_PASSWORD: string = process.env.BERTH_TEST_AUTH_PASSWORD ?? 'berth-secret';
/** The rig's registry with token (Bearer) auth; its token service knows the same test login. */
export const TEST_TOKEN_REGISTRY: string = process.env.BERTH_TEST_TOKEN_REGISTRY ?? '127.0.0.1:5002';

const DEFAULT_SOCKET = `${process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine'}/docker.sock`;

/** The engine the tests use: BERTH_TEST_DOCKER_HOST, else the throwaway engine of scripts/testEngine.sh. */
export function testDockerHost(): string {
  return process.env.BERTH_TEST_DOCKER_HOST ?? `unix://${DEFAULT_SOCKET}`;
}

export function testDocker(): Docker {
  const host = testDockerHost();
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  const url = new URL(host);
  return new Docker({ host: url.hostname, port: Number(url.port) });
}

/** The test engine (or `host`, e.g. a socket proxy's unix:// address) as Berth resolves it from berth.dockerHost. */
export function testEndpoint(host: string = testDockerHost()): ResolvedEndpoint {
  const readFile = (file: string): string => fs.readFileSync(file, 'utf8');
  return resolveEndpoint({ setting: host, env: {}, homeDir: os.homedir(), platform: process.platform, readFile });
}

/**
 * Berth's own client for the test engine (or `host`): what tests of Berth code pass it, while
 * dockerode stays for setting up fixtures. A plain socket or TCP, so there is nothing to dispose.
 */
export function testClient(host?: string): EngineClient {
  return new EngineClient(testEndpoint(host));
}

/**
 * Engine suites pass this as node:test's `skip` option: with BERTH_SKIP_ENGINE=1 they are reported
 * as skipped, never counted as passed.
 */
export function engineSkip(): string | false {
  return process.env.BERTH_SKIP_ENGINE === '1' ? 'BERTH_SKIP_ENGINE=1' : false;
}

let reachable: Promise<boolean> | undefined;

/** For a suite's before(): without an engine the suite fails, saying how to start one. */
export async function requireEngine(): Promise<Docker> {
  const docker = testDocker();
  reachable ??= docker.ping().then(() => true, () => false);
  if (!(await reachable)) {
    throw new Error(
      `No Docker engine at ${testDockerHost()}. Start the test engine with 'sudo npm run engine:start' ` +
        `(or set BERTH_TEST_DOCKER_HOST), or set BERTH_SKIP_ENGINE=1 to skip the engine tests.`,
    );
  }
  return docker;
}

export function uniqueName(prefix: string): string {
  return `berth-test-${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Creates (and by default starts) a labelled container from the test image. */
export async function createTestContainer(
  docker: Docker,
  options: Partial<Docker.ContainerCreateOptions> & { start?: boolean } = {},
): Promise<Docker.Container> {
  const { start = true, ...create } = options;
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sleep', '3600'],
    name: uniqueName('c'),
    ...create,
    Labels: { ...(create.Labels ?? {}), ...TEST_LABELS },
  });
  if (start) await container.start();
  return container;
}

/** Removes the containers, networks and volumes this test process created (labelled with its run id). */
export async function cleanupTestObjects(docker: Docker): Promise<void> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=1`, `${TEST_RUN_LABEL}=${TEST_RUN_ID}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
  const volumes = await docker.listVolumes({ filters });
  await Promise.all((volumes.Volumes ?? []).map((v) => docker.getVolume(v.Name).remove({ force: true }).catch(() => undefined)));
}

/** The docker CLI against the test engine, for comparisons and interop checks. */
export function dockerCli(args: string[]): string {
  return execFileSync('docker', args, {
    env: { ...process.env, DOCKER_HOST: testDockerHost() },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}
