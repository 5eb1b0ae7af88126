import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DockerContext } from '../../../src/engine/dockerContexts';
import { engineEntries, hostLabel, parseConfiguredEngines, sameConnection } from '../../../src/engine/engineEntries';

const context = (name: string, host: string, current = false): DockerContext => ({ name, host, description: '', skipTlsVerify: false, tlsFiles: [], current });

describe('parseConfiguredEngines (the berth.engines setting)', () => {
  it('reads name, host and TLS files; tlsVerify defaults to true', () => {
    const { engines, problems } = parseConfiguredEngines([
      { name: 'staging', host: 'tcp://staging:2376', tlsCa: '~/c/ca.pem', tlsCert: '~/c/cert.pem', tlsKey: '~/c/key.pem' },
      { name: 'build', host: 'ssh://me@build' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(engines, [
      { name: 'staging', host: 'tcp://staging:2376', tls: { ca: '~/c/ca.pem', cert: '~/c/cert.pem', key: '~/c/key.pem', verify: true } },
      { name: 'build', host: 'ssh://me@build', tls: undefined },
    ]);
  });

  it('leaves out broken entries with a reason each, keeping the rest', () => {
    const { engines, problems } = parseConfiguredEngines([{ host: 'tcp://a:2375' }, { name: 'x', host: 'a:2375' }, 'text', { name: 'ok', host: 'unix:///s.sock' }, { name: 'ok', host: 'tcp://b' }]);
    assert.deepEqual(engines.map((e) => e.name), ['ok']);
    assert.equal(problems.length, 4);
    assert.match(problems[0], /berth\.engines\[0\] has no "name"/);
    assert.match(problems[1], /"a:2375" is not a Docker endpoint/);
    assert.match(problems[2], /is not an object/);
    assert.match(problems[3], /used twice/);
  });

  it('a value that is not a list is one problem, and unset is none', () => {
    assert.equal(parseConfiguredEngines({ name: 'a' }).problems.length, 1);
    assert.deepEqual(parseConfiguredEngines(undefined), { engines: [], problems: [] });
  });
});

describe('engineEntries', () => {
  it('puts the current endpoint first, then contexts, configured engines and DOCKER_HOST', () => {
    const entries = engineEntries(
      { host: 'unix:///var/run/docker.sock' },
      [context('remote', 'ssh://me@remote'), context('local', 'unix:///var/run/docker.sock')],
      [{ name: 'staging', host: 'tcp://staging:2376' }],
      'tcp://10.0.0.9:2375',
    );
    assert.deepEqual(
      entries.map((e) => [e.key, e.name, e.kind === 'current' ? undefined : e.sameAsCurrent]),
      [
        ['current', 'local', undefined],
        ['context:remote', 'remote', false],
        // The same address as the current endpoint: shown, but never connected twice.
        ['context:local', 'local', true],
        ['setting:staging', 'staging', false],
        ['env:DOCKER_HOST', 'DOCKER_HOST', false],
      ],
    );
  });

  it('names the current engine after its context, and DOCKER_HOST already listed as a context is not repeated', () => {
    const entries = engineEntries({ host: 'ssh://me@remote', context: 'remote' }, [context('remote', 'ssh://me@remote', true)], [], 'ssh://me@remote');
    assert.deepEqual(
      entries.map((e) => e.key),
      ['current', 'context:remote'],
    );
    assert.equal(entries[0].name, 'remote');
    assert.equal(entries[1].kind === 'context' && entries[1].sameAsCurrent, true);
  });
});

describe('hostLabel', () => {
  it('is "local" for sockets and the host (with a non-default port) otherwise', () => {
    assert.equal(hostLabel('unix:///var/run/docker.sock'), 'local');
    assert.equal(hostLabel('npipe:////./pipe/docker_engine'), 'local');
    assert.equal(hostLabel('tcp://10.0.0.5:2376'), '10.0.0.5:2376');
    assert.equal(hostLabel('ssh://me@build.example.com'), 'build.example.com');
    assert.equal(hostLabel('ssh://me@build:2222'), 'build:2222');
    assert.equal(hostLabel('tcp://[::1]:2375'), '::1:2375');
  });
});

describe('sameConnection', () => {
  it('ignores a context becoming current, not a new address or TLS files', () => {
    const [, before] = engineEntries({ host: 'unix:///s' }, [context('remote', 'ssh://me@remote')], [], undefined);
    const [, nowCurrent] = engineEntries({ host: 'unix:///s' }, [context('remote', 'ssh://me@remote', true)], [], undefined);
    const [, moved] = engineEntries({ host: 'unix:///s' }, [context('remote', 'ssh://me@elsewhere')], [], undefined);
    assert.equal(sameConnection(before, nowCurrent), true);
    assert.equal(sameConnection(before, moved), false);
    const [, plain] = engineEntries({}, [], [{ name: 's', host: 'tcp://s:2376' }], undefined);
    const [, withTls] = engineEntries({}, [], [{ name: 's', host: 'tcp://s:2376', tls: { ca: '/ca.pem', verify: true } }], undefined);
    assert.equal(sameConnection(plain, withTls), false);
  });
});
