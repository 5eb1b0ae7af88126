import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { engineStatusCode } from '../../../src/engine/engineErrors';
import { LineSplitter, parseJsonLine } from '../../../src/engine/lineSplitter';
import { engineSkip, testClient } from '../../support/engineHarness';
import { drain, engineTestObjects, registryRepo, tarWithFile, type TestObjects } from '../../support/testObjects';

const client = testClient();

// The methods the files and registry features call, against the real engine: what they return is
// what the engine says, and the engine's refusals keep their status code.
describe('EngineClient against the engine', { skip: engineSkip() }, () => {
  let objects: TestObjects;
  let containerId: string;

  before(async () => {
    ({ objects } = await engineTestObjects());
    containerId = (await objects.container()).id;
  });
  after(async () => objects?.cleanup());

  it('puts a tar into a container, reads the file back as a tar, and stats it', async () => {
    await client.putArchive(containerId, '/tmp', tarWithFile('berth.txt', Buffer.from('hello from berth\n')));
    const stat = await client.statPath(containerId, '/tmp/berth.txt');
    assert.equal(stat.name, 'berth.txt');
    assert.equal(stat.size, 'hello from berth\n'.length);
    const folder = await client.statPath(containerId, '/tmp');
    assert.ok(folder.mode >= 2 ** 31, `the directory bit is set in mode ${folder.mode}`);
    const tar = await drain(await client.getArchive(containerId, '/tmp/berth.txt'));
    assert.ok(tar.includes('hello from berth'), 'the archive holds the file content');
  });

  it('answers 404 with the engine status for a path that is not there', async () => {
    await assert.rejects(client.statPath(containerId, '/no/such/file'), (err) => engineStatusCode(err) === 404);
  });

  it('runs an exec, streams its output, and reports its exit code', async () => {
    const execId = await client.createExec(containerId, { Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'], AttachStdout: true, AttachStderr: true });
    const stream = await client.startExec(execId);
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    client.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve, reject) => stream.on('end', resolve).on('close', resolve).on('error', reject));
    stdout.end();
    stderr.end();
    assert.equal(await drain(stdout), 'out\n');
    assert.equal(await drain(stderr), 'err\n');
    let info = await client.inspectExec(execId);
    for (let i = 0; i < 50 && info.Running; i++) {
      await new Promise((r) => setTimeout(r, 50));
      info = await client.inspectExec(execId);
    }
    assert.equal(info.ExitCode, 3);
  });

  it('tags an image, reads its history, and pushes it with progress to the loopback registry', async () => {
    const repo = registryRepo('client');
    const imageId = await objects.importImage(repo, 'v1');
    await client.tagImage(imageId, repo, 'v2');
    objects.images.add(`${repo}:v2`);
    assert.ok((await client.inspectImage(`${repo}:v2`)).RepoTags.includes(`${repo}:v2`));
    const history = await client.imageHistory(`${repo}:v2`);
    assert.ok(history.length >= 1 && history[0].Id === imageId, `history starts at the image: ${JSON.stringify(history[0])}`);
    const progress = await client.pushImage(repo, 'v2');
    const lines = new LineSplitter();
    const events: { status?: string; error?: string; aux?: { Digest?: string } }[] = [];
    for await (const chunk of progress) for (const line of lines.push(chunk as Buffer)) events.push(parseJsonLine(line) ?? {});
    assert.ok(!events.some((e) => e.error), `push errors: ${JSON.stringify(events.filter((e) => e.error))}`);
    assert.ok(events.some((e) => e.aux?.Digest?.startsWith('sha256:')), 'the push reports the digest');
  });
});
