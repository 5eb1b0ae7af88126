import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { loadComposeProject } from '../../../src/compose/composeLoad';
import { ComposeProgressEvent } from '../../../src/compose/composeProgress';
import { cleanupTestObjects, engineSkip, requireEngine, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { execText } from './composeExec';
import { loadTestProject, projectEnv, testProjectName } from './composeSupport';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'hooks', 'compose.yaml');

describe('compose deploys run post_start and pre_stop hooks', { skip: engineSkip() }, () => {
  let docker: Docker;
  const project = testProjectName('hooks');
  const app = `${project}-app-1`;

  before(async () => {
    docker = await requireEngine();
  });

  after(async () => {
    await applyDown(client, project, undefined, { stopTimeoutSeconds: 1, volumes: true }).catch(() => undefined);
    await cleanupTestObjects(docker);
  });

  it('runs post_start in the new container, with the container and hook environment', async () => {
    const loaded = loadTestProject(FILE, project, { MARK: 'one' });
    assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
    await applyUp(client, loaded, { stopTimeoutSeconds: 1 });
    assert.equal(await execText(docker, app, ['cat', '/state/post_start']), 'started-one-from-hook\n');
  });

  it('runs pre_stop in the old container before a recreate stops it', async () => {
    const events: ComposeProgressEvent[] = [];
    const result = await applyUp(client, loadTestProject(FILE, project, { MARK: 'two' }), { stopTimeoutSeconds: 1, onProgress: (e) => events.push(e) });
    assert.deepEqual(result.applied.map((a) => `${a.service}:${a.kind}`), ['app:recreate']);
    assert.equal(await execText(docker, app, ['cat', '/state/pre_stop']), 'stopping-one\n');
    assert.equal(await execText(docker, app, ['cat', '/state/post_start']), 'started-two-from-hook\n');
  });

  it('fails the service when a post_start hook exits non-zero, saying which and with what status', async () => {
    const loaded = loadComposeProject({ files: [FILE], env: projectEnv(project, { MARK: 'two' }), profiles: ['failing'] });
    await assert.rejects(applyUp(client, loaded, { stopTimeoutSeconds: 1 }), /post_start hook of service "failing" \(sh -c echo broken >&2; exit 3\) exited with status 3/);
  });
});
