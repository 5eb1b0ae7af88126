import * as vscode from 'vscode';
import { createApi, type BerthApi } from './workbench/api';
import { registerCommands } from './workbench/commandRegistry';
import { ComposeEditor } from './compose/vscode/composeEditor';
import { trackComposeFileContext } from './compose/vscode/composeDocuments';
import { EngineSession } from './engine/vscode/engineSession';
import { EnginesProvider } from './engine/vscode/enginesProvider';
import { LogService } from './logs/vscode/logService';
import { LOGS_SCHEME } from './logs/vscode/logDocuments';
import { MetricsService } from './stats/vscode/metricsService';
import { InspectDocuments, INSPECT_SCHEME } from './workbench/inspectDocuments';
import { createViews, startSafetyPoll } from './workbench/views';
import { createStatusBar } from './engine/vscode/statusBar';
import { StatsPanels } from './stats/vscode/statsPanels';
import { BuildService } from './build/vscode/buildService';

let metrics: MetricsService | undefined;

export function activate(context: vscode.ExtensionContext): BerthApi {
  const output = vscode.window.createOutputChannel('Berth', { log: true });
  const session = new EngineSession(output);
  context.subscriptions.push(output, session);

  const views = createViews(session, context.subscriptions);
  const engines = new EnginesProvider(session);
  context.subscriptions.push(engines, vscode.window.createTreeView('berth.engines', { treeDataProvider: engines }));
  context.subscriptions.push(startSafetyPoll(session, views), createStatusBar(session));
  const inspectDocuments = new InspectDocuments(session);
  context.subscriptions.push(inspectDocuments, vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspectDocuments));
  metrics = new MetricsService(context, session, output);
  const stats = new StatsPanels(context.extensionUri, session, metrics);
  context.subscriptions.push(stats, metrics);
  const logs = new LogService(session, output);
  context.subscriptions.push(logs, vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, logs.documents));
  views.containers.provider.isFollowing = (kind, key) => logs.isFollowing(kind, key);
  context.subscriptions.push(logs.onDidChangeFollowing(() => views.containers.provider.redraw()));
  const compose = new ComposeEditor(session);
  context.subscriptions.push(compose, trackComposeFileContext());
  const build = new BuildService();
  context.subscriptions.push(build);
  registerCommands({ session, engines, views, output, extension: context, inspectDocuments, stats, logs, compose, build });

  void session.start();
  return createApi(session, views, engines);
}

/** Everything else is disposed through context.subscriptions; the metrics history is written first. */
export function deactivate(): Promise<void> | undefined {
  return metrics?.shutdown();
}
