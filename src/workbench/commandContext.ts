import type * as vscode from 'vscode';
import type { BuildService } from '../build/vscode/buildService';
import type { ComposeEditor } from '../compose/vscode/composeEditor';
import type { EngineRegistry } from '../engine/vscode/engineRegistry';
import type { EnginesProvider } from '../engine/vscode/enginesProvider';
import type { LogService } from '../logs/vscode/logService';
import type { RegistriesProvider } from '../registry/vscode/registriesProvider';
import type { InspectDocuments } from './inspectDocuments';
import type { BerthViews } from './views';
import type { StatsPanels } from '../stats/vscode/statsPanels';

/** What command handlers may use; built once in activate(). */
export interface CommandContext {
  /** The engines Berth is connected to: the current endpoint and the others the user connected. */
  engines: EngineRegistry;
  /** The Engines view: the engines Berth knows, connected or not. */
  enginesView: EnginesProvider;
  views: BerthViews;
  output: vscode.LogOutputChannel;
  extension: vscode.ExtensionContext;
  inspectDocuments: InspectDocuments;
  /** Compose files: diagnostics, CodeLens, the "Berth: Compose" log. */
  compose: ComposeEditor;
  /** Container and compose project log channels, and the last-lines documents. */
  logs: LogService;
  /** Container stats: the panels and, through them, the metrics history. */
  stats: StatsPanels;
  /** The Registries view: registries, repositories, tags and their details. */
  registries: RegistriesProvider;
  /** Dockerfile builds: the "Berth: Build" output, build diagnostics and the Dockerfile CodeLens. */
  build: BuildService;
}
