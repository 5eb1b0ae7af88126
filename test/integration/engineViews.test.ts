import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import { createTestContainer, engineSkip, TEST_IMAGE, uniqueName } from '../support/engineHarness';
import type { BerthApi } from '../../src/workbench/api';
import { connectedBerth, itemText, waitForView } from './berthApi';

// The views against the real test engine: objects created here must reach the tree through the
// extension's own event handling, with no refresh command issued.

describe('Engine views', function () {
  let docker: Docker;
  let api: BerthApi;
  const created: Docker.Container[] = [];

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
  });

  after(async () => {
    // Only what this suite created; other suites share the engine.
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  async function newContainer(prefix: string): Promise<string> {
    const name = uniqueName(prefix);
    created.push(await createTestContainer(docker, { name }));
    return name;
  }

  it('Containers view lists a container created in the engine', async () => {
    const name = await newContainer('view');
    const items = await waitForView(api, 'containers', (all) => all.some((i) => itemText(i).includes(name)), `container ${name}`);
    assert.ok(items.some((i) => itemText(i).includes(name)));
  });

  it('Containers view drops a container removed from the engine', async () => {
    const name = await newContainer('gone');
    await waitForView(api, 'containers', (all) => all.some((i) => itemText(i).includes(name)), `container ${name}`);
    await docker.getContainer(name).remove({ force: true });
    const items = await waitForView(api, 'containers', (all) => !all.some((i) => itemText(i).includes(name)), `${name} gone`);
    assert.equal(items.some((i) => itemText(i).includes(name)), false);
  });

  it('Images view lists the test image', async () => {
    const repository = TEST_IMAGE.split(':')[0];
    const items = await waitForView(api, 'images', (all) => all.some((i) => itemText(i).includes(repository)), repository);
    assert.ok(items.some((i) => itemText(i).includes(repository)));
  });
});
