import type * as vscode from 'vscode';
import type { EngineSession } from '../engineSession';
import type { InspectDocuments } from '../providers/inspectDocuments';
import type { BerthViews } from '../providers/views';

/** What command handlers may use; built once in activate(). */
export interface CommandContext {
  session: EngineSession;
  views: BerthViews;
  output: vscode.LogOutputChannel;
  extension: vscode.ExtensionContext;
  inspectDocuments: InspectDocuments;
}
