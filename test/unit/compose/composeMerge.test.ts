import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { discoverComposeFiles } from '../../../src/compose/composeFiles';
import { loadComposeProject } from '../../../src/compose/composeLoad';
import { mergeComposeDocuments } from '../../../src/compose/composeMerge';
import { parseComposeText } from '../../../src/compose/composeParse';
import { yamlToPlain } from '../../../src/compose/composeYaml';
import { caseDirs, FIXTURE_HOME, readJson } from './composeFixtureSupport';

function plainOf(text: string): unknown {
  const parsed = parseComposeText(text);
  assert.deepEqual(parsed.diagnostics, []);
  return yamlToPlain(parsed.doc.contents, parsed.doc);
}

describe('compose merge fixtures', () => {
  for (const dir of caseDirs('merge')) {
    it(path.basename(dir), () => {
      const expected = readJson<{ files?: string[]; merged: unknown }>(path.join(dir, 'expected.json'));
      const files = expected.files ? expected.files.map((f) => path.join(dir, f)) : discoverComposeFiles(dir)?.files ?? [];
      assert.ok(files.length >= 2, 'a merge fixture has an override');
      const merged = mergeComposeDocuments(files.map((file) => plainOf(readFileSync(file, 'utf8'))));
      assert.deepEqual(merged, expected.merged);
      const loaded = loadComposeProject({ files, env: {}, homeDir: FIXTURE_HOME });
      assert.deepEqual(loaded.diagnostics, []);
    });
  }
});

