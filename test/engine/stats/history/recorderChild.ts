// One "window" for the multi-process recorder test: a lease, a history worker and a recorder on a
// shared folder, sampling the test engine. Reports lease changes and command results as JSON lines
// on stdout; takes commands ("clear", "exit") as lines on stdin.
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { connectEngine } from '../../../support/engineWiring';
import { MetricsHistory } from '../../../../src/stats/history/metricsHistory';
import { MetricsRecorder } from '../../../../src/stats/history/metricsRecorder';
import { leaseTimingFor, RecorderLease } from '../../../../src/stats/history/recorderLease';

const [dir, label, intervalText, wasmPath] = process.argv.slice(2);
const intervalMs = Number(intervalText);

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...event, label, pid: process.pid, at: Date.now() })}\n`);
}

async function main(): Promise<void> {
  const filePath = path.join(dir, 'metrics.sqlite');
  const { history } = await MetricsHistory.open({ filePath, wasmPath, mode: 'reader', pollMs: 250 });
  const lease = new RecorderLease({ filePath: path.join(dir, 'metrics.lease'), label, ...leaseTimingFor(intervalMs) });
  lease.onChange.on((change) => report({ type: 'lease', reason: change.reason, holding: change.holding, holder: change.holder?.label }));
  const recorder = new MetricsRecorder({
    history,
    lease,
    settings: { intervalMs, rawRetentionHours: 24, retentionDays: 7, record: 'always' },
    log: (message) => report({ type: 'log', message }),
  });
  recorder.ownership.onChange.on(() => report({ type: 'writing', writing: recorder.ownership.writing }));
  // The recorder follows the engine's hub, as in a window: one event stream for this process.
  const engine = await connectEngine();
  await recorder.attach(engine.client, engine);
  report({ type: 'ready' });
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'clear') {
      void recorder.clear().then(
        (outcome) => report({ type: 'cleared', outcome }),
        (error: unknown) => report({ type: 'error', message: String(error) }),
      );
    } else if (line === 'exit') {
      void recorder.dispose().then(() => {
        report({ type: 'exited' });
        process.exit(0);
      });
    }
  });
}

main().catch((error: unknown) => {
  report({ type: 'error', message: String(error) });
  process.exit(1);
});
