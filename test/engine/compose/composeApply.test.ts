import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { ComposeApplyError, ComposeProgressEvent } from '../../../src/compose/composeProgress';
import { cleanupTestObjects, engineSkip, requireEngine, TEST_IMAGE, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { dockerCompose, loadTestProject, projectContainerNames, removeImageQuietly, testProjectName } from './composeSupport';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'three-service', 'compose.yaml');

describe('compose apply against the engine', { skip: engineSkip() }, () => {
  let docker: Docker;
  const project = testProjectName('apply');
  /** The image Berth built for web, once the test moved the tag away from it. */
  let builtImageId: string | undefined;

  before(async () => {
    docker = await requireEngine();
  });

  after(async () => {
    await applyDown(client, project, undefined, { volumes: true, stopTimeoutSeconds: 1 }).catch(() => undefined);
    await cleanupTestObjects(docker);
    await removeImageQuietly(docker, `${project}-web:test`);
    if (builtImageId) await removeImageQuietly(docker, builtImageId);
  });

  it('deploys a built web server, a healthy dependency, a named volume and a custom network', async () => {
    const events: ComposeProgressEvent[] = [];
    const loaded = loadTestProject(FILE, project);
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
    const result = await applyUp(client, loaded, { onProgress: (e) => events.push(e) });

    assert.deepEqual(result.applied.map((a) => `${a.service}:${a.kind}`).sort(), ['db:create', 'web:create', 'worker:create']);
    assert.deepEqual(await projectContainerNames(docker, project), [`${project}-db-1`, `${project}-web-1`, `${project}-worker-1`]);
    const web = await docker.getContainer(`${project}-web-1`).inspect();
    assert.equal(web.State.Running, true);
    assert.equal(web.Config.Labels['com.docker.compose.service'], 'web');
    assert.equal(web.Config.Labels['com.docker.compose.container-number'], '1');
    assert.equal(web.Config.Labels['com.docker.compose.oneoff'], 'False');
    assert.equal(web.Config.Labels['com.docker.compose.project.config_files'], FILE);
    assert.ok(web.Mounts.some((m) => m.Name === `${project}_data` && m.Destination === '/srv/data'));
    assert.ok(`${project}_back` in web.NetworkSettings.Networks);
    const db = await docker.getContainer(`${project}-db-1`).inspect();
    // web waited for db's health check, so db was healthy before web existed.
    assert.equal(db.State.Health?.Status, 'healthy');
    assert.ok(events.some((e) => e.service === 'db' && e.step === 'wait'));
    assert.ok(events.some((e) => e.service === 'web' && e.step === 'build'));

    // The build context went through .dockerignore: index.html is in the image, secret.txt is not.
    const exec = await docker.getContainer(`${project}-web-1`).exec({ Cmd: ['ls', '/www'], AttachStdout: true });
    const stream = await exec.start({});
    const output = await new Promise<string>((resolve) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      stream.on('end', () => resolve(text));
    });
    assert.match(output, /index\.html/);
    assert.doesNotMatch(output, /secret\.txt/);

    const network = await docker.getNetwork(`${project}_back`).inspect();
    assert.equal(network.Labels?.['com.docker.compose.network'], 'back');
    assert.equal(network.Labels?.['berth.test'], '1');
    const volume = await docker.getVolume(`${project}_data`).inspect();
    assert.equal(volume.Labels?.['com.docker.compose.volume'], 'data');
  });

  it('redeploying the unchanged file changes nothing', async () => {
    const before = (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) })).map((c) => c.Id).sort();
    const result = await applyUp(client, loadTestProject(FILE, project));
    assert.deepEqual(result.applied, []);
    const afterIds = (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }) })).map((c) => c.Id).sort();
    assert.deepEqual(afterIds, before);
  });

  it('recreates only the changed service and leaves the others running', async () => {
    const web = await docker.getContainer(`${project}-web-1`).inspect();
    const db = await docker.getContainer(`${project}-db-1`).inspect();
    const result = await applyUp(client, loadTestProject(FILE, project, { WORKER_MODE: 'second' }), { stopTimeoutSeconds: 1 });
    assert.deepEqual(result.applied.map((a) => `${a.service}:${a.kind}`), ['worker:recreate']);
    const worker = await docker.getContainer(`${project}-worker-1`).inspect();
    assert.ok(worker.Config.Env.includes('WORKER_MODE=second'));
    assert.equal(worker.State.Running, true);
    assert.equal((await docker.getContainer(`${project}-web-1`).inspect()).Id, web.Id);
    assert.equal((await docker.getContainer(`${project}-db-1`).inspect()).State.StartedAt, db.State.StartedAt);
    assert.deepEqual(await projectContainerNames(docker, project), [`${project}-db-1`, `${project}-web-1`, `${project}-worker-1`]);
  });

  it("is listed by Debian's docker-compose 1.29", async () => {
    const output = await dockerCompose(['-p', project, '-f', FILE, 'ps'], project, { WORKER_MODE: 'second' });
    for (const service of ['db', 'web', 'worker']) assert.match(output, new RegExp(`${project}-${service}-1\\b`));
  });

  it('recreates a service whose image tag now points at another image', async () => {
    builtImageId = (await docker.getImage(`${project}-web:test`).inspect()).Id;
    await docker.getImage(TEST_IMAGE).tag({ repo: `${project}-web`, tag: 'test' });
    const result = await applyUp(client, loadTestProject(FILE, project, { WORKER_MODE: 'second' }), { stopTimeoutSeconds: 1 });
    assert.deepEqual(result.applied.map((a) => `${a.service}:${a.kind}:${a.reason}`), ['web:recreate:image changed']);
    const web = await docker.getContainer(`${project}-web-1`).inspect();
    assert.equal(web.Image, (await docker.getImage(TEST_IMAGE).inspect()).Id);
  });

  it('refuses to deploy a file with errors and creates nothing', async () => {
    const other = testProjectName('invalid');
    const loaded = loadTestProject(FILE, other);
    loaded.diagnostics.push({ severity: 'error', code: 'test', message: 'broken on purpose', range: { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } }, offset: { start: 0, end: 0 }, file: FILE });
    await assert.rejects(applyUp(client, loaded), (err: unknown) => err instanceof ComposeApplyError && /nothing was deployed/.test(err.message));
    assert.deepEqual(await projectContainerNames(docker, other), []);
  });

  it('down removes the containers and the network and keeps the volume', async () => {
    const plan = await applyDown(client, project, loadTestProject(FILE, project).project, { stopTimeoutSeconds: 1 });
    assert.deepEqual(plan.networksToRemove.map((n) => n.name), [`${project}_back`]);
    assert.deepEqual(await projectContainerNames(docker, project), []);
    const networks = await docker.listNetworks({ filters: JSON.stringify({ name: [`${project}_back`] }) });
    assert.equal(networks.length, 0);
    const volume = await docker.getVolume(`${project}_data`).inspect();
    assert.equal(volume.Name, `${project}_data`);
  });
});