describe('mergeComposeDocuments', () => {
  it('applies the override model end to end', () => {
    const dir = path.join(caseDirs('merge').find((d) => d.endsWith('override-basic')) as string);
    const files = discoverComposeFiles(dir)?.files ?? [];
    const { project } = loadComposeProject({ files, env: {}, homeDir: FIXTURE_HOME });
    const web = project.services.web;
    assert.deepEqual(web.command, ['nginx-debug', '-g', 'daemon off;']);
    assert.deepEqual(web.environment, { MODE: 'dev', KEEP: 'yes', EXTRA: '1' });
    assert.deepEqual(web.volumes.map((v) => [v.source, v.target, v.readOnly]), [
      [path.join(dir, 'html-dev'), '/usr/share/nginx/html', false],
      ['logs', '/var/log/nginx', false],
    ]);
    assert.deepEqual(Object.keys(web.networks), ['front', 'back']);
    assert.deepEqual(Object.keys(web.dependsOn), ['api', 'db']);
    assert.equal(project.services.api.entrypoint, undefined);
    assert.equal(project.networks.front.driver, 'bridge');
    assert.deepEqual(project.configFiles, files);
  });

  it('replaces a scalar with a later one and keeps unrelated keys', () => {
    const merged = mergeComposeDocuments([plainOf('services:\n  a:\n    image: x\n    user: root\n'), plainOf('services:\n  a:\n    image: y\n')]);
    assert.deepEqual(merged, { services: { a: { image: 'y', user: 'root' } } });
  });

  it('turns a build string into a context when an override adds settings', () => {
    const merged = mergeComposeDocuments([plainOf('services:\n  a:\n    build: ./app\n'), plainOf('services:\n  a:\n    build:\n      dockerfile: Dev.Dockerfile\n')]);
    assert.deepEqual(merged, { services: { a: { build: { context: './app', dockerfile: 'Dev.Dockerfile' } } } });
  });

  it('merges extra_hosts lists by value and maps by host', () => {
    const lists = mergeComposeDocuments([plainOf('services:\n  a:\n    extra_hosts: ["a:1.1.1.1"]\n'), plainOf('services:\n  a:\n    extra_hosts: ["a:1.1.1.1", "b:2.2.2.2"]\n')]);
    assert.deepEqual(lists, { services: { a: { extra_hosts: ['a:1.1.1.1', 'b:2.2.2.2'] } } });
    const maps = mergeComposeDocuments([plainOf('services:\n  a:\n    extra_hosts: {a: 1.1.1.1}\n'), plainOf('services:\n  a:\n    extra_hosts: {a: 3.3.3.3}\n')]);
    assert.deepEqual(maps, { services: { a: { extra_hosts: { a: '3.3.3.3' } } } });
  });

  it('removes a whole service with !reset and strips markers from a single file', () => {
    const merged = mergeComposeDocuments([plainOf('services:\n  a:\n    image: x\n  b:\n    image: y\n'), plainOf('services:\n  b: !reset\n')]);
    assert.deepEqual(merged, { services: { a: { image: 'x' } } });
    const single = mergeComposeDocuments([plainOf('services:\n  a:\n    image: x\n    ports: !override ["1:1"]\n    user: !reset root\n')]);
    assert.deepEqual(single, { services: { a: { image: 'x', ports: ['1:1'] } } });
  });

  it('replaces the healthcheck test but merges the other healthcheck settings', () => {
    const merged = mergeComposeDocuments([
      plainOf('services:\n  a:\n    healthcheck:\n      test: ["CMD", "a", "b"]\n      retries: 3\n'),
      plainOf('services:\n  a:\n    healthcheck:\n      test: ["CMD", "c"]\n      interval: 5s\n'),
    ]);
    assert.deepEqual(merged, { services: { a: { healthcheck: { test: ['CMD', 'c'], retries: 3, interval: '5s' } } } });
  });

  it('loads overrides that use !reset and !override without diagnostics', () => {
    const files: Record<string, string> = {
      '/p/compose.yaml': 'services:\n  a:\n    image: x\n    user: root\n    ports: ["80:80"]\n',
      '/p/compose.override.yaml': 'services:\n  a:\n    user: !reset null\n    ports: !override ["81:81"]\n',
    };
    const loaded = loadComposeProject({ files: Object.keys(files), env: {}, readFile: (f) => files[f] });
    assert.deepEqual(loaded.diagnostics, []);
    assert.equal(loaded.project.services.a.user, undefined);
    assert.deepEqual(loaded.project.services.a.ports.map((p) => p.target.start), [81]);
  });
  it('merges devices by container path, keeping the base order', () => {
    const merged = mergeComposeDocuments([
      plainOf('services:\n  a:\n    devices: ["/dev/sda:/dev/xvda", "/dev/sdb:/dev/xvdb:r", "/dev/fuse"]\n'),
      plainOf('services:\n  a:\n    devices: ["/dev/nvme0n1:/dev/xvdb", {source: /dev/null, target: /dev/fuse}, "/dev/kvm"]\n'),
    ]);
    assert.deepEqual(merged, { services: { a: { devices: ['/dev/sda:/dev/xvda', '/dev/nvme0n1:/dev/xvdb', { source: '/dev/null', target: '/dev/fuse' }, '/dev/kvm'] } } });
  });

  it('merges links by the text before "=", as compose does', () => {
    const merged = mergeComposeDocuments([plainOf('services:\n  a:\n    links: [db, cache, queue]\n'), plainOf('services:\n  a:\n    links: [cache=store, db, search]\n')]);
    assert.deepEqual(merged, { services: { a: { links: ['db', 'cache=store', 'queue', 'search'] } } });
  });

  it('merges logging options only while the driver stays the same', () => {
    const base = plainOf('services:\n  a:\n    logging:\n      driver: local\n      options: {max-size: 10m}\n');
    const sameDriver = mergeComposeDocuments([base, plainOf('services:\n  a:\n    logging:\n      options: {max-file: "3"}\n')]);
    assert.deepEqual(sameDriver, { services: { a: { logging: { driver: 'local', options: { 'max-size': '10m', 'max-file': '3' } } } } });
    const otherDriver = mergeComposeDocuments([base, plainOf('services:\n  a:\n    logging:\n      driver: syslog\n      options: {syslog-address: "udp://1.2.3.4:514"}\n')]);
    assert.deepEqual(otherDriver, { services: { a: { logging: { driver: 'syslog', options: { 'syslog-address': 'udp://1.2.3.4:514' } } } } });
  });

  it('merges ulimits by name, a later limit replacing the earlier one whole', () => {
    const merged = mergeComposeDocuments([
      plainOf('services:\n  a:\n    ulimits:\n      nofile: {soft: 1024, hard: 4096}\n      nproc: 512\n      core: 0\n'),
      plainOf('services:\n  a:\n    ulimits:\n      nofile: {hard: 8192}\n      nproc: {soft: 256, hard: 1024}\n      core: !reset\n'),
    ]);
    assert.deepEqual(merged, { services: { a: { ulimits: { nofile: { hard: 8192 }, nproc: { soft: 256, hard: 1024 } } } } });
  });
});
