import * as vscode from 'vscode';
import { ComposeProgressEvent } from '../composeProgress';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import { ComposeCodeLensProvider } from './composeCodeLens';
import { ComposeTargets } from './composeTargets';
import { ComposeDiagnosticsController } from './composeDiagnosticsController';

/** The compose editor features: diagnostics, CodeLens, the "Berth: Compose" log and per-project locks. */
export class ComposeEditor implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Berth: Compose', { log: true });
  readonly diagnostics = new ComposeDiagnosticsController();
  readonly codeLens: ComposeCodeLensProvider;
  /** Which engine each compose file deploys to. */
  readonly targets: ComposeTargets;
  private readonly busy = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(engines: EngineRegistry, workspaceState: vscode.Memento) {
    this.targets = new ComposeTargets(engines, workspaceState);
    this.codeLens = new ComposeCodeLensProvider(engines, this.targets, (file) => this.diagnostics.analyze(file));
    this.disposables.push(
      this.targets,
      this.output,
      this.diagnostics,
      this.codeLens,
      // Every file scheme document: the provider itself decides (names and user patterns).
      vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this.codeLens),
    );
  }

  log(project: string, event: ComposeProgressEvent): void {
    const who = event.service ? `${project}/${event.service}` : project;
    if (event.step === 'failed') this.output.error(`${who}: ${event.message}`);
    else this.output.info(`${who}: ${event.message}`);
  }

  /**
   * Runs one operation per project at a time: a second click while a deploy runs would race it on
   * the same container names.
   */
  async exclusive<T>(project: string, work: () => Promise<T>): Promise<T | undefined> {
    if (this.busy.has(project)) {
      void vscode.window.showWarningMessage(`Project "${project}" is already being deployed or taken down; wait until that finishes.`);
      return undefined;
    }
    this.busy.add(project);
    try {
      return await work();
    } finally {
      this.busy.delete(project);
      this.codeLens.refresh();
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
