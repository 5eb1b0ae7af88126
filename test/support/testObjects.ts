import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { createTestContainer, requireEngine, TEST_LABEL, TEST_REGISTRY } from './engineHarness';

/** Busybox's sh as PID 1 ignores SIGTERM; this one exits on it, so stop and restart take no 10 s grace. */
export const STOPPABLE_CMD = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

/** For a test file's before(): the engine client and a TestObjects to clean up in after(). */
export async function engineTestObjects(): Promise<{ docker: Docker; objects: TestObjects }> {
  const docker = await requireEngine();
  return { docker, objects: new TestObjects(docker) };
}

/**
 * What one test file created, removed exactly and only that afterwards. Other suites (and other
 * people's runs) use the same engine and the same berth.test label at the same time, so a sweep by
 * label could pull objects from under them.
 */
export class TestObjects {
  readonly containers = new Set<string>();
  readonly volumes = new Set<string>();
  readonly networks = new Set<string>();
  readonly images = new Set<string>();

  constructor(private readonly docker: Docker) {}

  async container(options: Partial<Docker.ContainerCreateOptions> & { start?: boolean } = {}): Promise<Docker.Container> {
    const container = await createTestContainer(this.docker, { Cmd: STOPPABLE_CMD, ...options, start: false });
    this.containers.add(container.id);
    if (options.start ?? true) await container.start();
    return container;
  }

  /** Imports a one-file image with random content (so its layer is new everywhere), labelled berth.test=1. */
  async importImage(repo: string, tag = 'latest', bytes = 4096): Promise<string> {
    const stream = await this.docker.importImage(Readable.from([tarWithFile('payload.bin', randomBytes(bytes))]), {
      repo,
      tag,
      changes: [`LABEL ${TEST_LABEL}=1`],
    });
    const output = await drain(stream);
    this.images.add(`${repo}:${tag}`);
    const id = /"status":"(sha256:[a-f0-9]{64})"/.exec(output)?.[1];
    if (!id) throw new Error(`import did not report an image ID: ${output}`);
    return id;
  }

  async cleanup(): Promise<void> {
    const d = this.docker;
    await Promise.all([...this.containers].map((id) => d.getContainer(id).remove({ force: true, v: true }).catch(() => undefined)));
    await Promise.all([...this.networks].map((id) => d.getNetwork(id).remove().catch(() => undefined)));
    await Promise.all([...this.volumes].map((name) => d.getVolume(name).remove({ force: true }).catch(() => undefined)));
    for (const image of this.images) await d.getImage(image).remove({ force: true }).catch(() => undefined);
  }
}

/** A unique repository in the local registry for a test image. */
export function registryRepo(prefix: string): string {
  return `${TEST_REGISTRY}/berth-test/${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Reads a progress stream to its end; rejects on an in-stream error line. */
export async function drain(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  const error = /"error":"([^"]*)"/.exec(text);
  if (error) throw new Error(error[1]);
  return text;
}

/** A minimal ustar archive holding one regular file. */
export function tarWithFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number): void => {
    header.write(value, offset, Math.min(Buffer.byteLength(value), length), 'ascii');
  };
  field(name, 0, 100);
  field('0000644\0', 100, 8);
  field('0000000\0', 108, 8);
  field('0000000\0', 116, 8);
  field(content.length.toString(8).padStart(11, '0') + '\0', 124, 12);
  field(Math.floor(Date.now() / 1000).toString(8).padStart(11, '0') + '\0', 136, 12);
  field('        ', 148, 8);
  field('0', 156, 1);
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}
