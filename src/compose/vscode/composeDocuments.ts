import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { discoverComposeFiles, isComposeFileName, isOverrideFileName, withOverride } from '../composeFiles';
import { ComposeAnalysisRequest } from '../composeAnalysisTypes';

/** Whether a document is a compose file: compose's own names, or a glob from `berth.compose.filePatterns`. */
export function isComposeDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
  if (isComposeFileName(document.fileName)) return true;
  return matchesUserPatterns(document);
}

function matchesUserPatterns(document: vscode.TextDocument): boolean {
  const patterns = vscode.workspace.getConfiguration('berth.compose').get<string[]>('filePatterns', []);
  return patterns.some((pattern) => typeof pattern === 'string' && pattern.trim() !== '' && vscode.languages.match({ pattern }, document) > 0);
}

/** Open buffers win over the disk, so diagnostics and deploys see what the user is typing. */
function readWithBuffers(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function exists(file: string): boolean {
  return readWithBuffers(file) !== undefined;
}

/**
 * The files a deploy of `file` merges: an override file stands for its folder's project (base first),
 * any other file for itself plus its override.
 */
export function composeFilesFor(file: string): string[] {
  if (isOverrideFileName(file)) {
    const discovered = discoverComposeFiles(path.dirname(file), exists);
    if (discovered) return discovered.files.includes(file) ? discovered.files : [...discovered.files, file];
    return [file];
  }
  return withOverride(file, exists);
}

/**
 * What the analysis worker needs to check `file` as the user sees it: its project's files, and the
 * unsaved text of every modified editor (the worker reads everything else from disk).
 */
export function composeAnalysisRequest(file: string): ComposeAnalysisRequest {
  const buffers: Record<string, string> = {};
  for (const document of vscode.workspace.textDocuments) {
    if (document.uri.scheme === 'file' && document.isDirty) buffers[document.uri.fsPath] = document.getText();
  }
  const files = composeFilesFor(file);
  for (const target of files) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === target);
    if (open) buffers[target] = open.getText();
  }
  return { options: { files, env: { ...process.env } }, buffers };
}

/** The bundled worker sits next to the extension bundle; compiled tests find it one folder up. */
export function composeWorkerFile(): string {
  const candidates = [path.join(__dirname, 'composeAnalysisWorker.js'), path.join(__dirname, '..', 'composeAnalysisWorker.js')];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/**
 * Keeps the `berth.isComposeFile` context key true while the active editor shows a compose file, so
 * the palette and editor menus offer the compose commands there only: `when` clauses see file
 * names but not the user's `berth.compose.filePatterns` globs.
 */
export function trackComposeFileContext(): vscode.Disposable {
  let current: boolean | undefined;
  const update = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const value = document !== undefined && isComposeDocument(document);
    if (value === current) return;
    current = value;
    void vscode.commands.executeCommand('setContext', 'berth.isComposeFile', value);
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('berth.compose.filePatterns')) update();
    }),
  );
}
