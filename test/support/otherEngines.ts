import Docker from 'dockerode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../src/engine/engineClient';
import { resolveEndpoint, type ResolvedEndpoint } from '../../src/engine/endpoint';
import { SshAgent } from '../../src/engine/sshAgent';

// The engines of scripts/extraEngines.sh, at the places that script puts them.
const base = process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine';
const SSH_DIR = `${base}-ssh`;
const TLS_CERTS = process.env.BERTH_TEST_TLS_CERTS ?? `${base}-tls/certs`;

export type OtherEngineKind = 'tls' | 'ssh' | 'podman';

export interface OtherEngine {
  kind: OtherEngineKind;
  title: string;
  host: string;
  /** The endpoint as Berth resolves it from berth.dockerHost with this engine's environment. */
  endpoint(): ResolvedEndpoint;
}

function readFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

let sshHome: string | undefined;

/**
 * A home folder whose ~/.ssh/known_hosts holds the test sshd's host key, as `ssh` would have written
 * it after a first connection: Berth refuses unknown host keys, as ssh does.
 */
export function sshTestHome(knownHosts = true): string {
  if (knownHosts && sshHome) return sshHome;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ssh-home-'));
  fs.mkdirSync(path.join(home, '.ssh'));
  if (knownHosts) {
    const hostKey = readFile(path.join(SSH_DIR, 'host_key.pub'));
    if (!hostKey) throw new Error(`No SSH test endpoint at ${SSH_DIR}: start it with 'bash scripts/extraEngines.sh start ssh' (as root).`);
    const [type, key] = hostKey.trim().split(/\s+/);
    fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshPort()} ${type} ${key}\n`);
    sshHome = home;
  }
  return home;
}

function sshPort(): number {
  return Number(new URL(OTHER_ENGINES.ssh.host).port);
}

export const SSH_AGENT_SOCKET = process.env.BERTH_TEST_SSH_AUTH_SOCK ?? `${SSH_DIR}/agent.sock`;

export const OTHER_ENGINES: Record<OtherEngineKind, OtherEngine> = {
  tls: {
    kind: 'tls',
    title: 'a second dockerd over TCP with mutual TLS',
    host: process.env.BERTH_TEST_TLS_HOST ?? 'tcp://127.0.0.1:2376',
    endpoint() {
      return resolveEndpoint({
        setting: this.host,
        env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: TLS_CERTS },
        homeDir: os.homedir(),
        platform: process.platform,
        readFile,
      });
    },
  },
  ssh: {
    kind: 'ssh',
    title: 'the first engine through ssh:// (loopback sshd, key in an ssh-agent)',
    host: process.env.BERTH_TEST_SSH_HOST ?? 'ssh://root@127.0.0.1:2222',
    endpoint() {
      return resolveEndpoint({ setting: this.host, env: { SSH_AUTH_SOCK: SSH_AGENT_SOCKET }, homeDir: sshTestHome(), platform: process.platform, readFile });
    },
  },
  podman: {
    kind: 'podman',
    title: "Podman's Docker-compatible service",
    host: process.env.BERTH_TEST_PODMAN_HOST ?? `unix://${base}-podman/podman.sock`,
    endpoint() {
      return resolveEndpoint({ setting: this.host, env: {}, homeDir: os.homedir(), platform: process.platform, readFile });
    },
  },
};

/**
 * A dockerode client for setting up and cleaning up, and Berth's own for the code under test;
 * `dispose` closes their SSH connections. Over SSH dockerode goes through an SshAgent as Berth does.
 */
export function otherEngineDocker(engine: OtherEngine): { docker: Docker; client: EngineClient; dispose(): void } {
  const endpoint = engine.endpoint();
  const client = new EngineClient(endpoint);
  if (!endpoint.ssh) return { docker: new Docker(endpoint.options), client, dispose: () => client.dispose() };
  const agent = new SshAgent(endpoint.ssh);
  const options = { protocol: 'http', host: endpoint.ssh.host, port: endpoint.ssh.port, agent } as Docker.DockerOptions;
  return {
    docker: new Docker(options),
    client,
    dispose: () => {
      agent.destroy();
      client.dispose();
    },
  };
}

/** For a suite's before(): fails, saying how to start the engine, when it does not answer. */
export async function requireOtherEngine(engine: OtherEngine): Promise<{ docker: Docker; client: EngineClient; dispose(): void }> {
  const client = otherEngineDocker(engine);
  try {
    await client.docker.ping();
  } catch (err) {
    client.dispose();
    throw new Error(
      `No ${engine.kind} test engine at ${engine.host} (${engine.title}): ${(err as Error).message}. ` +
        `Start it with 'bash scripts/extraEngines.sh start ${engine.kind}' as root, or set BERTH_SKIP_ENGINE=1.`,
      { cause: err },
    );
  }
  return client;
}
