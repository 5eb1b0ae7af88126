import type Docker from 'dockerode';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../src/workbench/api';
import { engineSkip, TEST_IMAGE } from '../support/engineHarness';
import { connectedBerth, itemLabel } from './berthApi';
import { labelIs, waitForEntry } from './viewHelpers';

const FAILING = `FROM ${TEST_IMAGE}
LABEL berth.test=1

RUN echo ok
RUN echo about to fail && \\
    exit 3
`;

const FIXED = `FROM ${TEST_IMAGE}
LABEL berth.test=1

RUN echo ok
RUN echo fixed > /fixed.txt
`;

// The answers the prompts would ask for go in as the command's preset argument.

describe('Build Image...', function () {
  let docker: Docker;
  let api: BerthApi;
  let dir: string;
  const tag = `berth-test/itest-build-${randomBytes(4).toString('hex')}:latest`;

  before(async function () {
    if (engineSkip()) this.skip();
    ({ docker, api } = await connectedBerth());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-itest-build-'));
  });

  after(async () => {
    await docker?.getImage(tag).remove({ force: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a failing step is a diagnostic on its instruction\'s lines; the next build clears it and the image shows with its details', async function () {
    this.timeout(120_000);
    const file = path.join(dir, 'Dockerfile');
    const uri = vscode.Uri.file(file);
    fs.writeFileSync(file, FAILING);
    await vscode.commands.executeCommand('berth.image.build', uri, { tag });
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Berth build');
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.deepEqual([diagnostics[0].range.start.line, diagnostics[0].range.end.line], [4, 5], 'the RUN and its continuation line');
    assert.match(diagnostics[0].message, /^Step 4\/\d+ failed: .*returned a non-zero code: 3/);
    await assert.rejects(docker.getImage(tag).inspect(), 'nothing was tagged');

    fs.writeFileSync(file, FIXED);
    await vscode.commands.executeCommand('berth.image.build', uri, { tag });
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Berth build'), []);
    const image = await waitForEntry(api, 'images', labelIs(tag), tag);
    const sections = (await api.viewNodes('images', image.node)).map((e) => itemLabel(e.item));
    assert.deepEqual(sections, ['Layers', 'Environment', 'Command', 'Labels', 'Containers']);
    const layers = (await api.viewNodes('images', (await api.viewNodes('images', image.node))[0].node)).map((e) => itemLabel(e.item));
    assert.equal(layers[0], 'RUN echo fixed > /fixed.txt', 'newest first');
  });
});
