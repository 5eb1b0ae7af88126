import type { EngineClient } from '../engine/engineClient';
import { PassThrough } from 'node:stream';
import { engineStatusCode } from '../engine/engineErrors';
import { LineSplitter } from '../engine/lineSplitter';
import { ComposeHook, ComposeService } from './composeModelTypes';
import { ComposeProgressListener } from './composeProgress';

/**
 * Runs one post_start or pre_stop hook in a container and waits for it; its output goes to `onLine`.
 * A hook that exits non-zero fails, as compose fails the service then.
 */
export async function runHook(client: EngineClient, containerId: string, service: string, kind: 'post_start' | 'pre_stop', hook: ComposeHook, onLine: (line: string) => void): Promise<void> {
  const execId = await client.createExec(containerId, {
    Cmd: hook.command,
    User: hook.user,
    Privileged: hook.privileged,
    WorkingDir: hook.workingDir,
    Env: hook.environment ? Object.entries(hook.environment).map(([key, value]) => `${key}=${value}`) : undefined,
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await client.startExec(execId);
  const output = new PassThrough();
  const lines = new LineSplitter();
  output.on('data', (chunk: Buffer) => lines.push(chunk).forEach(onLine));
  client.demuxStream(stream, output, output);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  lines.end().forEach(onLine);
  const { ExitCode } = await client.inspectExec(execId);
  if (ExitCode !== 0) throw new Error(`The ${kind} hook of service "${service}" (${hook.command.join(' ')}) exited with status ${ExitCode}.`);
}

/** A service's pre_stop hooks before one of its containers is stopped; a container that is not running has nothing to run them in. */
export async function runPreStopHooks(client: EngineClient, service: ComposeService | undefined, containerId: string, report: ComposeProgressListener): Promise<void> {
  for (const hook of service?.settings?.preStop ?? []) {
    try {
      await runHook(client, containerId, service!.name, 'pre_stop', hook, (line) => report({ service: service!.name, step: 'stop', message: `pre_stop: ${line}` }));
    } catch (err) {
      // 409: not running, 404: already gone; compose skips those too.
      const status = engineStatusCode(err);
      if (status === 409 || status === 404) return;
      throw err;
    }
  }
}

export async function runPostStartHooks(client: EngineClient, service: ComposeService, containerId: string, report: ComposeProgressListener): Promise<void> {
  for (const hook of service.settings?.postStart ?? []) {
    await runHook(client, containerId, service.name, 'post_start', hook, (line) => report({ service: service.name, step: 'start', message: `post_start: ${line}` }));
  }
}
