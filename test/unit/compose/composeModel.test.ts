import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';
import { buildComposeModel, resolveProjectName } from '../../../src/compose/composeModel';
import { normalizeProjectName } from '../../../src/compose/composeModelValues';

function load(files: Record<string, string>, options: { env?: Record<string, string>; projectName?: string; profiles?: string[] } = {}): LoadedCompose {
  return loadComposeProject({
    files: Object.keys(files).filter((f) => !f.endsWith('.env')),
    env: options.env ?? {},
    projectName: options.projectName,
    profiles: options.profiles,
    homeDir: '/home/tester',
    readFile: (file) => files[file],
  });
}

describe('project name', () => {
  it('normalises folder names as compose does', () => {
    assert.equal(normalizeProjectName('My App.v2'), 'myappv2');
    assert.equal(normalizeProjectName('__Stack-1'), 'stack-1');
    assert.equal(normalizeProjectName('---'), '');
  });

  it('prefers the explicit name, then COMPOSE_PROJECT_NAME, then name:, then the folder', () => {
    const root = { name: 'from-file' };
    const lookup = (env: Record<string, string>) => (name: string): string | undefined => env[name];
    assert.equal(resolveProjectName(root, { projectName: 'Explicit', lookup: lookup({ COMPOSE_PROJECT_NAME: 'env' }), workingDir: '/x/Folder' }), 'explicit');
    assert.equal(resolveProjectName(root, { lookup: lookup({ COMPOSE_PROJECT_NAME: 'env' }), workingDir: '/x/Folder' }), 'env');
    assert.equal(resolveProjectName(root, { lookup: lookup({}), workingDir: '/x/Folder' }), 'from-file');
    assert.equal(resolveProjectName({}, { lookup: lookup({}), workingDir: '/x/Folder' }), 'folder');
    assert.equal(resolveProjectName({}, { lookup: lookup({}), workingDir: '/x/___' }), 'default');
  });

  it('takes COMPOSE_PROJECT_NAME from the .env file too', () => {
    const loaded = load({ '/p/dir/compose.yaml': 'services:\n  a:\n    image: x\n', '/p/dir/.env': 'COMPOSE_PROJECT_NAME=dotenv\n' });
    assert.equal(loaded.project.name, 'dotenv');
    assert.equal(loaded.project.networks.default.name, 'dotenv_default');
  });
});

describe('buildComposeModel', () => {
  it('lets the environment win over .env and records the variables used', () => {
    const loaded = load(
      { '/p/compose.yaml': 'services:\n  a:\n    image: x:${TAG}\n', '/p/.env': 'TAG=dotenv\nONLY=file\n' },
      { env: { TAG: 'env' } },
    );
    assert.equal(loaded.project.services.a.image, 'x:env');
    assert.equal(loaded.variables.ONLY, 'file');
  });

  it('has no default network when every service picks its networks', () => {
    const loaded = load({ '/p/compose.yaml': 'services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n' });
    assert.deepEqual(Object.keys(loaded.project.networks), ['n']);
  });

  it('keeps a user-defined default network with its settings', () => {
    const loaded = load({ '/p/compose.yaml': 'services:\n  a:\n    image: x\nnetworks:\n  default:\n    name: shared-net\n    external: true\n' });
    assert.deepEqual(loaded.project.networks.default, {
      key: 'default',
      name: 'shared-net',
      external: true,
      internal: false,
      attachable: false,
      labels: {},
      subnets: [],
    });
  });

  it('uses the profiles option over COMPOSE_PROFILES, and * enables all', () => {
    const file = { '/p/compose.yaml': 'services:\n  a:\n    image: x\n  b:\n    image: x\n    profiles: [p]\n' };
    assert.deepEqual(Object.keys(load(file, { env: { COMPOSE_PROFILES: 'p' } }).project.services), ['a', 'b']);
    assert.deepEqual(load(file, { env: { COMPOSE_PROFILES: 'p' }, profiles: [] }).project.inactiveServices, ['b']);
    assert.deepEqual(Object.keys(load(file, { profiles: ['*'] }).project.services), ['a', 'b']);
  });

  it('reads env_file values under environment and interpolates them', () => {
    const loaded = load(
      {
        '/p/compose.yaml': 'services:\n  a:\n    image: x\n    env_file: [conf/a.env]\n    environment: [B=override, C]\n',
        '/p/conf/a.env': 'A=${HOSTVAR}\nB=file\n',
      },
      { env: { HOSTVAR: 'h', C: 'from-env' } },
    );
    assert.deepEqual(loaded.project.services.a.environment, { A: 'h', B: 'override', C: 'from-env' });
  });

  it('survives input that is not a compose document', () => {
    const project = buildComposeModel('just text', { workingDir: '/p/x', configFiles: [], lookup: () => undefined, homeDir: '/h' });
    assert.deepEqual(project.services, {});
    assert.equal(project.name, 'x');
  });
});

describe('loadComposeProject', () => {
  it('reports a missing compose file', () => {
    const loaded = load({ '/p/compose.yaml': 'services: {}\n', '/p/missing.yaml': undefined as unknown as string });
    assert.deepEqual(loaded.diagnostics.map((d) => [d.code, d.file]), [['missing-file', '/p/missing.yaml']]);
  });

  it('checks references only when every file parses', () => {
    const loaded = load({ '/p/compose.yaml': 'services:\n  a:\n    depends_on: [ghost]\n', '/p/compose.override.yaml': 'services: [\n' });
    assert.ok(loaded.diagnostics.every((d) => d.code === 'yaml-syntax'));
    assert.ok(loaded.diagnostics.length > 0);
  });

  it('orders diagnostics by file (the .env file first) and position', () => {
    const loaded = load({
      '/p/compose.yaml': 'services:\n  b:\n    image: ${LATE}\n  a:\n    image: ${EARLY}\n',
      '/p/.env': 'X=${IN_DOTENV}\n',
    });
    assert.deepEqual(loaded.diagnostics.map((d) => [d.file, d.message.match(/"(\w+)"/)?.[1]]), [
      ['/p/.env', 'IN_DOTENV'],
      ['/p/compose.yaml', 'LATE'],
      ['/p/compose.yaml', 'EARLY'],
    ]);
  });
});
