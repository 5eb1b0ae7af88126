import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { resolveEndpoint } from '../../../src/engine/endpoint';
import type { EngineClient } from '../../../src/engine/engineClient';
import { EngineConnection } from '../../../src/engine/engineConnection';
import { listContainers } from '../../../src/engine/listings';
import { LogFollower } from '../../../src/logs/logFollower';
import type { ContainerSample } from '../../../src/stats/statsMath';
import { StatsSampler } from '../../../src/stats/statsSampler';
import { cleanupTestObjects, createTestContainer, engineSkip } from '../../support/engineHarness';
import { connectEngine, waitFor, wire } from '../../support/engineWiring';
import { OTHER_ENGINES, requireOtherEngine, SSH_AGENT_SOCKET, sshTestHome, type OtherEngine } from '../../support/otherEngines';
import { FollowerRecorder } from '../logs/followerRecorder';

// The same everyday paths on every kind of engine Berth supports besides the local socket: the
// connection and its event stream, lists, and a log follow across a restart.
for (const engine of Object.values(OTHER_ENGINES)) {
  describe(`${engine.kind} engine: ${engine.title}`, { skip: engineSkip() }, () => {
    let client: { docker: Docker; client: EngineClient; dispose(): void } | undefined;
    before(async () => {
      client = await requireOtherEngine(engine);
    });
    after(async () => {
      if (client) await cleanupTestObjects(client.docker);
      client?.dispose();
    });

    it('connects and names the engine and its version', async () => {
      const connection = new EngineConnection(engine.endpoint());
      try {
        await connection.start();
        const state = connection.state;
        assert.equal(state.kind, 'connected', state.kind === 'unreachable' ? state.message : undefined);
        assert.match(state.kind === 'connected' ? state.version : '', /^\d+\.\d+/);
        assert.equal(state.kind === 'connected' ? state.product : '', engine.kind === 'podman' ? 'Podman' : 'Docker Engine');
      } finally {
        connection.dispose();
      }
    });

    it('lists a container the test created and follows it to running through the event stream', async () => {
      const connection = new EngineConnection(engine.endpoint());
      const data = wire(connection);
      try {
        await connection.start();
        await data.get('container');
        const container = await createTestContainer(client!.docker, { start: false });
        await waitFor(() => data.peek('container')?.find((c) => c.id === container.id), 'the created container', 20_000);
        await container.start();
        await waitFor(() => (data.peek('container')?.find((c) => c.id === container.id)?.state === 'running' ? true : undefined), 'the running state', 20_000);
      } finally {
        connection.dispose();
      }
    });

    it('follows a container log across a restart with no line lost or doubled', async () => {
      const { docker } = client!;
      const script = 'n=$(cat /n 2>/dev/null || echo 0); n=$((n + 1)); echo $n > /n; echo "run-$n"; exec sleep 3600';
      const container = await createTestContainer(docker, { Cmd: ['sh', '-c', script] });
      // Its events come from the engine's hub, as in the extension.
      const engineHub = await connectEngine(engine.endpoint());
      const follower = new LogFollower({ client: engineHub.client, containerId: container.id, events: engineHub, tail: 'all', coalesceMs: 20, retryInitialMs: 50 });
      const recorder = new FollowerRecorder(follower);
      follower.start();
      try {
        await recorder.waitFor('run 1', () => recorder.lines().includes('run-1'));
        await container.restart({ t: 0 });
        await recorder.waitFor('run 2', () => recorder.lines().includes('run-2'));
      } finally {
        await follower.stop();
        engineHub.dispose();
      }
      assert.deepEqual(recorder.lines(), ['run-1', 'run-2']);
      // Podman stamps log lines to the whole second and may end the follow before the restart is
      // visible, so its stop/start marker lines are best effort; the lines themselves are exact.
      if (engine.kind !== 'podman') {
        const kinds = recorder.markers().map((m) => m.kind);
        assert.ok(kinds.includes('started'), `markers: ${kinds.join(', ')}`);
      }
    });

    it('shows the CPU of a busy container from the second sample on', async () => {
      // Podman answers stream=false without precpu_stats: the CPU then comes from the previous sample.
      const { docker, client: berthClient } = client!;
      const busy = await createTestContainer(docker, { Cmd: ['sh', '-c', 'while :; do :; done'] });
      const samples: ContainerSample[] = [];
      const sampler = new StatsSampler(berthClient, { onSample: (s) => samples.push(s) });
      sampler.setContainers([busy.id]);
      for (let round = 0; round < 4 && !samples.some((s) => (s.cpuPercent ?? 0) > 20); round++) {
        await sampler.sampleNow();
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(samples.some((s) => (s.cpuPercent ?? 0) > 20), `CPU per sample: ${samples.map((s) => s.cpuPercent).join(', ')}`);
    });

    if (engine.kind === 'ssh') sshOnly(engine);
  });
}

function sshOnly(engine: OtherEngine): void {
  const sshLog = path.join(path.dirname(SSH_AGENT_SOCKET), 'sshd.log');
  const acceptedConnections = (): number => (fs.readFileSync(sshLog, 'utf8').match(/Accepted publickey/g) ?? []).length;
  const endpointWith = (home: string): ReturnType<typeof resolveEndpoint> =>
    resolveEndpoint({
      setting: engine.host,
      env: { SSH_AUTH_SOCK: SSH_AGENT_SOCKET },
      homeDir: home,
      platform: process.platform,
      readFile: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined),
    });

  it('carries many requests over one SSH connection', async () => {
    const connection = new EngineConnection(engine.endpoint());
    try {
      const before = acceptedConnections();
      await connection.start();
      for (let i = 0; i < 20; i++) await listContainers(connection.client);
      // The event stream and the requests share the connection: one login in sshd's log.
      assert.equal(acceptedConnections() - before, 1);
    } finally {
      connection.dispose();
    }
  });

  it('spreads many requests at once over several connections, each within sshd\'s MaxSessions', async () => {
    const connection = new EngineConnection(engine.endpoint());
    try {
      await connection.start();
      const before = acceptedConnections();
      // 40 at once: one connection carries at most 10 sessions (sshd's default MaxSessions).
      const answers = await Promise.all(Array.from({ length: 40 }, () => connection.client.ping()));
      assert.equal(answers.length, 40);
      assert.ok(acceptedConnections() - before >= 4, `${acceptedConnections() - before} new SSH connections for 40 requests at once`);
    } finally {
      connection.dispose();
    }
  });

  it('refuses a host whose key is not in known_hosts, saying how to add it', async () => {
    const connection = new EngineConnection(endpointWith(sshTestHome(false)));
    try {
      await connection.start();
      const state = connection.state;
      assert.equal(state.kind, 'unreachable');
      assert.equal(state.kind === 'unreachable' ? state.problem : '', 'ssh');
      assert.match(state.kind === 'unreachable' ? state.message : '', /host key of \[127\.0\.0\.1\]:\d+ is not in ~\/\.ssh\/known_hosts.*ssh -p \d+ 127\.0\.0\.1/);
    } finally {
      connection.dispose();
    }
  });

  it('refuses a host whose key changed, warning of interception', async () => {
    const home = sshTestHome(false);
    // Another key (the client's) recorded for the host: what a man in the middle would present.
    const [type, key] = fs.readFileSync(path.join(path.dirname(SSH_AGENT_SOCKET), 'client_key.pub'), 'utf8').trim().split(/\s+/);
    fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${new URL(engine.host).port} ${type} ${key}\n`);
    const connection = new EngineConnection(endpointWith(home));
    try {
      await connection.start();
      const state = connection.state;
      assert.equal(state.kind, 'unreachable');
      assert.equal(state.kind === 'unreachable' ? state.problem : '', 'ssh');
      assert.match(state.kind === 'unreachable' ? state.message : '', /does not match the one in ~\/\.ssh\/known_hosts\. Someone may be intercepting/);
    } finally {
      connection.dispose();
    }
  });

  it('says which keys it tried when the host refuses them all', async () => {
    const endpoint = resolveEndpoint({ setting: engine.host, env: {}, homeDir: sshTestHome(), platform: process.platform, readFile: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined) });
    const connection = new EngineConnection(endpoint);
    try {
      await connection.start();
      const state = connection.state;
      assert.equal(state.kind, 'unreachable');
      assert.equal(state.kind === 'unreachable' ? state.problem : '', 'ssh');
      assert.match(state.kind === 'unreachable' ? state.message : '', /refused every key: add yours to the ssh-agent/);
    } finally {
      connection.dispose();
    }
  });
}
