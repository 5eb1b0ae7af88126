import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { applyUp } from '../../../src/compose/composeApply';
import { applyDown } from '../../../src/compose/composeDown';
import { ComposeApplyError } from '../../../src/compose/composeProgress';
import { cleanupTestObjects, engineSkip, requireEngine, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { loadTestProject, testProjectName } from './composeSupport';

/** Berth's own client for the code under test; dockerode only sets up fixtures. */
const client = testClient();

const FILE = fixturePath('compose', 'engine', 'failing', 'compose.yaml');

describe('compose apply failures against the engine', { skip: engineSkip() }, () => {
  let docker: Docker;
  const project = testProjectName('fail');

  before(async () => {
    docker = await requireEngine();
  });

  after(async () => {
    await applyDown(client, project, undefined, { stopTimeoutSeconds: 1 }).catch(() => undefined);
    await cleanupTestObjects(docker);
  });

  it('names the failing service with the engine reason, times out a health wait clearly, and leaves the rest running', async () => {
    const loaded = loadTestProject(FILE, project);
    let error: ComposeApplyError | undefined;
    await applyUp(client, loaded, { dependencyTimeoutMs: 4000 }).catch((err: unknown) => {
      error = err as ComposeApplyError;
    });
    assert.ok(error instanceof ComposeApplyError, 'the deploy should fail');
    const failures = error.failures.join('\n');
    assert.match(failures, /Service "broken": .*no such file or directory/);
    assert.match(failures, /"after-broken" was not started because "broken" failed/);
    assert.match(failures, /Service "never" did not become healthy within 4 s/);

    const state = async (name: string): Promise<string | undefined> =>
      docker.getContainer(`${project}-${name}-1`).inspect().then((i) => i.State.Status, () => undefined);
    assert.equal(await state('fine'), 'running');
    assert.equal(await state('never'), 'running');
    assert.equal(await state('after-broken'), undefined);
    assert.equal(await state('after-never'), undefined);
  });
});
