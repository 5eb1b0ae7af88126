import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DownOptions } from '../../../src/compose/composeDownPlan';
import { serviceConfigHash } from '../../../src/compose/composeHash';
import { loadComposeProject } from '../../../src/compose/composeLoad';
import { ComposeProject } from '../../../src/compose/composeModelTypes';
import { UpOptions } from '../../../src/compose/composePlan';
import { ComposeState } from '../../../src/compose/composePlanTypes';
import { FIXTURE_HOME } from './composeFixtureSupport';

/**
 * A plan fixture: compose.yaml, state.json (what the engine has) and expected.json. Config hashes are
 * written as `{{hash:SERVICE}}` (of compose.yaml) or `{{hash:FILE:SERVICE}}` (of another compose file
 * in the folder, e.g. the previous version of the project), so fixtures do not depend on hash values.
 */
export interface PlanExpectation {
  up?: { options?: UpOptions; plan: unknown }[];
  down?: { options?: DownOptions; withoutModel?: boolean; plan: unknown }[];
}

export function loadProject(file: string): ComposeProject {
  const loaded = loadComposeProject({ files: [file], env: {}, homeDir: FIXTURE_HOME });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], `${file} should load without errors`);
  return loaded.project;
}

export function resolveHashes(text: string, dir: string): string {
  const projects = new Map<string, ComposeProject>();
  return text.replace(/\{\{hash:(?:([^:}]+):)?([^}]+)\}\}/g, (_match, file: string | undefined, service: string) => {
    const name = file ?? 'compose.yaml';
    if (!projects.has(name)) projects.set(name, loadProject(path.join(dir, name)));
    const target = (projects.get(name) as ComposeProject).services[service];
    assert.ok(target, `no service ${service} in ${name}`);
    return serviceConfigHash(target);
  });
}

export function loadPlanCase(dir: string): { project: ComposeProject; state: ComposeState; expected: PlanExpectation } {
  const read = (name: string): unknown => JSON.parse(resolveHashes(readFileSync(path.join(dir, name), 'utf8'), dir));
  return {
    project: loadProject(path.join(dir, 'compose.yaml')),
    state: read('state.json') as ComposeState,
    expected: read('expected.json') as PlanExpectation,
  };
}
