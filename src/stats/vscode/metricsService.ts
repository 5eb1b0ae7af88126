import * as vscode from 'vscode';
import { DEFAULT_STATS_INTERVAL_MS } from '../statsSampler';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { MetricsHistory } from '../history/metricsHistory';
import { MetricsRecorder } from '../history/metricsRecorder';
import type { RecorderSettings } from '../history/recorderSettings';
import { DEFAULT_RAW_RETENTION_HOURS, DEFAULT_RETENTION_DAYS } from '../history/metricsRetention';
import type { MetricsRecovery } from '../history/metricsTypes';
import { leaseTimingFor, RecorderLease } from '../history/recorderLease';

export const METRICS_FILE_NAME = 'metrics.sqlite';
export const METRICS_LEASE_FILE_NAME = 'metrics.lease';

export function readRecorderSettings(): RecorderSettings {
  const config = vscode.workspace.getConfiguration('berth.stats');
  const positive = (key: string, fallback: number): number => {
    const n = config.get<number>(key, fallback);
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    intervalMs: Math.max(1, positive('intervalSeconds', DEFAULT_STATS_INTERVAL_MS / 1000)) * 1000,
    rawRetentionHours: positive('rawRetentionHours', DEFAULT_RAW_RETENTION_HOURS),
    retentionDays: positive('retentionDays', DEFAULT_RETENTION_DAYS),
    record: config.get<string>('record', 'always') === 'off' ? 'off' : 'always',
  };
}

/**
 * Owns this window's side of the metrics history: the history worker, the lease that decides which
 * window records (all windows share the extension's global storage), and the recorder following
 * the engine session. Shutting down hands the lease to another window.
 */
export class MetricsService implements vscode.Disposable {
  /** Resolves once the history is open (or failed to open: then live stats work without history). */
  readonly ready: Promise<MetricsRecorder>;
  private recorderInstance: MetricsRecorder | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private shuttingDown: Promise<void> | undefined;
  private readonly session: EngineSession;
  /** Live-only recorders for the other engines' stats panels: the history keeps the current engine. */
  private readonly live = new Map<EngineSession, { recorder: MetricsRecorder; following: vscode.Disposable }>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    engines: EngineRegistry,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.session = engines.current;
    this.ready = this.open();
    this.disposables.push(
      engines.onDidChangeEngines(() => {
        for (const [engine, live] of this.live) {
          if (engines.all().includes(engine)) continue;
          this.live.delete(engine);
          live.following.dispose();
          void live.recorder.dispose();
        }
      }),
    );
  }

  /**
   * Samples another engine's containers for its stats panels, without writing the history (whose
   * lease and samples belong to the current engine). Made on first use, ended when the engine is
   * disconnected.
   */
  liveRecorder(engine: EngineSession): MetricsRecorder {
    const existing = this.live.get(engine);
    if (existing) return existing.recorder;
    const recorder = new MetricsRecorder({ settings: { ...readRecorderSettings(), record: 'off' }, log: (message) => this.output.warn(`[${engine.name}] ${message}`) });
    const follow = (): void => {
      const client = engine.client;
      const events = engine.events;
      if (engine.state.kind === 'connected' && client && events) void recorder.attach(client, events);
      else recorder.detach();
    };
    this.live.set(engine, { recorder, following: engine.onDidChangeState(follow) });
    follow();
    return recorder;
  }

  get recorder(): MetricsRecorder | undefined {
    return this.recorderInstance;
  }

  get filePath(): string {
    return vscode.Uri.joinPath(this.context.globalStorageUri, METRICS_FILE_NAME).fsPath;
  }

  /** Stops sampling and writes the history; deactivate() awaits this. */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      for (const d of this.disposables) d.dispose();
      for (const live of this.live.values()) live.following.dispose();
      await Promise.all([...this.live.values()].map((live) => live.recorder.dispose()));
      this.live.clear();
      const recorder = await this.ready;
      await recorder.dispose();
    })();
    return this.shuttingDown;
  }

  dispose(): void {
    void this.shutdown();
  }

  private async open(): Promise<MetricsRecorder> {
    const wasm = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'sql-wasm.wasm').fsPath;
    const settings = readRecorderSettings();
    let history: MetricsHistory | undefined;
    try {
      // Every window opens the history read-only; the one that gets the lease switches to writing.
      const opened = await MetricsHistory.open({ filePath: this.filePath, wasmPath: wasm, mode: 'reader' });
      history = opened.history;
      if (opened.unreadable) {
        this.output.warn(`Metrics history unreadable for now (${opened.unreadable.detail}); the recording window sets it aside and starts a new one.`);
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.output.error(`Metrics history unavailable (${reason}); stats are shown live only.`);
      void vscode.window.showErrorMessage(`Berth cannot open its metrics history: ${reason}. Stats are shown live only.`);
    }
    const lease = history
      ? new RecorderLease({
          filePath: vscode.Uri.joinPath(this.context.globalStorageUri, METRICS_LEASE_FILE_NAME).fsPath,
          label: `${vscode.env.appName}: ${vscode.workspace.name ?? 'window without a folder'}`,
          // The timing follows the interval at start; a changed interval takes effect in the next session.
          ...leaseTimingFor(settings.intervalMs),
        })
      : undefined;
    const recorder = new MetricsRecorder({
      history,
      lease,
      settings,
      log: (message) => this.output.warn(message),
      info: (message) => this.output.info(message),
    });
    recorder.ownership.onRecovered.on((recovered) => this.reportRecovery(recovered));
    this.recorderInstance = recorder;
    if (this.shuttingDown) return recorder;
    const follow = (): void => {
      const docker = this.session.client;
      const events = this.session.events;
      // The engine's event hub: no second long-lived request to the engine.
      if (this.session.state.kind === 'connected' && docker && events) void recorder.attach(docker, events);
      else recorder.detach();
    };
    this.disposables.push(
      this.session.onDidChangeState(follow),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('berth.stats')) recorder.updateSettings(readRecorderSettings());
      }),
    );
    follow();
    return recorder;
  }

  private reportRecovery(recovered: MetricsRecovery): void {
    const why = recovered.reason === 'corrupt' ? 'could not be read' : 'was written by a newer version of Berth';
    this.output.warn(`Metrics history ${why} (${recovered.detail}); moved to ${recovered.movedTo}.`);
    void vscode.window.showWarningMessage(`Berth's metrics history ${why}. It was moved to ${recovered.movedTo} and a new history was started.`);
  }
}
