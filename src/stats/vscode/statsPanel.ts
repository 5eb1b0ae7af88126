import * as vscode from 'vscode';
import type { ContainerSample } from '../statsMath';
import type { EngineSession } from '../../engine/vscode/engineSession';
import type { MetricsRecorder } from '../history/metricsRecorder';
import { chartPoint, buildSeries, currentValues } from '../statsSeries';
import {
  isPanelToHostMessage,
  RANGE_MS,
  STATS_PANEL_VIEW_TYPE,
  type ContainerHeader,
  type HostToPanelMessage,
  type TimeRange,
} from '../statsProtocol';
import { statsWebviewHtml, statsWebviewOptions } from './statsWebviewHtml';

const MAX_POINTS: Readonly<Record<TimeRange, number>> = { live: 400, '1h': 720, '24h': 720, '7d': 1008 };
/** History ranges re-read the store this often while visible; live appends every sample. */
const HISTORY_REFRESH_MS = 60_000;

export interface StatsPanelHost {
  extensionUri: vscode.Uri;
  session: EngineSession;
  recorder: MetricsRecorder;
  /** The engine's name for the title, where several engines are open. */
  engineName?: string;
}

/** One container's stats dashboard: the header's current values and the charts of one time range. */
export class StatsPanel implements vscode.Disposable {
  private range: TimeRange;
  private lastSample: ContainerSample | undefined;
  private stale = false;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;
  private refreshTimer: NodeJS.Timeout | undefined;

