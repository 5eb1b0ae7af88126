import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage } from '../../../src/build/imageBuild';
import { loadImageDetails } from '../../../src/images/imageDetails';
import { engineSkip, TEST_IMAGE, TEST_LABELS, testClient } from '../../support/engineHarness';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

const DOCKERFILE = `FROM ${TEST_IMAGE}
RUN head -c 300000 /dev/zero > /payload.bin
ENV APP_MODE=production API_TOKEN=s3cr3t
EXPOSE 8080/udp 80
WORKDIR /srv
LABEL org.example.team="build & ship"
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["echo hello"]
`;

describe('image details from a built image', { skip: engineSkip() }, () => {
  let objects: TestObjects;
  let dir: string;
  const tag = `berth-test/details-${randomBytes(4).toString('hex')}:latest`;

  before(async () => {
    ({ objects } = await engineTestObjects());
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-details-'));
    await fs.writeFile(path.join(dir, 'Dockerfile'), DOCKERFILE);
    objects.images.add(tag);
    await buildImage(testClient(), { context: dir, tag, labels: TEST_LABELS });
  });

  after(async () => {
    await objects?.cleanup();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('layers newest first with their instruction, size and age; the config as the Dockerfile set it', { timeout: 60_000 }, async () => {
    const details = await loadImageDetails(testClient(), tag);
    const run = details.layers.find((l) => l.createdBy.startsWith('RUN head -c 300000'));
    assert.ok(run, details.layers.map((l) => l.createdBy).join('\n'));
    assert.ok(run.size >= 300_000, `the RUN layer holds the payload: ${run.size}`);
    assert.match(run.fullCreatedBy, /^\/bin\/sh -c head -c 300000/);
    assert.ok(run.created > 0);
    const createdBy = details.layers.map((l) => l.createdBy);
    assert.ok(createdBy.indexOf('CMD ["echo hello"]') < createdBy.indexOf(run.createdBy), 'newest first');
    assert.ok(createdBy.includes('EXPOSE 80 8080/udp'), createdBy.join('\n'));
    assert.deepEqual(details.exposedPorts, ['80/tcp', '8080/udp']);
    const env = Object.fromEntries(details.env.map((e) => [e.name, e]));
    assert.equal(env.APP_MODE?.value, 'production');
    assert.equal(env.APP_MODE?.secret, false);
    assert.equal(env.API_TOKEN?.secret, true, 'a token is masked');
    assert.ok(env.PATH, 'the base image\'s PATH is inherited');
    assert.deepEqual(details.entrypoint, ['/bin/sh', '-c']);
    assert.deepEqual(details.cmd, ['echo hello']);
    assert.equal(details.workingDir, '/srv');
    assert.equal(details.labels['org.example.team'], 'build & ship');
    assert.equal(details.labels['berth.test'], '1');
  });
});
