import * as vscode from 'vscode';
import type { EngineSession } from '../../engine/vscode/engineSession';
import type { MetricsService } from './metricsService';
import { StatsOverview } from './statsOverview';
import { StatsPanel } from './statsPanel';
import { isStatsPanelState, STATS_OVERVIEW_VIEW_TYPE, STATS_PANEL_VIEW_TYPE, type TimeRange } from '../statsProtocol';

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
    private readonly session: EngineSession,
    readonly metrics: MetricsService,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(STATS_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          if (!isStatsPanelState(state) || this.panels.has(state.containerId)) {
            panel.dispose();
            return;
          }
          this.track(new StatsPanel(panel, await this.host(), state.containerId, state.range));
        },
      }),
      vscode.window.registerWebviewPanelSerializer(STATS_OVERVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => {
          if (this.overview) {
            panel.dispose();
            return;
          }
          this.trackOverview(new StatsOverview(panel, { ...(await this.host()), openContainer: (id) => void this.open(id) }));
        },
      }),
    );
  }

  /** Opens (or reveals) the panel of one container. */
  async open(containerId: string, range?: TimeRange): Promise<StatsPanel> {
    const existing = this.panels.get(containerId);
    if (existing) {
      existing.reveal();
      return existing;
    }
    return this.track(StatsPanel.create(await this.host(), containerId, range));
  }

  async openOverview(): Promise<StatsOverview> {
    if (this.overview) {
      this.overview.reveal();
      return this.overview;
    }
    return this.trackOverview(StatsOverview.create({ ...(await this.host()), openContainer: (id) => void this.open(id) }));
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.overview?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private async host(): Promise<{ extensionUri: vscode.Uri; session: EngineSession; recorder: Awaited<MetricsService['ready']> }> {
    return { extensionUri: this.extensionUri, session: this.session, recorder: await this.metrics.ready };
  }

  private track(panel: StatsPanel): StatsPanel {
    this.panels.set(panel.containerId, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(panel.containerId) === panel) this.panels.delete(panel.containerId);
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
