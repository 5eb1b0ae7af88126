import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createTestContainer, engineSkip, TEST_IMAGE, uniqueName } from '../support/engineHarness';
import type { BerthApi } from '../../src/workbench/api';
import { connectedBerth, itemLabel, itemText, waitForView } from './berthApi';

// The views against the real test engine: objects created here must reach the tree through the
// extension's own event handling, with no refresh command issued.

describe('Engine views', function () {
  let docker: Docker;
  let api: BerthApi;
  const created: Docker.Container[] = [];

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
  });

  after(async () => {
    // Only what this suite created; other suites share the engine.
    await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  });

  async function newContainer(prefix: string): Promise<string> {
    const name = uniqueName(prefix);
    created.push(await createTestContainer(docker, { name }));
    return name;
  }

  it('Containers view lists a container created in the engine', async () => {
    const name = await newContainer('view');
    const items = await waitForView(api, 'containers', (all) => all.some((i) => itemText(i).includes(name)), `container ${name}`);
    assert.ok(items.some((i) => itemText(i).includes(name)));
  });

  it('Containers view drops a container removed from the engine', async () => {
    const name = await newContainer('gone');
    await waitForView(api, 'containers', (all) => all.some((i) => itemText(i).includes(name)), `container ${name}`);
    await docker.getContainer(name).remove({ force: true });
    const items = await waitForView(api, 'containers', (all) => !all.some((i) => itemText(i).includes(name)), `${name} gone`);
    assert.equal(items.some((i) => itemText(i).includes(name)), false);
  });

  it('Containers view sorts names naturally: numbers by value, not as text', async () => {
    const base = uniqueName('bulk');
    const names = ['1056', '106', '2', '10'].map((n) => `${base}-${n}`);
    // Created, not started: the same state, so only the name orders them.
    for (const name of names) created.push(await createTestContainer(docker, { name, start: false }));
    const items = await waitForView(api, 'containers', (all) => names.every((n) => all.some((i) => itemLabel(i) === n)), `the ${base}-* containers`);
    const shown = items.map(itemLabel).filter((label) => label.startsWith(`${base}-`));
    assert.deepEqual(shown, [`${base}-2`, `${base}-10`, `${base}-106`, `${base}-1056`]);
  });

  it('a multi-line command stays one row of the container tooltip, its URL as text', async () => {
    const name = uniqueName('tooltip');
    created.push(await createTestContainer(docker, { name, Cmd: ['sh', '-c', 'echo see https://example.com/docs\nsleep 3600'] }));
    const items = await waitForView(api, 'containers', (all) => all.some((i) => itemLabel(i) === name), `container ${name}`);
    const tooltip = items.find((i) => itemLabel(i) === name)?.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
    const rows = tooltip.value.split('\n').filter((line) => line.startsWith('|'));
    assert.deepEqual(rows.map((row) => row.split(' | ')[0]), ['|', '|---|---|', '| ID', '| Image', '| Command', '| Created']);
    const command = rows.find((row) => row.startsWith('| Command'));
    assert.ok(command?.includes('https\\:\\/\\/example\\.com'), `the URL is escaped: ${command}`);
    assert.equal(tooltip.value.includes('https://'), false);
  });

  it('Images view lists the test image', async () => {
    const repository = TEST_IMAGE.split(':')[0];
    const items = await waitForView(api, 'images', (all) => all.some((i) => itemText(i).includes(repository)), repository);
    assert.ok(items.some((i) => itemText(i).includes(repository)));
  });
});
