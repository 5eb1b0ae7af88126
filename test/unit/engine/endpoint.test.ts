import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { EndpointError, resolveEndpoint, type EndpointInputs } from '../../../src/engine/endpoint';

function inputs(overrides: Partial<EndpointInputs> & { files?: Record<string, string> } = {}): EndpointInputs {
  const files = overrides.files ?? {};
  return {
    setting: overrides.setting,
    env: overrides.env ?? {},
    homeDir: '/home/ann',
    platform: overrides.platform ?? 'linux',
    readFile: (file) => files[file],
  };
}

const contextId = (name: string): string => createHash('sha256').update(name).digest('hex');

describe('resolveEndpoint', () => {
  it('uses the platform default when nothing is configured', () => {
    const e = resolveEndpoint(inputs());
    assert.equal(e.source, 'default');
    assert.equal(e.host, 'unix:///var/run/docker.sock');
    assert.deepEqual(e.options, { socketPath: '/var/run/docker.sock' });
  });

  it('uses the named pipe on Windows', () => {
    const e = resolveEndpoint(inputs({ platform: 'win32' }));
    assert.equal(e.host, 'npipe:////./pipe/docker_engine');
    assert.deepEqual(e.options, { socketPath: '//./pipe/docker_engine' });
  });

  it('prefers the setting over DOCKER_HOST', () => {
    const e = resolveEndpoint(inputs({ setting: 'unix:///tmp/a.sock', env: { DOCKER_HOST: 'tcp://h:2375' } }));
    assert.equal(e.source, 'setting');
    assert.deepEqual(e.options, { socketPath: '/tmp/a.sock' });
  });

  it('reads DOCKER_HOST tcp without TLS', () => {
    const e = resolveEndpoint(inputs({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } }));
    assert.equal(e.source, 'DOCKER_HOST');
    assert.equal(e.tls, false);
    assert.deepEqual(e.options, { protocol: 'http', host: '10.0.0.5', port: 2375 });
  });

  it('reads TLS material from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const e = resolveEndpoint(
      inputs({
        env: { DOCKER_HOST: 'tcp://docker.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
        files: { '/certs/ca.pem': 'CA', '/certs/cert.pem': 'CERT', '/certs/key.pem': 'KEY' },
      }),
    );
    assert.equal(e.tls, true);
    assert.deepEqual(e.options, { protocol: 'https', host: 'docker.example', port: 2376, ca: 'CA', cert: 'CERT', key: 'KEY' });
  });

  it('defaults the TLS port to 2376 and the cert folder to ~/.docker', () => {
    const e = resolveEndpoint(
      inputs({ env: { DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1' }, files: { '/home/ann/.docker/ca.pem': 'CA' } }),
    );
    assert.equal(e.options.port, 2376);
    assert.equal(e.options.ca, 'CA');
  });

  it('reads ~/.ssh/config for an ssh alias: HostName, User, Port and IdentityFile, the URL winning', () => {
    const files = {
      '/home/ann/.ssh/config': 'Host build\n  HostName build.internal.example\n  User deploy\n  Port 2200\n  IdentityFile ~/.ssh/build_key\n',
      '/home/ann/.ssh/build_key': 'BUILD KEY',
      '/home/ann/.ssh/id_ed25519': 'DEFAULT KEY',
      '/home/ann/.ssh/known_hosts': 'KNOWN',
    };
    const e = resolveEndpoint(inputs({ setting: 'ssh://build', env: { SSH_AUTH_SOCK: '/run/agent', USER: 'ann' }, files }));
    assert.deepEqual(e.ssh, {
      alias: 'build',
      host: 'build.internal.example',
      port: 2200,
      username: 'deploy',
      agentSocket: '/run/agent',
      privateKeys: [
        { file: '/home/ann/.ssh/build_key', key: 'BUILD KEY' },
        { file: '/home/ann/.ssh/id_ed25519', key: 'DEFAULT KEY' },
      ],
      knownHosts: ['KNOWN'],
    });
    const explicit = resolveEndpoint(inputs({ setting: 'ssh://root@build:22', env: { USER: 'ann' }, files }));
    assert.equal(explicit.ssh?.username, 'root');
    assert.equal(explicit.ssh?.port, 22);
  });

  it('logs in as the local user on port 22 when nothing names them, as ssh does', () => {
    const e = resolveEndpoint(inputs({ setting: 'ssh://host.example', env: { USER: 'ann' } }));
    assert.equal(e.ssh?.username, 'ann');
    assert.equal(e.ssh?.port, 22);
    assert.deepEqual(e.ssh?.privateKeys, []);
  });

  it('refuses an ssh endpoint with a path', () => {
    assert.throws(() => resolveEndpoint(inputs({ setting: 'ssh://host.example/var/run/docker.sock' })), /has a path/);
  });

  it('parses ssh endpoints with user and port', () => {
    const e = resolveEndpoint(inputs({ env: { DOCKER_HOST: 'ssh://deploy@build.example:2222', SSH_AUTH_SOCK: '/run/agent' } }));
    assert.deepEqual(e.options, { protocol: 'ssh', host: 'build.example', port: 2222, username: 'deploy', sshOptions: { agent: '/run/agent' } });
  });

  it('follows the current docker context to its endpoint and TLS files', () => {
    const id = contextId('remote');
    const e = resolveEndpoint(
      inputs({
        files: {
          '/home/ann/.docker/config.json': JSON.stringify({ currentContext: 'remote' }),
          [`/home/ann/.docker/contexts/meta/${id}/meta.json`]: JSON.stringify({
            Name: 'remote',
            Endpoints: { docker: { Host: 'tcp://remote.example:2376', SkipTLSVerify: false } },
          }),
          [`/home/ann/.docker/contexts/tls/${id}/docker/ca.pem`]: 'CTXCA',
        },
      }),
    );
    assert.equal(e.source, 'context');
    assert.equal(e.context, 'remote');
    assert.deepEqual(e.options, { protocol: 'https', host: 'remote.example', port: 2376, ca: 'CTXCA' });
  });

  it('treats the "default" context as no context', () => {
    const e = resolveEndpoint(inputs({ files: { '/home/ann/.docker/config.json': '{"currentContext":"default"}' } }));
    assert.equal(e.source, 'default');
  });

  it('lets DOCKER_HOST win over the current context', () => {
    const e = resolveEndpoint(inputs({ env: { DOCKER_HOST: 'unix:///x.sock' }, files: { '/home/ann/.docker/config.json': '{"currentContext":"remote"}' } }));
    assert.equal(e.source, 'DOCKER_HOST');
  });

  it('explains a selected context without metadata', () => {
    assert.throws(
      () => resolveEndpoint(inputs({ files: { '/home/ann/.docker/config.json': '{"currentContext":"gone"}' } })),
      (err: Error) => err instanceof EndpointError && /context "gone"/.test(err.message),
    );
  });

  it('rejects unknown schemes and relative sockets with a clear message', () => {
    assert.throws(() => resolveEndpoint(inputs({ setting: 'ftp://x' })), /unsupported scheme "ftp"/);
    assert.throws(() => resolveEndpoint(inputs({ setting: 'unix://relative.sock' })), /absolute socket path/);
    assert.throws(() => resolveEndpoint(inputs({ setting: '/var/run/docker.sock' })), /not a Docker endpoint/);
  });
});
