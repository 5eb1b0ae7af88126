import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { groupByProject } from '../../../src/containers/composeGroups';
import { listContainers } from '../../../src/engine/listings';
import { cleanupTestObjects, engineSkip, requireEngine, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { dockerCompose, loadTestProject, testProjectName } from './composeSupport';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'interop', 'docker-compose.yml');

describe('compose interop with docker-compose 1.29', { skip: engineSkip() }, () => {
  let docker: Docker;
  const project = testProjectName('interop');

  before(async () => {
    docker = await requireEngine();
  });

  after(async () => {
    await dockerCompose(['-p', project, '-f', FILE, 'down', '-t', '1'], project).catch(() => undefined);
    await cleanupTestObjects(docker);
  });

  it("groups the containers docker-compose up -d created under their project in Berth's Containers view", async () => {
    await dockerCompose(['-p', project, '-f', FILE, 'up', '-d'], project);
    const { projects } = groupByProject(await listContainers(client));
    const group = projects.find((p) => p.project === project);
    assert.ok(group, `no group for ${project}`);
    assert.equal(group.containers.length, 2);
  });

  it('treats the project docker-compose deployed as its own: a Berth deploy recreates under its own config hash, then changes nothing', async () => {
    const loaded = loadTestProject(FILE, project);
    const first = await applyUp(client, loaded, { stopTimeoutSeconds: 1 });
    // docker-compose 1.29 hashes differently, so Berth recreates once; it never duplicates containers.
    assert.deepEqual(first.applied.map((a) => a.service).sort(), ['app', 'sidecar']);
    const second = await applyUp(client, loadTestProject(FILE, project));
    assert.deepEqual(second.applied, []);
    const names = (await listContainers(client)).filter((c) => c.composeProject === project).map((c) => c.name).sort();
    assert.deepEqual(names, [`${project}-app-1`, `${project}-sidecar-1`]);
    const down = await applyDown(client, project, loaded.project, { stopTimeoutSeconds: 1 });
    assert.deepEqual(down.networksToRemove.map((n) => n.name), [`${project}_default`]);
  });
});
