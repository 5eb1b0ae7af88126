import * as vscode from 'vscode';
import { createApi, type BerthApi } from './workbench/api';
import { registerCommands } from './workbench/commandRegistry';
import { ComposeEditor } from './compose/vscode/composeEditor';
import { trackComposeFileContext } from './compose/vscode/composeDocuments';
import { EngineRegistry } from './engine/vscode/engineRegistry';
import { EnginesProvider } from './engine/vscode/enginesProvider';
import { LogService } from './logs/vscode/logService';
import { LOGS_SCHEME } from './logs/vscode/logDocuments';
import { MetricsService } from './stats/vscode/metricsService';
import { InspectDocuments, INSPECT_SCHEME } from './workbench/inspectDocuments';
import { createViews, startSafetyPoll } from './workbench/views';
import { createStatusBar } from './engine/vscode/statusBar';
import { StatsPanels } from './stats/vscode/statsPanels';
import { RegistriesProvider } from './registry/vscode/registriesProvider';
import { createFiles, wireFilesTree } from './files/vscode/filesWiring';
import { BuildService } from './build/vscode/buildService';

let metrics: MetricsService | undefined;

export function activate(context: vscode.ExtensionContext): BerthApi {
  const output = vscode.window.createOutputChannel('Berth', { log: true });
  const engines = new EngineRegistry(output, context.workspaceState);
  context.subscriptions.push(output, engines);

  const files = createFiles(engines, output, context.subscriptions);
  const views = createViews(engines, context.subscriptions, { containers: files.dragAndDrop, volumes: files.dragAndDrop });
  wireFilesTree(engines, files, views, context.subscriptions);
  const enginesView = new EnginesProvider(engines);
  context.subscriptions.push(enginesView, vscode.window.createTreeView('berth.engines', { treeDataProvider: enginesView }));
  context.subscriptions.push(startSafetyPoll(engines, views), createStatusBar(engines));
  const inspectDocuments = new InspectDocuments(engines);
  context.subscriptions.push(inspectDocuments, vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspectDocuments));
  metrics = new MetricsService(context, engines, output);
  const stats = new StatsPanels(context.extensionUri, engines, metrics);
  context.subscriptions.push(stats, metrics);
  const logs = new LogService(engines, output);
  context.subscriptions.push(logs, vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, logs.documents));
  views.containers.provider.isFollowing = (engine, kind, key) => logs.isFollowing(engine, kind, key);
  context.subscriptions.push(logs.onDidChangeFollowing(() => views.containers.provider.redraw()));
  const compose = new ComposeEditor(engines, context.workspaceState);
  context.subscriptions.push(compose, trackComposeFileContext());
  const registries = new RegistriesProvider(context.globalState, output);
  context.subscriptions.push(registries, vscode.window.createTreeView('berth.registries', { treeDataProvider: registries }));
  const build = new BuildService();
  context.subscriptions.push(build);
  registerCommands({ engines, enginesView, views, output, extension: context, inspectDocuments, stats, logs, compose, registries, build });

  void engines.start();
  return createApi(engines, views, enginesView);
}

/** Everything else is disposed through context.subscriptions; the metrics history is written first. */
export function deactivate(): Promise<void> | undefined {
  return metrics?.shutdown();
}
