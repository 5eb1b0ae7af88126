import * as vscode from 'vscode';
import { ComposeDiagnostic } from '../composeDiagnostics';
import { composeFilesFor, isComposeDocument, loadComposeDocument } from './composeDocuments';

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
 * checking a file runs nothing and contacts no engine.
 */
export class ComposeDiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('berth-compose');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Files each checked document reported on, so stale entries go when the document closes. */
  private readonly reported = new Map<string, string[]>();

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
        this.check(document);
      }, delayMs),
    );
  }

  /** Checks now; also used by deploy so the Problems panel matches what was refused. */
  check(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const file = document.uri.fsPath;
    let diagnostics: ComposeDiagnostic[];
    try {
      diagnostics = loadComposeDocument(file).diagnostics;
    } catch (err) {
      const position = { line: 0, character: 0 };
      diagnostics = [{ severity: 'error', code: 'internal', message: `Berth could not check this file: ${(err as Error).message}`, range: { start: position, end: position }, offset: { start: 0, end: 0 }, file }];
    }
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
    for (const target of this.reported.get(file) ?? []) this.collection.delete(vscode.Uri.file(target));
    this.reported.delete(file);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
