import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { BuildInterruptedError } from '../../../src/build/buildFailure';
import { applyUp } from '../../../src/compose/composeApply';
import { buildServiceImage } from '../../../src/compose/composeBuild';
import { engineSkip, TEST_LABELS, testDockerHost, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { proxyFor } from '../../support/socketProxy';
import { engineTestObjects, TestObjects } from '../../support/testObjects';
import { loadTestProject, testProjectName } from './composeSupport';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'build', 'compose.yaml');

async function containerExists(docker: Docker, id: string): Promise<boolean> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ id: [id] }) });
  return list.length > 0;
}

describe('compose builds against the engine', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  const project = testProjectName('build');
  const stepContainers: string[] = [];

  before(async () => {
    ({ docker, objects } = await engineTestObjects());
    for (const service of ['staged', 'failing', 'slow']) objects.images.add(`${project}-${service}`);
  });

  after(async () => {
    // Only the step containers these builds started, should a test have failed before its cleanup.
    for (const id of stepContainers) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    await objects?.cleanup();
  });

  it('builds the build.target stage of a multi-stage Dockerfile, not the last one', { timeout: 120_000 }, async () => {
    const service = loadTestProject(FILE, project).project.services.staged;
    assert.equal(service.build?.target, 'dev');
    await buildServiceImage(client, service.build!, service.image, { labels: TEST_LABELS });
    const info = await docker.getImage(service.image).inspect();
    assert.equal(info.Config.Labels?.stage, 'dev');
  });

  it("fails with the engine's own words, output without escape codes, and no step container left", { timeout: 120_000 }, async () => {
    const service = loadTestProject(FILE, project).project.services.failing;
    const lines: string[] = [];
    await assert.rejects(
      buildServiceImage(client, service.build!, service.image, { labels: TEST_LABELS, onOutput: (line) => lines.push(line) }),
      (err: Error) => /returned a non-zero code: 1/.test(err.message) && err.message.includes('ls /no-such-dir'),
    );
    const step = lines.map((l) => /Running in ([0-9a-f]+)/.exec(l)?.[1]).find((id) => id !== undefined);
    assert.ok(step, 'the builder reported its step container');
    stepContainers.push(step);
    // The classic builder colours a step's stderr; the lines Berth hands on are plain text.
    assert.ok(lines.some((l) => l.includes('ls: /no-such-dir: No such file or directory')), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('\x1b')), 'no escape sequences');
    assert.equal(await containerExists(docker, step), false);
  });

  it('cancels with an AbortError and leaves no step container behind', { timeout: 120_000 }, async () => {
    const service = loadTestProject(FILE, project).project.services.slow;
    const controller = new AbortController();
    let step: string | undefined;
    await assert.rejects(
      buildServiceImage(client, service.build!, service.image, {
        labels: TEST_LABELS,
        signal: controller.signal,
        onOutput: (line) => {
          step ??= /Running in ([0-9a-f]+)/.exec(line)?.[1];
          if (step) controller.abort();
        },
      }),
      (err: Error) => err.name === 'AbortError',
    );
    assert.ok(step);
    stepContainers.push(step);
    // Removal runs after the rejection (the engine's and Berth's); wait for it, with a hang guard.
    const deadline = Date.now() + 20_000;
    while ((await containerExists(docker, step)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(await containerExists(docker, step), false);
  });

  it('names a lost engine as the cause and removes the step container once the engine answers again', { timeout: 120_000 }, async () => {
    const proxy = proxyFor(testDockerHost(), 'build-proxy');
    await proxy.start();
    try {
      const viaProxy = testClient(`unix://${proxy.path}`);
      const loaded = loadTestProject(FILE, project);
      let step: string | undefined;
      let cut: Promise<void> | undefined;
      const deploy = applyUp(viaProxy, loaded, {
        services: ['slow'],
        onProgress: (event) => {
          const id = /Running in ([0-9a-f]+)/.exec(event.message)?.[1];
          if (id && !step) {
            step = id;
            stepContainers.push(id);
            // The engine keeps running the step: it never learns the client went away.
            cut = proxy.partition();
          }
        },
      });
      let error: unknown;
      await deploy.catch((err: unknown) => {
        error = err;
      });
      await cut;
      assert.ok(error instanceof BuildInterruptedError, `expected a BuildInterruptedError, got ${String(error)}`);
      assert.match(error.message, /connection to the Docker engine was lost while building "[^"]+-slow"/);
      assert.doesNotMatch(error.message, /^aborted$/);
      assert.ok(step);
      // Left alone, the step would run for 300 s: the engine still has it.
      assert.equal(await containerExists(docker, step), true);

      await proxy.start();
      const removed = await error.cleanup;
      assert.deepEqual(removed, [step]);
      assert.equal(await containerExists(docker, step), false);
    } finally {
      await proxy.stop();
    }
  });
});
