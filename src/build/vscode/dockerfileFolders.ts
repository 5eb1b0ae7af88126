import * as path from 'node:path';
import * as vscode from 'vscode';
import { FOLDER_DOCKERFILES } from '../dockerfileNames';

export const DOCKERFILE_FOLDERS_KEY = 'berth.dockerfileFolders';
const GLOB = `**/{${FOLDER_DOCKERFILES.join(',')}}`;
/** A workspace with more Dockerfiles than this keeps the first ones' folders; the command still works on any folder from the palette. */
const MAX_FILES = 5_000;

/**
 * Keeps the context key the Explorer's "Build Image..." on a folder depends on: the folders that
 * hold a Dockerfile or Containerfile, as an object keyed by path for `resourcePath in ...`.
 */
export function trackDockerfileFolders(): vscode.Disposable {
  const files = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const publish = (): void => {
    clearTimeout(timer);
    // A checkout or branch switch creates many files at once: publish once they settle.
    timer = setTimeout(() => {
      const folders: Record<string, true> = {};
      for (const file of files) folders[path.dirname(file)] = true;
      void vscode.commands.executeCommand('setContext', DOCKERFILE_FOLDERS_KEY, folders);
    }, 200);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
  watcher.onDidCreate((uri) => {
    if (uri.scheme !== 'file') return;
    files.add(uri.fsPath);
    publish();
  });
  watcher.onDidDelete((uri) => {
    if (files.delete(uri.fsPath)) publish();
  });
  void Promise.resolve(vscode.workspace.findFiles(GLOB, '**/node_modules/**', MAX_FILES)).then(
    (found) => {
      for (const uri of found) if (uri.scheme === 'file') files.add(uri.fsPath);
      publish();
    },
    () => undefined,
  );
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    watcher.dispose();
  });
}
