import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { ComposeProgressEvent } from '../../../src/compose/composeProgress';
import { cleanupTestObjects, engineSkip, requireEngine, TEST_IMAGE, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { drain, registryRepo } from '../../support/testObjects';
import { loadTestProject, removeImageQuietly, testProjectName } from './composeSupport';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'pull-policy', 'compose.yaml');

describe('compose deploys follow pull_policy', { skip: engineSkip() }, () => {
  let docker: Docker;
  const project = testProjectName('policy');
  const repo = registryRepo('policy');
  const image = `${repo}:1`;

  before(async () => {
    docker = await requireEngine();
    // The image exists only in the registry: tagged, pushed, then the local tag removed.
    await docker.getImage(TEST_IMAGE).tag({ repo, tag: '1' });
    await drain(await docker.getImage(image).push({ authconfig: {} }));
    await docker.getImage(image).remove();
  });

  after(async () => {
    await applyDown(client, project, undefined, { stopTimeoutSeconds: 1 }).catch(() => undefined);
    await cleanupTestObjects(docker);
    await removeImageQuietly(docker, image);
  });

  const deploy = async (policy: string, platform = 'linux/amd64'): Promise<ComposeProgressEvent[]> => {
    const events: ComposeProgressEvent[] = [];
    const loaded = loadTestProject(FILE, project, { POLICY_IMAGE: image, POLICY: policy, PLATFORM: platform });
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
    await applyUp(client, loaded, { stopTimeoutSeconds: 1, onProgress: (e) => events.push(e) });
    return events;
  };

  it('never: refuses to deploy a service whose image is not on the engine, saying why', async () => {
    await assert.rejects(deploy('never'), /image .*policy.*:1 is not on the engine, and pull_policy is never/);
    await assert.rejects(docker.getImage(image).inspect(), /no such image/i);
  });

  it('always: pulls on every deploy, even when the image is already there', async () => {
    const first = await deploy('always');
    assert.ok(first.some((e) => e.step === 'pull'));
    await docker.getImage(image).inspect();
    const second = await deploy('always');
    assert.ok(second.some((e) => e.step === 'pull' && /Pulled/.test(e.message)));
  });

  it('missing: leaves an image that is there alone', async () => {
    const events = await deploy('missing');
    assert.equal(events.some((e) => e.step === 'pull'), false);
  });

  it('pulls for the service platform, so an image without it fails with the registry reason', async () => {
    // The pushed image is linux/amd64 only.
    await assert.rejects(deploy('always', 'linux/s390x'), /s390x/);
    const container = await docker.getContainer(`${project}-app-1`).inspect();
    assert.equal(container.State.Running, true);
  });
});
