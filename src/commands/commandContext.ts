import type * as vscode from 'vscode';
import type { ComposeEditor } from '../composeEditor/composeEditor';
import type { EngineSession } from '../engineSession';
import type { LogService } from '../logs/logService';
import type { InspectDocuments } from '../providers/inspectDocuments';
import type { BerthViews } from '../providers/views';
import type { StatsPanels } from '../webviews/statsPanels';

/** What command handlers may use; built once in activate(). */
export interface CommandContext {
  session: EngineSession;
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
}
