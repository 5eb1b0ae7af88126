import * as vscode from 'vscode';
import { ComposeDiagnostic } from '../composeDiagnostics';
import { ComposeAnalysis } from '../composeAnalysisTypes';
import { ComposeAnalyzer } from '../composeAnalyzer';
import { composeAnalysisRequest, composeFilesFor, composeWorkerFile, isComposeDocument } from './composeDocuments';

const DEBOUNCE_MS = 300;

function toDiagnostic(d: ComposeDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'Berth compose';
  diagnostic.code = d.code;
  return diagnostic;
}

/**
 * Problems-panel entries for compose files as the user types. Works in untrusted workspaces too:
 * checking a file runs nothing and contacts no engine. The checking runs in a worker thread, so no
 * file (however large or hostile) blocks the editor.
 */
export class ComposeDiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('berth-compose');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Files each checked document reported on, so stale entries go when the document closes. */
  private readonly reported = new Map<string, string[]>();
  /** Latest check per file: an older result arriving late is dropped. */
  private readonly generation = new Map<string, number>();
  private readonly analyzer = new ComposeAnalyzer(composeWorkerFile());

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('berth.compose.filePatterns')) this.checkOpenDocuments();
      }),
    );
    this.checkOpenDocuments();
  }

  checkOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isComposeDocument(document) || document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.check(document);
      }, delayMs),
    );
  }

  /** Checks now; also used by deploy so the Problems panel matches what was refused. */
  async check(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const file = document.uri.fsPath;
    const generation = (this.generation.get(file) ?? 0) + 1;
    this.generation.set(file, generation);
    const analysis = await this.analyze(file);
    if (this.generation.get(file) !== generation || document.isClosed) return;
    this.publish(file, analysis);
  }

  /** The project a compose file belongs to, checked off the extension host's thread. */
  analyze(file: string): Promise<ComposeAnalysis> {
    return this.analyzer.analyze(composeAnalysisRequest(file));
  }

  private publish(file: string, analysis: ComposeAnalysis): void {
    const { diagnostics } = analysis;
    const files = new Set([...composeFilesFor(file), ...diagnostics.flatMap((d) => (d.file ? [d.file] : []))]);
    for (const previous of this.reported.get(file) ?? []) files.add(previous);
    for (const target of files) {
      this.collection.set(vscode.Uri.file(target), diagnostics.filter((d) => (d.file ?? file) === target).map(toDiagnostic));
    }
    this.reported.set(file, [...files]);
  }

  private forget(document: vscode.TextDocument): void {
    const file = document.uri.fsPath;
    clearTimeout(this.timers.get(document.uri.toString()));
    this.generation.delete(file);
    for (const target of this.reported.get(file) ?? []) this.collection.delete(vscode.Uri.file(target));
    this.reported.delete(file);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.disposables.forEach((d) => d.dispose());
    this.analyzer.dispose();
  }
}