  static create(host: StatsPanelHost, containerId: string, range: TimeRange = 'live'): StatsPanel {
    const panel = vscode.window.createWebviewPanel(STATS_PANEL_VIEW_TYPE, 'Stats', vscode.ViewColumn.Active, statsWebviewOptions(host.extensionUri));
    return new StatsPanel(panel, host, containerId, range);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: StatsPanelHost,
    readonly containerId: string,
    range: TimeRange,
  ) {
    this.range = range;
    // Set again here: a panel revived by the serializer comes with default options.
    panel.webview.options = statsWebviewOptions(host.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'berth.svg');
    panel.title = `Stats: ${containerId.slice(0, 12)}`;
    panel.webview.html = statsWebviewHtml(panel.webview, host.extensionUri, 'container', 'Container stats');
    const unwatch = host.recorder.watch(containerId);
    const offSample = host.recorder.onSample.on((sample) => this.onSample(sample));
    // A Clear in any window empties the charts here too.
    const offCleared = host.recorder.onCleared.on(() => this.sendSeries());
    this.disposables.push(
      { dispose: unwatch },
      { dispose: offSample },
      { dispose: offCleared },
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.sendAll();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.refreshTimer = setInterval(() => {
      if (this.range !== 'live') this.sendSeries();
    }, HISTORY_REFRESH_MS);
    void this.updateTitle();
  }

  get currentRange(): TimeRange {
    return this.range;
  }

  reveal(): void {
    this.panel.reveal();
  }

  private title(name: string): string {
    return this.host.engineName ? `Stats: ${name} (${this.host.engineName})` : `Stats: ${name}`;
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
    this.panel.dispose();
  }

  private onMessage(message: unknown): void {
    if (!isPanelToHostMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.sendAll();
    } else if (message.type === 'range') {
      this.range = message.range;
      this.sendSeries();
    }
  }

  private onSample(sample: ContainerSample): void {
    if (sample.containerId !== this.containerId) return;
    const previous = this.lastSample;
    this.lastSample = sample;
    if (this.range !== 'live') return;
    if (!this.canPost()) return;
    const gap = previous !== undefined && sample.timestamp - previous.timestamp > this.gapMs();
    const points = [chartPoint(gap ? undefined : previous, sample)];
    this.post({ type: 'append', points, current: currentValues(previous, sample) });
  }

  /** Hidden panels get nothing; they catch up with one full message when shown again. */
  private canPost(): boolean {
    if (!this.ready || !this.panel.visible) {
      this.stale = true;
      return false;
    }
    return true;
  }

  private sendAll(): void {
    if (!this.canPost()) return;
    this.stale = false;
    void this.sendHeader();
    this.sendSeries();
  }

  private async sendHeader(): Promise<void> {
    const header = await this.header();
    const limited = await this.memoryLimited();
    if (limited !== undefined) header.memoryLimited = limited;
    if (this.canPost()) this.post({ type: 'header', header });
    this.panel.title = this.title(header.name);
  }

  private async updateTitle(): Promise<void> {
    this.panel.title = this.title((await this.header()).name);
  }

  /** Undefined when the engine cannot say (not connected, container gone): the chart then keeps its choice. */
  private async memoryLimited(): Promise<boolean | undefined> {
    try {
      const info = await this.host.session.client?.inspectContainer(this.containerId);
      return info ? (info.HostConfig.Memory ?? 0) > 0 : undefined;
    } catch {
      return undefined;
    }
  }

  private async header(): Promise<ContainerHeader> {
    let containers = this.host.session.data.peek('container');
    if (!containers && this.host.session.state.kind === 'connected') {
      containers = await this.host.session.data.get('container').catch(() => undefined);
    }
    const info = containers?.find((c) => c.id === this.containerId);
    if (info) {
      const header: ContainerHeader = { id: info.id, name: info.name, image: info.image, state: info.state };
      if (info.composeProject) header.composeProject = info.composeProject;
      if (info.composeService) header.composeService = info.composeService;
      return header;
    }
    const stored = (await this.host.recorder.containers().catch(() => [])).find((c) => c.containerId === this.containerId);
    return { id: this.containerId, name: stored?.containerName ?? this.containerId.slice(0, 12), image: '', state: 'not found' };
  }

  private gapMs(): number {
    return this.host.recorder.intervalMs * 3;
  }

  private sendSeries(): void {
    void this.sendSeriesOf(this.range);
  }

  private async sendSeriesOf(range: TimeRange): Promise<void> {
    if (!this.canPost()) return;
    const recorder = this.host.recorder;
    const now = Date.now();
    const from = now - RANGE_MS[range];
    let samples: ContainerSample[] = recorder.live.since(this.containerId, from);
    if (range !== 'live' && recorder.history) {
      // The history worker answers; the host only waits for the message.
      const stored = await recorder.query(this.containerId, from, now).catch(() => []);
      // Another range was picked meanwhile: its own answer follows.
      if (range !== this.range || !this.canPost()) return;
      // With recording off the store has only older history; the in-memory minutes complete it.
      const newestStored = stored.length > 0 ? stored[stored.length - 1].timestamp : -Infinity;
      samples = [...stored, ...samples.filter((s) => s.timestamp > newestStored)];
    }
    const minuteRows = this.range === '24h' || this.range === '7d';
    const gapMs = minuteRows ? Math.max(this.gapMs(), 3 * 60_000) : this.gapMs();
    const points = buildSeries(samples, { gapMs, maxPoints: MAX_POINTS[this.range] });
    const latest = samples[samples.length - 1];
    const previous = samples[samples.length - 2];
    this.lastSample = latest ?? this.lastSample;
    const message: HostToPanelMessage = { type: 'series', range, points, recording: recorder.historyRecorded };
    const current = currentValues(previous, latest);
    if (current) message.current = current;
    const note = this.note(points.length);
    if (note) message.note = note;
    this.post(message);
  }

  private note(pointCount: number): string | undefined {
    const recorder = this.host.recorder;
    if (this.range !== 'live' && !recorder.history && !this.host.session.isCurrent) return 'The metrics history records the current engine only; for this engine the last minutes are shown.';
    if (this.range !== 'live' && !recorder.history) return 'The metrics history could not be opened; only the last minutes are shown.';
    if (this.range !== 'live' && !recorder.historyRecorded) return 'Recording is off (berth.stats.record): only earlier history and the last minutes are shown.';
    if (pointCount > 0) return undefined;
    if (this.host.session.state.kind !== 'connected') return 'Not connected to the Docker engine.';
    if (!recorder.runningIds.includes(this.containerId)) return 'The container is not running; no samples in this range.';
    return 'Waiting for the first samples…';
  }

  private post(message: HostToPanelMessage): void {
    void this.panel.webview.postMessage(message);
  }
}
