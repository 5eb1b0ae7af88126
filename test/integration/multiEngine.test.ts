import assert from 'node:assert/strict';
import * as path from 'node:path';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { BerthApi, ViewEntry } from '../../src/workbench/api';
import { engineSkip, TEST_IMAGE, TEST_LABELS, uniqueName } from '../support/engineHarness';
import { OTHER_ENGINES, requireOtherEngine } from '../support/otherEngines';
import { STOPPABLE_CMD } from '../support/testObjects';
import { CONNECT_TIMEOUT_MS, connectedBerth, itemLabel, VIEW_UPDATE_TIMEOUT_MS } from './berthApi';
import { until as untilValue } from '../support/polling';

// Two engines at once in the real VS Code: the test engine (current) and the TLS engine of
// scripts/extraEngines.sh, connected through a berth.engines entry; and an engine that refuses
// connections, which must not hold up the others.

const certs = path.join(`${process.env.BERTH_ENGINE_DIR ?? '/tmp/berth-engine'}-tls`, 'certs');
const TLS_NAME = 'tls-test';
const TLS_KEY = `setting:${TLS_NAME}`;
const NOWHERE_NAME = 'nowhere-test';

const until = <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => untilValue(what, probe, VIEW_UPDATE_TIMEOUT_MS, 150);

async function engineGroup(api: BerthApi, name: string): Promise<ViewEntry | undefined> {
  return (await api.viewNodes('containers')).find((e) => e.item.contextValue?.startsWith('berth.engineGroup') && itemLabel(e.item) === name);
}

describe('Several engines at once', function () {
  let api: BerthApi;
  let tls: { docker: Docker; dispose(): void };
  let containerName: string;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('berth');

  before(async function () {
    if (engineSkip()) this.skip();
    ({ api } = await connectedBerth());
    tls = await requireOtherEngine(OTHER_ENGINES.tls);
    containerName = uniqueName('multi');
    const container = await tls.docker.createContainer({ name: containerName, Image: TEST_IMAGE, Cmd: STOPPABLE_CMD, Labels: TEST_LABELS });
    await container.start();
    await config().update(
      'engines',
      [
        { name: TLS_NAME, host: OTHER_ENGINES.tls.host, tlsCa: path.join(certs, 'ca.pem'), tlsCert: path.join(certs, 'cert.pem'), tlsKey: path.join(certs, 'key.pem') },
        { name: NOWHERE_NAME, host: 'tcp://127.0.0.1:1' },
        // Left out, each shown as a warning row that says why.
        { name: 'bad-scheme', host: 'ftp://127.0.0.1:2375' },
        { host: 'tcp://127.0.0.1:2375' },
      ],
      vscode.ConfigurationTarget.Workspace,
    );
  });

  after(async () => {
    for (const key of [TLS_KEY, `setting:${NOWHERE_NAME}`]) await vscode.commands.executeCommand('berth.engines.disconnect', { engine: key });
    await config().update('engines', undefined, vscode.ConfigurationTarget.Workspace);
    if (tls) {
      await tls.docker.getContainer(containerName).remove({ force: true }).catch(() => undefined);
      tls.dispose();
    }
  });

  it('lists the configured engines in the Engines view, not connected until asked', async () => {
    const rows = await api.engineItems();
    const row = rows.find((r) => itemLabel(r) === TLS_NAME);
    assert.ok(row, `rows: ${rows.map(itemLabel).join(', ')}`);
    assert.match(String(row.description), /^not connected · tcp:\/\/127\.0\.0\.1:\d+ · TLS$/);
    assert.equal(row.contextValue, 'berth.engine.setting.closed');
    const problems = rows.filter((r) => r.contextValue === 'berth.engineProblem').map(itemLabel);
    assert.deepEqual(problems, [
      'berth.engines[2] ("bad-scheme"): "ftp://127.0.0.1:2375" is not a Docker endpoint; use unix://, tcp://, ssh:// or npipe://.',
      'berth.engines[3] has no "name".',
    ]);
    assert.ok(!rows.some((r) => itemLabel(r) === 'bad-scheme'), 'a left-out entry is not an engine row');
  });

  it('Connect shows each engine as a top-level node in the views, with its own containers', async () => {
    await vscode.commands.executeCommand('berth.engines.connect', { engine: TLS_KEY });
    await api.whenEngineConnected(TLS_KEY, CONNECT_TIMEOUT_MS);
    const group = await until('the TLS engine node', () => engineGroup(api, TLS_NAME));
    assert.match(String(group.item.description), /^Docker Engine \d/);
    const current = api.connectedEngines()[0];
    assert.ok(await engineGroup(api, current.name), 'the current engine has its node too');
    const row = await until('the TLS container under its engine', async () =>
      (await api.viewNodes('containers', group.node)).find((e) => itemLabel(e.item) === containerName),
    );
    assert.equal(row.item.contextValue, 'container.running');
    // Ids stay unique in the view when several engines are shown.
    assert.ok(row.item.id?.startsWith(`${TLS_KEY}/`), `id ${row.item.id}`);
    const rows = await api.engineItems();
    assert.match(String(rows.find((r) => itemLabel(r) === TLS_NAME)?.description), /^Docker Engine \S+ · 1\/\d+ running/);
  });

  it('a command run on the second engine’s container acts on that engine', async () => {
    const group = await until('the TLS engine node', () => engineGroup(api, TLS_NAME));
    const row = await until('the TLS container', async () => (await api.viewNodes('containers', group.node)).find((e) => itemLabel(e.item) === containerName));
    await vscode.commands.executeCommand('berth.container.stop', row.node);
    const info = await tls.docker.getContainer(containerName).inspect();
    assert.equal(info.State.Running, false);
    await until('the stopped state in the view', async () => {
      const g = await engineGroup(api, TLS_NAME);
      const again = g ? (await api.viewNodes('containers', g.node)).find((e) => itemLabel(e.item) === containerName) : undefined;
      return again?.item.contextValue === 'container.exited' ? again : undefined;
    });
  });

  it('an engine that refuses connections says why on its node; the others stay live', async () => {
    await vscode.commands.executeCommand('berth.engines.connect', { engine: `setting:${NOWHERE_NAME}` });
    const group = await until('the unreachable engine', async () => {
      const g = await engineGroup(api, NOWHERE_NAME);
      return g?.item.contextValue === 'berth.engineGroup.unreachable' ? g : undefined;
    });
    const children = await api.viewNodes('containers', group.node);
    assert.match(itemLabel(children[0].item), /refused|ECONNREFUSED/i);
    assert.equal(itemLabel(children[1].item), 'Retry');
    const tlsGroup = await engineGroup(api, TLS_NAME);
    assert.ok(tlsGroup);
    assert.ok((await api.viewNodes('containers', tlsGroup.node)).some((e) => itemLabel(e.item) === containerName));
    await vscode.commands.executeCommand('berth.engines.disconnect', { engine: `setting:${NOWHERE_NAME}` });
  });

  it('Disconnect brings the views back to the one-engine layout', async () => {
    await vscode.commands.executeCommand('berth.engines.disconnect', { engine: TLS_KEY });
    await until('the one-engine layout', async () => {
      const top = await api.viewNodes('containers');
      return top.some((e) => e.item.contextValue?.startsWith('berth.engineGroup')) ? undefined : top;
    });
    assert.deepEqual(
      api.connectedEngines().map((e) => e.key),
      ['current'],
    );
  });
});
