import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadComposeProject, LoadedCompose } from '../../../src/compose/composeLoad';

const FILE = '/p/compose.yaml';

function load(text: string, env: Record<string, string> = {}): LoadedCompose {
  return loadComposeProject({ files: [FILE], env, homeDir: '/home/tester', readFile: (file) => (file === FILE ? text : undefined) });
}

function found(loaded: LoadedCompose): string[] {
  return loaded.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range.start.line + 1}`);
}

describe('compose loader: what compose accepts', () => {
  it('merges several YAML documents of one file in order', () => {
    const loaded = load('services:\n  web:\n    image: a\n    command: x\n---\nservices:\n  web:\n    image: b\n');
    assert.deepEqual(found(loaded), []);
    assert.equal(loaded.project.services.web.image, 'b');
    assert.deepEqual(loaded.project.services.web.command, ['x']);
  });

  it('converts values merged from an anchor to their type where they are used', () => {
    const loaded = load('x-h: &h\n  retries: ${R:-3}\n  test: ["CMD", "true"]\nservices:\n  web:\n    image: x\n    healthcheck:\n      <<: *h\n');
    assert.deepEqual(found(loaded), []);
    assert.equal(loaded.project.services.web.healthcheck?.retries, 3);
  });

  it('reads YAML 1.1 yes/no at boolean fields, with a warning', () => {
    const loaded = load('services:\n  web:\n    image: x\n    privileged: yes\n    tty: "off"\n    environment:\n      KEEP: yes\n');
    assert.deepEqual(found(loaded), ['warning yaml11-boolean 4', 'warning yaml11-boolean 5']);
    assert.equal(loaded.project.services.web.privileged, true);
    assert.equal(loaded.project.services.web.tty, false);
    assert.equal(loaded.project.services.web.environment.KEEP, 'yes');
  });

  it('keeps a lone "$" literally', () => {
    const loaded = load('services:\n  web:\n    image: x\n    command: echo price 5$ $(date)\n');
    assert.deepEqual(found(loaded), []);
    assert.deepEqual(loaded.project.services.web.command, ['echo', 'price', '5$', '$(date)']);
  });

  it('runs a service named x-foo', () => {
    const loaded = load('services:\n  x-foo:\n    image: x\n  web:\n    image: y\n    depends_on: [x-foo]\n');
    assert.deepEqual(found(loaded), []);
    assert.deepEqual(Object.keys(loaded.project.services), ['x-foo', 'web']);
  });

  it('reads the old external: { name } form', () => {
    const loaded = load('services:\n  web:\n    image: x\n    volumes: [data:/d]\nvolumes:\n  data:\n    external:\n      name: real-data\n');
    assert.deepEqual(found(loaded), ['warning deprecated-key 7']);
    assert.deepEqual([loaded.project.volumes.data.external, loaded.project.volumes.data.name], [true, 'real-data']);
  });

  it('builds with the default Dockerfile when dockerfile interpolates to nothing', () => {
    const loaded = load('services:\n  web:\n    build:\n      context: .\n      dockerfile: ${UNSET}\n');
    assert.equal(loaded.project.services.web.build?.dockerfile, 'Dockerfile');
  });

  it('merges an extra_hosts mapping with a list without repeating entries', () => {
    const loaded = loadComposeProject({
      files: ['/p/compose.yaml', '/p/compose.override.yaml'],
      env: {},
      readFile: (file) =>
        file === '/p/compose.yaml'
          ? 'services:\n  web:\n    image: x\n    extra_hosts:\n      example.com: 1.2.3.4\n'
          : file === '/p/compose.override.yaml'
            ? 'services:\n  web:\n    extra_hosts:\n      - localhost=127.0.0.1\n      - example.com=1.2.3.4\n'
            : undefined,
    });
    assert.deepEqual(found(loaded), []);
    assert.equal(loaded.project.services.web.extraHosts.length, 2);
  });
});

describe('compose loader: what compose refuses', () => {
  it('reports a name listed twice in an environment list', () => {
    assert.deepEqual(found(load('services:\n  web:\n    image: x\n    environment:\n      - A=1\n      - B=2\n      - A=3\n')), ['error duplicate-key 7']);
  });

  it('reports numeric keys and a numeric project name', () => {
    assert.deepEqual(found(load('name: 123\nservices:\n  web:\n    image: x\n')), ['error wrong-type 1']);
    assert.deepEqual(found(load('services:\n  web:\n    image: x\n    environment:\n      1: x\n')), ['error non-string-key 5']);
  });

  it('reports an empty file', () => {
    assert.deepEqual(found(load('# nothing here\n')), ['error empty-file 1']);
  });

  it('reports settings that conflict with external', () => {
    const loaded = load('services:\n  web:\n    image: x\n    volumes: [v:/v]\nvolumes:\n  v:\n    external: true\n    driver: local\n    labels: [a=b]\n');
    assert.deepEqual(found(loaded), ['error external-conflict 8', 'error external-conflict 9']);
  });
});
