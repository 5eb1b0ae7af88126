import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { serviceConfigHash, stableStringify } from '../../../src/compose/composeHash';
import { loadComposeProject } from '../../../src/compose/composeLoad';
import { ComposeService } from '../../../src/compose/composeModelTypes';

function service(yaml: string): ComposeService {
  const files = ['/virtual/compose.yaml'];
  const loaded = loadComposeProject({ files, env: {}, homeDir: '/home/tester', readFile: (f) => (f === files[0] ? yaml : undefined) });
  assert.deepEqual(loaded.diagnostics, []);
  return loaded.project.services.app;
}

const base = 'services:\n  app:\n    image: nginx:1.25\n    environment:\n      A: "1"\n      B: "2"\n    ports: ["8080:80"]\n';

describe('serviceConfigHash', () => {
  it('is a sha256 hex digest', () => {
    assert.match(serviceConfigHash(service(base)), /^[0-9a-f]{64}$/);
  });

  it('does not depend on key order in the file', () => {
    const reordered = 'services:\n  app:\n    ports: ["8080:80"]\n    environment:\n      B: "2"\n      A: "1"\n    image: nginx:1.25\n';
    assert.equal(serviceConfigHash(service(reordered)), serviceConfigHash(service(base)));
  });

  it('does not depend on how the same config is written', () => {
    const listForm = 'services:\n  app:\n    image: nginx:1.25\n    environment: ["A=1", "B=2"]\n    ports:\n      - target: 80\n        published: 8080\n';
    assert.equal(serviceConfigHash(service(listForm)), serviceConfigHash(service(base)));
  });

  it('changes when the container would differ', () => {
    const hash = serviceConfigHash(service(base));
    assert.notEqual(serviceConfigHash(service(base.replace('1.25', '1.26'))), hash);
    assert.notEqual(serviceConfigHash(service(base.replace('"2"', '"3"'))), hash);
    assert.notEqual(serviceConfigHash(service(base.replace('8080:80', '8081:80'))), hash);
  });

  it('ignores replicas, depends_on and profiles, which need no recreate', () => {
    const hash = serviceConfigHash(service(base));
    const scaled = `${base}    deploy:\n      replicas: 4\n    profiles: [web]\n    depends_on: [db]\n  db:\n    image: db\n`;
    const loaded = loadComposeProject({ files: ['/v/compose.yaml'], env: {}, profiles: ['web'], readFile: (f) => (f === '/v/compose.yaml' ? scaled : undefined) });
    assert.equal(serviceConfigHash(loaded.project.services.app), hash);
  });

  it('is pinned: existing containers keep matching across Berth versions', () => {
    const fixed: ComposeService = {
      name: 'app',
      image: 'nginx:1.25',
      environment: { A: '1' },
      ports: [],
      volumes: [],
      networks: { default: { aliases: [] } },
      dependsOn: {},
      labels: {},
      extraHosts: [],
      capAdd: [],
      capDrop: [],
      privileged: false,
      tty: false,
      stdinOpen: false,
      replicas: 1,
      profiles: [],
    };
    // The canonical form: sorted keys, no replicas/profiles/dependsOn/build. Its sha256 was taken with
    // `printf '%s' '<json>' | sha256sum`. If this changes, every deployed container looks changed and
    // is recreated on the next deploy.
    const canonical =
      '{"capAdd":[],"capDrop":[],"environment":{"A":"1"},"extraHosts":[],"image":"nginx:1.25","labels":{},"name":"app",' +
      '"networks":{"default":{"aliases":[]}},"ports":[],"privileged":false,"stdinOpen":false,"tty":false,"volumes":[]}';
    assert.equal(createHash('sha256').update(canonical).digest('hex'), '26137601195d90de5154ad1f0b6cb79df13e52259eb3aa3386ebb9dcb534c4a2');
    assert.equal(serviceConfigHash(fixed), '26137601195d90de5154ad1f0b6cb79df13e52259eb3aa3386ebb9dcb534c4a2');
  });
});

describe('stableStringify', () => {
  it('sorts keys at every level and drops undefined like JSON', () => {
    assert.equal(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }), '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    assert.equal(stableStringify([undefined, null, 'x']), '[null,null,"x"]');
  });
});
