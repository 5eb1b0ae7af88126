import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extract } from 'tar-stream';
import { buildImage } from '../../../src/build/imageBuild';
import { BuildStepError, dockerfileErrorLine } from '../../../src/build/buildSteps';
import { instructionForStep, parseDockerfile } from '../../../src/build/dockerfileParse';
import { engineStatusCode } from '../../../src/engine/engineErrors';
import { engineSkip, TEST_IMAGE, TEST_LABELS, testClient } from '../../support/engineHarness';
import { fixturePath } from '../../support/paths';
import { engineTestObjects, TestObjects } from '../../support/testObjects';

/** Reads one file out of an image, through a created (never started) container. */
async function readFromImage(objects: TestObjects, image: string, file: string): Promise<string | undefined> {
  const container = await objects.container({ Image: image, Cmd: ['true'], start: false });
  let stream: NodeJS.ReadableStream;
  try {
    stream = await container.getArchive({ path: file });
  } catch (err) {
    if (engineStatusCode(err) === 404) return undefined;
    throw err;
  }
  const reader = extract();
  let text: string | undefined;
  reader.on('entry', (_header, body, next) => {
    const chunks: Buffer[] = [];
    body.on('data', (c: Buffer) => chunks.push(c));
    body.on('end', () => {
      text = Buffer.concat(chunks).toString('utf8');
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    reader.on('finish', resolve);
    reader.on('error', reject);
    stream.pipe(reader);
  });
  return text;
}

describe('buildImage against the engine (classic builder)', { skip: engineSkip() }, () => {
  let docker: Docker;
  let objects: TestObjects;
  const dirs: string[] = [];

  const tag = (name: string): string => {
    const reference = `berth-test/build-${name}-${randomBytes(4).toString('hex')}:latest`;
    objects.images.add(reference);
    return reference;
  };
  const tempDir = async (): Promise<string> => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-build-'));
    dirs.push(dir);
    return dir;
  };

  before(async () => {
    ({ docker, objects } = await engineTestObjects());
  });

  after(async () => {
    await objects?.cleanup();
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('a multi-stage build with a target: the target stage with the ARG passed, nothing of the final stage', { timeout: 120_000 }, async () => {
    const reference = tag('target');
    const steps: string[] = [];
    await buildImage(testClient(), {
      context: fixturePath('build', 'multistage'),
      tag: reference,
      target: 'tools',
      args: { GREETING: 'hi from berth' },
      labels: TEST_LABELS,
      onStep: (step) => steps.push(`${step.number} ${step.instruction.split(' ')[0]}`),
    });
    assert.equal(await readFromImage(objects, reference, '/tools.txt'), 'hi from berth\n');
    assert.equal(await readFromImage(objects, reference, '/base.txt'), 'base\n');
    assert.equal(await readFromImage(objects, reference, '/final.txt'), undefined, 'the final stage was not built');
    const history = await docker.getImage(reference).history();
    assert.ok(history.some((layer: { CreatedBy: string }) => layer.CreatedBy.includes('GREETING=hi from berth')), 'the engine recorded the build arg');
    // The global ARG and the stages up to the target, in file order; then the engine's own LABEL steps for the build's labels.
    assert.deepEqual(steps.slice(0, 7), ['1 ARG', '2 FROM', '3 RUN', '4 FROM', '5 ARG', '6 ARG', '7 RUN']);
    assert.ok(steps.slice(7).length > 0 && steps.slice(7).every((s) => s.endsWith(' LABEL')), steps.join(', '));
    const labels = (await docker.getImage(reference).inspect()).Config.Labels ?? {};
    assert.equal(labels['berth.test'], '1');
  });

  it('a failing step: the engine\'s error, and the step that maps to its instruction\'s lines', { timeout: 120_000 }, async () => {
    const dir = fixturePath('build', 'failing');
    const error = await buildImage(testClient(), { context: dir, tag: tag('failing'), labels: TEST_LABELS }).then(
      () => assert.fail('the build should fail'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof BuildStepError, String(error));
    assert.match(error.message, /returned a non-zero code: 3/);
    assert.equal(error.step?.number, 3);
    assert.match(error.step?.instruction ?? '', /^RUN echo about to fail/);
    const instruction = instructionForStep(parseDockerfile(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')), error.step?.number ?? 0);
    assert.deepEqual(instruction && [instruction.keyword, instruction.startLine, instruction.endLine], ['RUN', 6, 7]);
  });

  it('BuildKit-only syntax: the engine says so in its own words', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN --mount=type=cache,target=/cache true\n`);
    await assert.rejects(buildImage(testClient(), { context: dir, tag: tag('mount'), labels: TEST_LABELS }), (err: Error) => {
      assert.match(err.message, /--mount option requires BuildKit/);
      return true;
    });
  });

  it('a Dockerfile the classic parser rejects (a heredoc): the error names the line', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN <<EOF\necho hi\nEOF\n`);
    await assert.rejects(buildImage(testClient(), { context: dir, tag: tag('heredoc'), labels: TEST_LABELS }), (err: Error) => {
      assert.equal(dockerfileErrorLine(err.message), 3, err.message);
      return true;
    });
  });

  it('a 200 MB context that .dockerignore mostly excludes: the build succeeds and sends a few KB', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    await fs.mkdir(path.join(dir, 'big'));
    // Sparse: 200 MB on paper, nothing on disk, created at once.
    const handle = await fs.open(path.join(dir, 'big', 'blob.bin'), 'w');
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();
    await fs.writeFile(path.join(dir, 'keep.txt'), 'kept\n');
    await fs.writeFile(path.join(dir, '.dockerignore'), 'big\n');
    await fs.writeFile(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY . /ctx\n`);
    const reference = tag('sparse');
    let sent = 0;
    await buildImage(testClient(), { context: dir, tag: reference, labels: TEST_LABELS, onContextBytes: (bytes) => (sent = bytes) });
    assert.ok(sent > 0 && sent < 64 * 1024, `sent ${sent} bytes`);
    assert.equal(await readFromImage(objects, reference, '/ctx/keep.txt'), 'kept\n');
    assert.equal(await readFromImage(objects, reference, '/ctx/big'), undefined);
  });

  it('cancelled mid-step: rejects with AbortError and leaves no intermediate container', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')} && sleep 60\n`);
    const controller = new AbortController();
    let stepContainer: string | undefined;
    const build = buildImage(testClient(), {
      context: dir,
      tag: tag('cancel'),
      labels: TEST_LABELS,
      signal: controller.signal,
      onOutput: (line) => {
        const running = /^ ---> Running in ([0-9a-f]+)/.exec(line);
        if (running && !stepContainer) {
          stepContainer = running[1];
          controller.abort();
        }
      },
    });
    await assert.rejects(build, { name: 'AbortError' });
    assert.ok(stepContainer, 'the step started a container');
    objects.containers.add(stepContainer);
    let status: number | undefined;
    for (let i = 0; i < 40 && status !== 404; i++) {
      status = await docker.getContainer(stepContainer).inspect().then(() => 200, (err: unknown) => engineStatusCode(err));
      if (status !== 404) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(status, 404, `the step container ${stepContainer} is gone`);
  });
});
