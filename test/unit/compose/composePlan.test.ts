import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { planDown } from '../../../src/compose/composeDownPlan';
import { containerLabels, LABEL_CONFIG_HASH, LABEL_PROJECT } from '../../../src/compose/composeLabels';
import { planUp } from '../../../src/compose/composePlan';
import { caseDirs } from './composeFixtureSupport';
import { loadPlanCase } from './composePlanSupport';

describe('compose plan fixtures', () => {
  for (const dir of caseDirs('plan')) {
    describe(path.basename(dir), () => {
      const { project, state, expected } = loadPlanCase(dir);
      assert.ok(expected.up && expected.up.length > 0, 'a plan fixture has at least one up plan');
      for (const { options, plan } of expected.up) {
        it(`up ${JSON.stringify(options ?? {})}`, () => {
          assert.deepEqual(JSON.parse(JSON.stringify(planUp(project, state, options))), plan);
        });
      }
      for (const { options, withoutModel, plan } of expected.down ?? []) {
        it(`down ${JSON.stringify(options ?? {})}${withoutModel ? ' without the files' : ''}`, () => {
          assert.deepEqual(planDown(project.name, withoutModel ? undefined : project, state, options), plan);
        });
      }
    });
  }
});

describe('planUp', () => {
  it('reports a service it was asked for that does not exist', () => {
    const { project, state } = loadPlanCase(caseDirs('plan').find((d) => d.endsWith('first-deploy')) as string);
    const plan = planUp(project, state, { services: ['nope'] });
    assert.deepEqual(plan.problems, ['No service named "nope" in the project.']);
    assert.deepEqual(plan.levels, []);
  });

  it('plans containers whose labels carry the service hash it planned with', () => {
    const { project, state } = loadPlanCase(caseDirs('plan').find((d) => d.endsWith('first-deploy')) as string);
    const plan = planUp(project, state);
    const db = plan.levels[0][0];
    const labels = containerLabels(project, project.services[db.service], 1, db.configHash);
    assert.equal(labels[LABEL_CONFIG_HASH], db.configHash);
    assert.equal(labels[LABEL_PROJECT], 'shop');
    assert.equal(labels['com.docker.compose.oneoff'], 'False');
    assert.equal(labels['com.docker.compose.version'], '2.0.0-berth');
    assert.equal(labels['com.docker.compose.project.config_files'], path.join(project.workingDir, 'compose.yaml'));
  });
});
