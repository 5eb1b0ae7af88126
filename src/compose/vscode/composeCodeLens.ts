import * as vscode from 'vscode';
import { ComposeAnalysis } from '../composeAnalysisTypes';
import { projectStatus, ServiceStatus } from '../composeEngineState';
import { ComposeProject } from '../composeModelTypes';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import { isComposeDocument } from './composeDocuments';
import type { ComposeTargets } from './composeTargets';

export const UNTRUSTED_REASON = 'Deploy disabled: this workspace is not trusted, and a compose file can mount the host’s filesystem';

function serviceText(status: ServiceStatus | undefined): string {
  if (!status || status.existing === 0) return 'not deployed';
  return status.wanted === 1 && status.existing === 1 ? (status.running === 1 ? 'running' : 'stopped') : `${status.running}/${status.wanted} running`;
}

/**
 * Deploy / Down / Restart and the project's state at the top of a compose file, "Deploy service" and
 * its state above each service. States come from the container list the views already keep, so the
 * lenses cost no extra requests.
 */
export class ComposeCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly engines: EngineRegistry,
    private readonly targets: ComposeTargets,
    /** Checks off the extension host's thread: a hostile file must not freeze the editor. */
    private readonly analyze: (file: string) => Promise<ComposeAnalysis>,
  ) {
    this.disposables.push(
      engines.onDidChangeList(({ kind }) => kind === 'container' && this.changed.fire()),
      engines.onDidChangeEngines(() => this.changed.fire()),
      engines.onDidChangeState(() => this.changed.fire()),
      targets.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('berth.compose')) this.changed.fire();
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('berth.compose').get<boolean>('codeLens', true)) return [];
    if (!isComposeDocument(document) || document.uri.scheme !== 'file') return [];
    const loaded = await this.analyze(document.uri.fsPath);
    const offsets = loaded.serviceOffsets[document.uri.fsPath];
    const top = new vscode.Range(0, 0, 0, 0);
    const uri = document.uri;
    if (!vscode.workspace.isTrusted) {
      return [new vscode.CodeLens(top, { title: `$(shield) ${UNTRUSTED_REASON}`, command: 'workbench.trust.manage', tooltip: 'Manage Workspace Trust' })];
    }
    const lenses = [
      new vscode.CodeLens(top, { title: '$(play) Deploy', command: 'berth.compose.deploy', arguments: [uri], tooltip: `Deploy project "${loaded.project.name}"` }),
      new vscode.CodeLens(top, { title: '$(debug-stop) Down', command: 'berth.compose.down', arguments: [uri], tooltip: 'Stop and remove the containers and networks' }),
      new vscode.CodeLens(top, { title: '$(debug-restart) Restart', command: 'berth.compose.restart', arguments: [uri] }),
    ];
    const engine = this.targets.engineFor(document.uri.fsPath);
    if (this.engines.multiple) {
      // Where the buttons deploy to, and the way to choose another engine for this file.
      lenses.push(new vscode.CodeLens(top, { title: `$(server) ${engine.name}`, command: 'berth.compose.chooseEngine', arguments: [uri], tooltip: `Deploys go to ${engine.name}; click to choose another engine for this file` }));
    }
    const status = await this.status(engine, loaded.project);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    const stateTitle = errors > 0 ? `$(error) ${errors} problem${errors === 1 ? '' : 's'}` : status ? `${status.running}/${status.wanted} running` : 'engine not connected';
    lenses.push(new vscode.CodeLens(top, { title: stateTitle, command: errors > 0 ? 'workbench.actions.view.problems' : '', tooltip: `Project "${loaded.project.name}"` }));
    if (!offsets) return lenses;
    for (const [service, offset] of offsets) {
      if (!(service in loaded.project.services)) continue;
      const position = document.positionAt(offset);
      const range = new vscode.Range(position, position);
      lenses.push(new vscode.CodeLens(range, { title: '$(play) Deploy service', command: 'berth.compose.deployService', arguments: [uri, service] }));
      lenses.push(new vscode.CodeLens(range, { title: status ? serviceText(status.services[service]) : '', command: '' }));
    }
    return lenses;
  }

  private async status(engine: EngineSession, project: ComposeProject): Promise<ReturnType<typeof projectStatus> | undefined> {
    if (engine.state.kind !== 'connected') return undefined;
    try {
      const containers = await engine.data.get('container');
      return projectStatus(project, { containers, networks: [], volumes: [] });
    } catch {
      return undefined;
    }
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
