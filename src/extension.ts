import * as vscode from 'vscode';
import { createApi, type BerthApi } from './api';
import { registerCommands } from './commands/registry';
import { EngineSession } from './engineSession';
import { InspectDocuments, INSPECT_SCHEME } from './providers/inspectDocuments';
import { createViews, startSafetyPoll } from './providers/views';
import { createStatusBar } from './statusBar';

export function activate(context: vscode.ExtensionContext): BerthApi {
  const output = vscode.window.createOutputChannel('Berth', { log: true });
  const session = new EngineSession(output);
  context.subscriptions.push(output, session);

  const views = createViews(session, context.subscriptions);
  context.subscriptions.push(startSafetyPoll(session, views), createStatusBar(session));
  const inspectDocuments = new InspectDocuments(session);
  context.subscriptions.push(inspectDocuments, vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspectDocuments));
  registerCommands({ session, views, output, extension: context, inspectDocuments });

  void session.start();
  return createApi(session, views);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
