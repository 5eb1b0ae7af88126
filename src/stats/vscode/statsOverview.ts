import * as vscode from 'vscode';
import type { EngineSession } from '../../engine/vscode/engineSession';
import type { MetricsRecorder } from '../history/metricsRecorder';
import { isPanelToHostMessage, STATS_OVERVIEW_VIEW_TYPE, type HostToPanelMessage, type OverviewRow } from '../statsProtocol';
import { statsWebviewHtml, statsWebviewOptions } from './statsWebviewHtml';

/** Samples arrive one container at a time; the table is redrawn at most this often. */
const UPDATE_DEBOUNCE_MS = 500;

export interface StatsOverviewHost {
  extensionUri: vscode.Uri;
  session: EngineSession;
  recorder: MetricsRecorder;
  openContainer(containerId: string): void;
}

/** Every running container with its current CPU and memory; a row opens that container's panel. */
export class StatsOverview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;
  private ready = false;
  private stale = false;
  private timer: NodeJS.Timeout | undefined;

  static create(host: StatsOverviewHost): StatsOverview {
    const panel = vscode.window.createWebviewPanel(STATS_OVERVIEW_VIEW_TYPE, 'Container Stats', vscode.ViewColumn.Active, statsWebviewOptions(host.extensionUri));
    return new StatsOverview(panel, host);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: StatsOverviewHost,
  ) {
    // Set again here: a panel revived by the serializer comes with default options.
    panel.webview.options = statsWebviewOptions(host.extensionUri);
    panel.title = 'Container Stats';
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'berth.svg');
    panel.webview.html = statsWebviewHtml(panel.webview, host.extensionUri, 'overview', 'Container stats');
    const unwatch = host.recorder.watch('*');
    const schedule = (): void => this.schedule();
    this.disposables.push(
      { dispose: unwatch },
      { dispose: host.recorder.onSample.on(schedule) },
      { dispose: host.recorder.onRunningChanged.on(schedule) },
      { dispose: host.recorder.ownership.onChange.on(schedule) },
      { dispose: host.session.data.onChanged.on((kind) => kind === 'container' && schedule()) },
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isPanelToHostMessage(message)) return;
        if (message.type === 'ready') {
          this.ready = true;
          void this.send();
        } else if (message.type === 'open') {
          host.openContainer(message.containerId);
        }
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.send();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
    this.panel.dispose();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.send();
    }, UPDATE_DEBOUNCE_MS);
  }

  private async send(): Promise<void> {
    if (!this.ready || !this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const { session, recorder } = this.host;
    let containers = session.data.peek('container');
    if (!containers && session.state.kind === 'connected') containers = await session.data.get('container').catch(() => undefined);
    const byId = new Map((containers ?? []).map((c) => [c.id, c]));
    const rows: OverviewRow[] = recorder.runningIds.map((id) => {
      const info = byId.get(id);
      const latest = recorder.live.latest(id);
      const row: OverviewRow = { id, name: info?.name ?? latest?.containerName ?? id.slice(0, 12), image: info?.image ?? '' };
      if (latest?.cpuPercent !== undefined) row.cpuPercent = latest.cpuPercent;
      if (latest?.memoryUsedBytes !== undefined) row.memoryUsedBytes = latest.memoryUsedBytes;
      if (latest?.memoryLimitBytes !== undefined) row.memoryLimitBytes = latest.memoryLimitBytes;
      if (latest?.memoryPercent !== undefined) row.memoryPercent = latest.memoryPercent;
      return row;
    });
    const message: HostToPanelMessage = { type: 'overview', rows, recording: recorder.historyRecorded };
    const recordedBy = recordedByLine(recorder);
    if (recordedBy) message.recordedBy = recordedBy;
    if (session.state.kind !== 'connected') message.note = 'Not connected to the Docker engine.';
    else if (rows.length === 0) message.note = 'No container is running.';
    void this.panel.webview.postMessage(message);
  }
}

/** "Recorded by this window since 14:02:11": all windows share one history, one of them records it. */
export function recordedByLine(recorder: MetricsRecorder): string | undefined {
  if (!recorder.historyRecorded) return undefined;
  const who = recorder.ownership.recorder;
  if (!who) return 'History: waiting for a window to record it.';
  const since = new Date(who.since).toLocaleTimeString();
  // Two windows on the same folder share a label; the extension host's pid tells them apart.
  return who.self ? `History recorded by this window since ${since}.` : `History recorded by another window (${who.label}, pid ${who.pid}) since ${since}.`;
}
