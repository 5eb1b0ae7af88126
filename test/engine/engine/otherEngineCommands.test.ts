import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { removeContainer, runContainerAction } from '../../../src/containers/containerActions';
import { containerDetails } from '../../../src/containers/containerDetails';
import { startShell } from '../../../src/containers/execShell';
import type { EngineClient } from '../../../src/engine/engineClient';
import { cleanupTestObjects, createTestContainer, engineSkip, TEST_LABELS } from '../../support/engineHarness';
import { OTHER_ENGINES, requireOtherEngine } from '../../support/otherEngines';
import { fixturePath } from '../../support/paths';
import { until, waitUntil } from '../../support/polling';
import { STOPPABLE_CMD } from '../../support/testObjects';
import { loadTestProject, testProjectName } from '../compose/composeSupport';

// What a user does with containers, through Berth's own code, on every kind of engine besides the
// local socket: details, the lifecycle commands, a shell, and a compose deploy and down.
const COMPOSE_FILE = fixturePath('compose', 'engine', 'other-engines', 'compose.yaml');

for (const engine of Object.values(OTHER_ENGINES)) {
  describe(`${engine.kind} engine: container commands, shell and compose (${engine.title})`, { skip: engineSkip() }, () => {
    let docker: Docker;
    let client: EngineClient;
    let dispose: () => void;
    const project = testProjectName(engine.kind);
    before(async () => {
      ({ docker, client, dispose } = await requireOtherEngine(engine));
    });
    after(async () => {
      if (client) await applyDown(client, project, undefined, { volumes: true, stopTimeoutSeconds: 1 }).catch(() => undefined);
      if (docker) await cleanupTestObjects(docker);
      dispose?.();
    });

    const state = async (id: string): Promise<string> => (await client.inspectContainer(id)).State.Status;

    it('shows a container\'s details: command, environment with secrets masked, labels, mounts', async () => {
      const container = await createTestContainer(docker, {
        Cmd: STOPPABLE_CMD,
        Env: ['APP_MODE=test', 'DB_PASSWORD=hunter2'],
        HostConfig: { Binds: ['/tmp:/host-tmp:ro'] },
      });
      const details = containerDetails(await client.inspectContainer(container.id));
      assert.equal(details.id, container.id);
      assert.match(details.command, /sh/);
      assert.deepEqual(
        // Podman keeps no order in the environment.
        details.env.filter((e) => e.name === 'APP_MODE' || e.name === 'DB_PASSWORD').map((e) => `${e.name}=${e.value}:${e.secret}`).sort(),
        ['APP_MODE=test:false', 'DB_PASSWORD=hunter2:true'],
      );
      assert.equal(details.labels['berth.test'], TEST_LABELS['berth.test']);
      assert.ok(details.mounts.some((m) => m.target === '/host-tmp' && m.readOnly), JSON.stringify(details.mounts));
    });

    it('stops, starts, restarts, pauses, unpauses, kills and removes a container', async () => {
      const container = await createTestContainer(docker, { Cmd: STOPPABLE_CMD });
      const steps: [Parameters<typeof runContainerAction>[2], string][] = [
        ['stop', 'exited'],
        ['start', 'running'],
        ['restart', 'running'],
        ['pause', 'paused'],
        ['unpause', 'running'],
        ['kill', 'exited'],
      ];
      for (const [action, expected] of steps) {
        await runContainerAction(client, container.id, action);
        await waitUntil(async () => (await state(container.id)) === expected, `${action}: ${expected}`, 20_000);
      }
      // Starting a running container again is no error (the engine answers 304).
      await runContainerAction(client, container.id, 'start');
      await runContainerAction(client, container.id, 'start');
      await removeContainer(client, container.id, { force: true });
      await assert.rejects(client.inspectContainer(container.id), (err: Error & { statusCode?: number }) => err.statusCode === 404);
    });

    it('opens a shell that runs what is typed', async () => {
      const container = await createTestContainer(docker, { Cmd: STOPPABLE_CMD });
      const shell = await startShell(client, container.id, '/bin/sh', { cols: 100, rows: 30 });
      let output = '';
      shell.onData((text) => (output += text));
      try {
        shell.write('echo "sum-$((40 + 2))"\r');
        await waitUntil(() => output.includes('sum-42'), `the shell's answer (got ${JSON.stringify(output)})`, 15_000);
        shell.write('exit 3\r');
        assert.equal(await shell.exited, 3);
      } finally {
        shell.close();
      }
    });

    it('deploys a compose project (health-gated dependency, volume, network) and takes it down', async () => {
      const loaded = loadTestProject(COMPOSE_FILE, project);
      assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
      const notes: string[] = [];
      const result = await applyUp(client, loaded, { onProgress: (e) => e.step === 'wait' && notes.push(e.message) });
      assert.deepEqual(result.applied.map((a) => `${a.service}:${a.kind}`).sort(), ['app:create', 'db:create']);
      // Podman without systemd runs no health checks by itself: Berth runs them, and says so.
      assert.equal(notes.some((n) => /Berth runs them/.test(n)), engine.kind === 'podman', notes.join(' | '));
      const containers = await client.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
      assert.deepEqual(containers.map((c) => c.State).sort(), ['running', 'running']);
      const app = containers.find((c) => c.Labels['com.docker.compose.service'] === 'app');
      assert.ok(app);
      const inspect = await client.inspectContainer(app.Id);
      assert.ok(Object.keys(inspect.NetworkSettings.Networks).includes(`${project}_back`), Object.keys(inspect.NetworkSettings.Networks).join(','));
      // Unchanged, a second deploy does nothing.
      assert.deepEqual((await applyUp(client, loadTestProject(COMPOSE_FILE, project))).applied, []);

      await applyDown(client, project, loaded.project, { volumes: true, stopTimeoutSeconds: 1 });
      await until('the project gone', async () => {
        const left = await client.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
        return left.length === 0 ? true : undefined;
      }, 20_000);
      const networks = await docker.listNetworks({ filters: JSON.stringify({ name: [`${project}_back`] }) });
      assert.deepEqual(networks.map((n) => n.Name), []);
      const volumes = (await docker.listVolumes({ filters: JSON.stringify({ name: [`${project}_data`] }) })).Volumes ?? [];
      assert.deepEqual(volumes.map((v) => v.Name), []);
    });
  });
}
