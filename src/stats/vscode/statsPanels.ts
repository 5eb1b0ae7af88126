import * as vscode from 'vscode';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import type { MetricsService } from './metricsService';
import { StatsOverview } from './statsOverview';
import { StatsPanel } from './statsPanel';
import { isStatsPanelState, STATS_OVERVIEW_VIEW_TYPE, STATS_PANEL_VIEW_TYPE, type TimeRange } from '../statsProtocol';

function panelKey(engine: EngineSession, containerId: string): string {
  return `${engine.key}\n${containerId}`;
}

/**
 * The open stats panels: one per container plus the overview. Registers the serializers that bring
 * them back after a window reload (package.json activates on onWebviewPanel:<viewType>).
 */
export class StatsPanels implements vscode.Disposable {
  private readonly panels = new Map<string, StatsPanel>();
  private overview: StatsOverview | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engines: EngineRegistry,
    readonly metrics: MetricsService,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(STATS_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          // Panels come back for the current engine; another engine may not be connected yet.
          if (!isStatsPanelState(state) || this.panels.has(panelKey(engines.current, state.containerId))) {
            panel.dispose();
            return;
          }
          this.track(engines.current, new StatsPanel(panel, await this.host(engines.current), state.containerId, state.range));
        },
      }),
      vscode.window.registerWebviewPanelSerializer(STATS_OVERVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => {
          if (this.overview) {
            panel.dispose();
            return;
          }
          this.trackOverview(new StatsOverview(panel, { ...(await this.host(engines.current)), openContainer: (id) => void this.open(engines.current, id) }));
        },
      }),
    );
  }

  /** Opens (or reveals) the panel of one container of an engine. */
  async open(engine: EngineSession, containerId: string, range?: TimeRange): Promise<StatsPanel> {
    const existing = this.panels.get(panelKey(engine, containerId));
    if (existing) {
      existing.reveal();
      return existing;
    }
    return this.track(engine, StatsPanel.create(await this.host(engine), containerId, range));
  }

  async openOverview(): Promise<StatsOverview> {
    if (this.overview) {
      this.overview.reveal();
      return this.overview;
    }
    const current = this.engines.current;
    return this.trackOverview(StatsOverview.create({ ...(await this.host(current)), openContainer: (id) => void this.open(current, id) }));
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.overview?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private async host(engine: EngineSession): Promise<{ extensionUri: vscode.Uri; session: EngineSession; recorder: Awaited<MetricsService['ready']>; engineName?: string }> {
    const recorder = engine.isCurrent ? await this.metrics.ready : this.metrics.liveRecorder(engine);
    return { extensionUri: this.extensionUri, session: engine, recorder, engineName: this.engines.multiple ? engine.name : undefined };
  }

  private track(engine: EngineSession, panel: StatsPanel): StatsPanel {
    const key = panelKey(engine, panel.containerId);
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    return panel;
  }

  private trackOverview(overview: StatsOverview): StatsOverview {
    this.overview = overview;
    overview.onDidDispose(() => {
      if (this.overview === overview) this.overview = undefined;
    });
    return overview;
  }
}
