import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';
import { TEST_RUN_ID, testDockerHost } from '../../support/engineHarness';

const run = promisify(execFile);

export function testProjectName(prefix: string): string {
  return `berthtest${prefix}${randomBytes(3).toString('hex')}`;
}

/** The environment a test project is interpolated with: its name, the run id its labels carry, extras. */
export function projectEnv(project: string, extra: Record<string, string> = {}): Record<string, string> {
  return { COMPOSE_PROJECT_NAME: project, BERTH_TEST_RUN: TEST_RUN_ID, ...extra };
}

export function loadTestProject(file: string, project: string, extra: Record<string, string> = {}): LoadedCompose {
  return loadComposeProject({ files: [file], env: projectEnv(project, extra) });
}

/** Debian's docker-compose 1.29 against the test engine. */
export async function dockerCompose(args: string[], project: string, extra: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('docker-compose', args, {
    env: { ...process.env, DOCKER_HOST: testDockerHost(), ...projectEnv(project, extra) },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

export async function projectContainerNames(docker: Docker, project: string): Promise<string[]> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) });
  return list.map((c) => (c.Names?.[0] ?? '').replace(/^\//, '')).sort();
}

export async function removeImageQuietly(docker: Docker, name: string): Promise<void> {
  await docker.getImage(name).remove({ force: true }).catch(() => undefined);
}
