import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';
import { fixturePath } from '../../support/paths';

function load(name: string, env: Record<string, string> = {}): { loaded: LoadedCompose; dir: string } {
  const dir = fixturePath('compose', 'linked', name);
  return { loaded: loadComposeProject({ files: [path.join(dir, 'compose.yaml')], env, homeDir: '/home/tester' }), dir };
}

function problems(loaded: LoadedCompose, dir: string): string[] {
  return loaded.diagnostics.map((d) => `${d.severity} ${d.code} ${path.relative(dir, d.file ?? '')}:${d.range.start.line + 1}`);
}

describe('extends', () => {
  it('merges a service of the same file with the override rules, also through a chain', () => {
    const { loaded, dir } = load('same-file');
    assert.deepEqual(problems(loaded, dir), []);
    const { web, quiet } = loaded.project.services;
    assert.equal(web.image, 'alpine');
    assert.deepEqual(web.command, ['echo', 'base']);
    assert.deepEqual(web.environment, { A: '1', B: '2' });
    assert.deepEqual(web.labels, { tier: 'base' });
    // !reset removes what the chain brought; mappings merge by key.
    assert.equal(quiet.command, undefined);
    assert.deepEqual(quiet.environment, { A: '1', B: '2' });
    assert.deepEqual(quiet.labels, { tier: 'quiet' });
  });

  it('takes a service from another file, keeping its paths relative to that file', () => {
    const { loaded, dir } = load('other-folder');
    assert.deepEqual(problems(loaded, dir), []);
    const app = loaded.project.services.app;
    const lib = path.join(dir, 'lib');
    assert.equal(app.image, 'app:1');
    assert.equal(app.build?.context, lib);
    assert.equal(app.environment.FROM_LIB, 'yes');
    assert.deepEqual(app.volumes.map((v) => [v.type, v.source, v.target]), [['bind', path.join(lib, 'data'), '/data']]);
    // Only the extended service joins the project.
    assert.deepEqual(Object.keys(loaded.project.services), ['app']);
  });

  it('reports a cycle at the extends entry', () => {
    const { loaded, dir } = load('cycle');
    assert.ok(problems(loaded, dir).includes('error extends-cycle compose.yaml:4'), problems(loaded, dir).join('\n'));
    assert.match(loaded.diagnostics.find((d) => d.code === 'extends-cycle')?.message ?? '', /a -> b -> a/);
  });

  it('reports a missing service and a missing file where they are named', () => {
    const { loaded, dir } = load('missing');
    const found = problems(loaded, dir);
    assert.ok(found.includes('error unknown-service compose.yaml:3'), found.join('\n'));
    assert.ok(found.includes('error missing-file compose.yaml:6'), found.join('\n'));
    assert.ok(loaded.project.services.c);
  });
});

describe('include', () => {
  it('adds the included project, with its own .env and folder', () => {
    const { loaded, dir } = load('include');
    assert.deepEqual(problems(loaded, dir), []);
    const { db, web } = loaded.project.services;
    assert.equal(db.image, 'postgres:16');
    assert.equal(db.volumes[0].source, path.join(dir, 'db', 'init'));
    assert.ok('data' in loaded.project.volumes);
    assert.deepEqual(Object.keys(web.dependsOn), ['db']);
  });

  it('reports problems of an included file in that file, conflicts and cycles at the include', () => {
    const { loaded, dir } = load('include-problems');
    const found = problems(loaded, dir);
    assert.ok(found.includes('error include-conflict compose.yaml:2'), found.join('\n'));
    assert.ok(found.includes('error include-cycle compose.yaml:2'), found.join('\n'));
    assert.ok(found.includes(`error invalid-value ${path.join('sub', 'compose.yaml')}:6`), found.join('\n'));
    assert.equal(loaded.project.services.web.image, 'web');
  });
});
