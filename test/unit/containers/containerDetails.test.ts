import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { containerDetails, hasEmbeddedCredentials, isSecretName } from '../../../src/containers/containerDetails';
import { fixturePath } from '../../support/paths';

function inspect(name: string): Docker.ContainerInspectInfo {
  return JSON.parse(readFileSync(fixturePath('actions', name), 'utf8')) as Docker.ContainerInspectInfo;
}

describe('containerDetails', () => {
  const running = containerDetails(inspect('inspect-running-web.json'));

  it('reads identity, command, times and restart policy of a running container', () => {
    assert.equal(running.id, '52d7161c016d3a1f9da0ac3f8825eb343e1d5d03828c049d363133e36edfe719');
    assert.equal(running.name, 'berth-test-fixture-web');
    assert.equal(running.image, 'berth-test/busybox:latest');
    assert.equal(running.command, "sh -c 'echo started; sleep 3600'");
    assert.match(running.created, /^\d{4}-\d\d-\d\dT/);
    assert.equal(running.startedAt, '2026-11-28T12:50:49.184900528Z');
    assert.equal(running.finishedAt, undefined, 'the zero time means never');
    assert.equal(running.exitCode, undefined, 'a running container has no exit code');
    assert.equal(running.restartPolicy, 'on-failure:3');
  });

  it('lists published ports once per binding, with URLs for tcp, and exposed-only ports', () => {
    assert.deepEqual(running.ports, [
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080, url: 'http://localhost:8080' },
      { containerPort: 7000, protocol: 'tcp' },
      { containerPort: 9000, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 9000 },
    ]);
  });

  it('lists the named volume and the read-only bind mount', () => {
    assert.deepEqual(running.mounts, [
      { type: 'volume', name: 'berth-test-fixture-data', source: '/tmp/berth-engine/data/volumes/berth-test-fixture-data/_data', target: '/data', readOnly: false },
      { type: 'bind', source: '/tmp/berth-fixture-bind', target: '/etc/app', readOnly: true },
    ]);
  });

  it('lists the custom network with its address and user aliases, not the short-ID alias', () => {
    assert.deepEqual(running.networks, [{ name: 'berth-test-fixture-net', ipAddress: '172.31.77.2', aliases: ['web'] }]);
  });

  it('marks secrets in the environment, including a URL with a password', () => {
    assert.deepEqual(running.env, [
      { name: 'DB_PASSWORD', value: 'hunter2', secret: true },
      { name: 'API_KEY', value: 'abc123', secret: true },
      { name: 'LOG_LEVEL', value: 'debug', secret: false },
      { name: 'DATABASE_URL', value: 'postgres://app:s3cret@db:5432/app', secret: true },
      { name: 'EMPTY', value: '', secret: false },
      { name: 'PATH', value: '/bin', secret: false },
    ]);
    assert.deepEqual(running.labels, { 'berth.test': '1', 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' });
  });

  it('keeps configured port bindings of a stopped container, without URLs, and its exit code', () => {
    const stopped = containerDetails(inspect('inspect-stopped-web.json'));
    assert.deepEqual(stopped.ports, [
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080 },
      { containerPort: 7000, protocol: 'tcp' },
      { containerPort: 9000, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 9000 },
    ]);
    assert.equal(stopped.exitCode, 137);
    assert.equal(stopped.finishedAt, '2026-11-28T12:51:01.785404957Z');
    assert.deepEqual(stopped.networks, [{ name: 'berth-test-fixture-net', aliases: ['web'] }]);
  });

  it('reads an exited container on the default bridge without ports or mounts', () => {
    const exited = containerDetails(inspect('inspect-exited.json'));
    assert.equal(exited.name, 'berth-test-fixture-exited');
    assert.equal(exited.command, "sh -c 'exit 3'");
    assert.equal(exited.exitCode, 3);
    assert.equal(exited.restartPolicy, 'no');
    assert.deepEqual(exited.ports, []);
    assert.deepEqual(exited.mounts, []);
    assert.deepEqual(exited.networks, [{ name: 'bridge', aliases: [] }]);
  });
});

describe('isSecretName', () => {
  const secret = [
    'PASSWORD', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'POSTGRES_PASSWD', 'DBPASSWORD', 'REDIS_PASS', 'dbPassword',
    'DB_PWD', 'SECRET', 'CLIENT_SECRET', 'JWT_SECRETS', 'GITHUB_TOKEN', 'GITHUBTOKEN', 'NPM_TOKEN', 'authToken',
    'API_KEY', 'apiKey', 'APIKEY', 'PRIVATE_KEY', 'SSH_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'SIGNING_KEYS',
    'GOOGLE_APPLICATION_CREDENTIALS', 'DB_CREDENTIAL', 'REGISTRY_CREDS', 'BASIC_AUTH', 'NPM_AUTH', 'GPG_PASSPHRASE',
    'my-app.password', 'OAUTH_CLIENT_SECRET',
  ];
  const plain = [
    'PATH', 'HOME', 'PWD', 'OLDPWD', 'KEYBOARD_LAYOUT', 'MONKEY', 'TOKENIZERS_PARALLELISM', 'AUTH_URL', 'AUTHOR',
    'PUBLIC_KEY', 'SSH_PUBLIC_KEY', 'DOCKER_CERT_PATH', 'TLS_CERT', 'LOG_LEVEL', 'SECRETARY_NAME', 'PASSENGER_COUNT',
    'BYPASS_CACHE', 'KEYCLOAK_URL', 'HOSTNAME', '',
  ];
  for (const name of secret) it(`masks ${name}`, () => assert.equal(isSecretName(name), true));
  for (const name of plain) it(`shows ${name || '(empty)'}`, () => assert.equal(isSecretName(name), false));
});

describe('hasEmbeddedCredentials', () => {
  it('spots user:password@ in URLs only', () => {
    assert.equal(hasEmbeddedCredentials('postgres://app:s3cret@db:5432/app'), true);
    assert.equal(hasEmbeddedCredentials('https://user:tok@example.com'), true);
    assert.equal(hasEmbeddedCredentials('https://user@example.com'), false);
    assert.equal(hasEmbeddedCredentials('http://example.com:8080/a@b'), false);
    assert.equal(hasEmbeddedCredentials('plain text: with @ signs'), false);
  });
});
