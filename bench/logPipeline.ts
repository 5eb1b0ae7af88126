import { resolveEndpoint } from '../src/engine/endpoint';
import { EngineConnection } from '../src/engine/engineConnection';
import { LogFollower } from '../src/logs/logFollower';
import { FOLLOW_TUNING } from '../src/logs/logLimits';

export interface PipelineRun {
  lines: number;
  chars: number;
  firstLine: string;
  lastLine: string;
  /** From starting the follower to the batch holding the last line. */
  totalMs: number;
  /** From the batch holding the first line to the one holding the last. */
  firstToLastMs: number;
  batches: number;
}

/**
 * Berth's engine layer for the endpoint setting, connected: its client and its event hub, as a log
 * channel gets them. Dispose it after.
 */
export async function berthEngine(dockerHost: string): Promise<EngineConnection> {
  const endpoint = resolveEndpoint({ setting: dockerHost, env: {}, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined });
  const engine = new EngineConnection(endpoint);
  await engine.start();
  await engine.whenConnected();
  return engine;
}

/**
 * One pass of a finished container's log through the pipeline a log channel uses (LogFollower with
 * the channel's tuning: demultiplex, decode, strip, coalesce, render), up to the text that would
 * be appended, which is counted and dropped. Resolves once `expected` lines have arrived.
 */
export async function runLogPipeline(engine: EngineConnection, containerId: string, expected: number): Promise<PipelineRun> {
  const follower = new LogFollower({ client: engine.client, containerId, events: engine, tail: 'all', showTimestamps: false, ...FOLLOW_TUNING });
  const run: PipelineRun = { lines: 0, chars: 0, firstLine: '', lastLine: '', totalMs: 0, firstToLastMs: 0, batches: 0 };
  const started = performance.now();
  let firstAt = 0;
  await new Promise<void>((resolve, reject) => {
    follower.on('lines', (batch) => {
      if (run.lines === 0) {
        firstAt = performance.now();
        run.firstLine = batch.text.slice(0, batch.text.indexOf('\n'));
      }
      run.batches++;
      run.lines += batch.count;
      run.chars += batch.text.length;
      run.lastLine = batch.text.slice(batch.text.lastIndexOf('\n', batch.text.length - 2) + 1, -1);
      if (run.lines >= expected) resolve();
    });
    follower.on('marker', (marker) => {
      if (marker.kind === 'stopped' && run.lines < expected) reject(new Error(`the pipeline delivered ${run.lines} of ${expected} lines`));
      if (marker.kind === 'reconnecting') reject(new Error(`the log stream failed: ${marker.reason}`));
    });
    follower.start();
  });
  const ended = performance.now();
  run.totalMs = ended - started;
  run.firstToLastMs = ended - firstAt;
  await follower.stop();
  return run;
}
