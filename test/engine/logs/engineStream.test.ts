import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { engineErrorMessage, engineStatusCode } from '../../../src/engine/engineErrors';
import { openLogsRequest } from '../../../src/engine/engineStream';
import { createTestContainer, engineSkip, requireEngine, testEndpoint } from '../../support/engineHarness';

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('raw logs requests against the engine', { skip: engineSkip() }, () => {
  let docker: Docker;
  let container: Docker.Container;

  before(async () => {
    docker = await requireEngine();
    container = await createTestContainer(docker, { Cmd: ['sh', '-c', 'for i in 1 2 3; do echo out $i; echo err $i >&2; done'] });
    await container.wait();
  });

  after(async () => {
    await container?.remove({ force: true }).catch(() => undefined);
  });

  const noFallback = (): Promise<Readable> => Promise.reject(new Error('the raw request fell back to dockerode'));

  it('returns the same bytes as dockerode', async () => {
    const query = { stdout: true, stderr: true, timestamps: true, follow: false as const };
    const raw = await readAll(await openLogsRequest(testEndpoint().options, container.id, query, noFallback));
    const viaDockerode = (await container.logs(query)) as unknown as Buffer;
    assert.ok(raw.length > 0);
    assert.deepEqual(raw, viaDockerode);
  });

  it('starts flowing only once the caller listens, losing nothing', async () => {
    const stream = await openLogsRequest(testEndpoint().options, container.id, { stdout: true, stderr: true }, noFallback);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const data = await readAll(stream);
    assert.equal((data.toString('latin1').match(/(out|err) \d/g) ?? []).length, 6);
  });

  it('reports a missing container with the engine\'s words and status', async () => {
    const error = await openLogsRequest(testEndpoint().options, 'berth-no-such-container', { stdout: true }, noFallback).then(
      () => assert.fail('expected a 404'),
      (e: unknown) => e,
    );
    assert.equal(engineStatusCode(error), 404);
    assert.match(engineErrorMessage(error), /^No such container: berth-no-such-container$/);
  });

  it('ends a following request when aborted', async () => {
    const running = await createTestContainer(docker, { Cmd: ['sh', '-c', 'while :; do echo tick; sleep 0.1; done'] });
    try {
      const abort = new AbortController();
      const stream = await openLogsRequest(testEndpoint().options, running.id, { stdout: true, follow: true }, noFallback, abort.signal);
      let seen = 0;
      let failure: Error | undefined;
      stream.on('data', () => {
        if (++seen === 2) abort.abort();
      });
      stream.on('error', (error) => (failure = error));
      await new Promise<void>((resolve) => stream.once('close', () => resolve()));
      assert.ok(seen >= 2);
      assert.equal(failure?.name, 'AbortError');
    } finally {
      await running.remove({ force: true }).catch(() => undefined);
    }
  });
});
