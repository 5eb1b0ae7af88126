import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';

/** Runs a command in a running container and returns what it wrote to stdout and stderr, demultiplexed. */
export async function execText(docker: Docker, container: string, cmd: string[]): Promise<string> {
  const exec = await docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  return text;
}
