import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createContext, currentContext, listContexts, removeContext, useContext, validateContextName } from '../../../src/engine/dockerContexts';
import { resolveEndpoint } from '../../../src/engine/endpoint';
import { engineSkip } from '../../support/engineHarness';
import { OTHER_ENGINES } from '../../support/otherEngines';

// Berth and the docker CLI read and write the same context store: each must see what the other did.
describe('docker contexts, shared with the docker CLI', { skip: engineSkip() }, () => {
  const dirs: string[] = [];
  const configDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-contexts-'));
    dirs.push(dir);
    return dir;
  };
  const cli = (dir: string, args: string[]): string => execFileSync('docker', args, { env: { ...process.env, DOCKER_CONFIG: dir, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, encoding: 'utf8' });
  const certs = path.dirname(path.join(process.env.BERTH_TEST_TLS_CERTS ?? `${process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine'}-tls/certs`, 'x'));
  const pem = (name: string): string => fs.readFileSync(path.join(certs, name), 'utf8');

  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a TLS context made by Berth is listed by the CLI and takes it to the TLS engine', async () => {
    const dir = configDir();
    const host = OTHER_ENGINES.tls.host;
    await createContext(dir, { name: 'staging', description: 'the TLS engine', host, tls: { ca: pem('ca.pem'), cert: pem('cert.pem'), key: pem('key.pem') } });
    const listed = cli(dir, ['context', 'ls', '--format', '{{json .}}']).trim().split('\n').map((l) => JSON.parse(l) as { Name: string; DockerEndpoint: string; Description: string });
    const staging = listed.find((c) => c.Name === 'staging');
    assert.deepEqual([staging?.DockerEndpoint, staging?.Description], [host, 'the TLS engine']);
    assert.match(cli(dir, ['--context', 'staging', 'version', '--format', '{{.Server.Version}}']).trim(), /^\d+\./);
  });

  it('use and the CLI agree on the current context, and Berth resolves its endpoint from it', async () => {
    const dir = configDir();
    await createContext(dir, { name: 'a-ctx', host: 'tcp://127.0.0.1:2375' });
    cli(dir, ['context', 'create', 'b-ctx', '--docker', 'host=ssh://root@127.0.0.1:2222']);
    await useContext(dir, 'a-ctx');
    assert.equal(cli(dir, ['context', 'show']).trim(), 'a-ctx');
    cli(dir, ['context', 'use', 'b-ctx']);
    assert.equal(await currentContext(dir), 'b-ctx');
    const contexts = await listContexts(dir);
    assert.deepEqual(contexts.map((c) => [c.name, c.host, c.current]), [['a-ctx', 'tcp://127.0.0.1:2375', false], ['b-ctx', 'ssh://root@127.0.0.1:2222', true]]);
    const endpoint = resolveEndpoint({ env: { DOCKER_CONFIG: dir }, homeDir: os.homedir(), platform: 'linux', readFile: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined) });
    assert.equal(endpoint.context, 'b-ctx');
    assert.equal(endpoint.host, 'ssh://root@127.0.0.1:2222');
    await useContext(dir, 'default');
    assert.equal(cli(dir, ['context', 'show']).trim(), 'default');
  });

  it('removing the current context leaves default current and no files behind', async () => {
    const dir = configDir();
    await createContext(dir, { name: 'gone', host: OTHER_ENGINES.tls.host, tls: { ca: pem('ca.pem') } });
    await useContext(dir, 'gone');
    await removeContext(dir, 'gone');
    assert.equal(cli(dir, ['context', 'show']).trim(), 'default');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'contexts', 'meta')), []);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'contexts', 'tls')), []);
  });

  it('refuses bad names, default, duplicates and endpoints that are not Docker endpoints, before writing', async () => {
    const dir = configDir();
    await createContext(dir, { name: 'taken', host: 'unix:///var/run/docker.sock' });
    await assert.rejects(createContext(dir, { name: 'taken', host: 'unix:///x.sock' }), /already exists/);
    await assert.rejects(createContext(dir, { name: 'default', host: 'unix:///x.sock' }), /"default" is the name/);
    await assert.rejects(createContext(dir, { name: 'ok-name', host: 'http//nope' }), /not a Docker endpoint/);
    await assert.rejects(removeContext(dir, 'missing'), /no context named "missing"/);
    assert.match(validateContextName('-x') ?? '', /start with a letter or digit/);
    assert.deepEqual((await listContexts(dir)).map((c) => c.name), ['taken']);
  });
});
