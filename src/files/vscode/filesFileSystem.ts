import * as vscode from 'vscode';
import { engineErrorMessage } from '../../engine/engineErrors';
import type { FileEntry } from '../fileEntry';
import { FileProblem } from '../fileErrors';
import { parseLocation, type FileLocation } from '../filePaths';
import type { FileService } from '../fileService';
import type { ContainerFiles } from '../containerFiles';

/** The VS Code type of an entry; a symlink carries its target's type too, as VS Code expects. */
export function fileTypeOf(entry: FileEntry): vscode.FileType {
  switch (entry.kind) {
    case 'file':
      return vscode.FileType.File;
    case 'directory':
      return vscode.FileType.Directory;
    case 'symlink':
      return vscode.FileType.SymbolicLink | (entry.targetKind === 'directory' ? vscode.FileType.Directory : entry.targetKind === 'file' ? vscode.FileType.File : 0);
    default:
      return vscode.FileType.Unknown;
  }
}

/** A core failure as the FileSystemError VS Code understands; the message keeps the engine's reason. */
export function toFileSystemError(err: unknown, uri: vscode.Uri): Error {
  if (err instanceof vscode.FileSystemError) return err;
  if (!(err instanceof FileProblem)) return vscode.FileSystemError.Unavailable(`${engineErrorMessage(err)} (${uri.path})`);
  switch (err.code) {
    case 'notFound':
      return vscode.FileSystemError.FileNotFound(err.message);
    case 'exists':
      return vscode.FileSystemError.FileExists(err.message);
    case 'notADirectory':
      return vscode.FileSystemError.FileNotADirectory(err.message);
    case 'isADirectory':
      return vscode.FileSystemError.FileIsADirectory(err.message);
    case 'noPermissions':
      return vscode.FileSystemError.NoPermissions(err.message);
    default:
      return vscode.FileSystemError.Unavailable(err.message);
  }
}

/**
 * `berth-files:` documents: files in containers and volumes, read and written through the engine.
 * A write that fails (read-only filesystem, permissions) throws, and VS Code then keeps the editor
 * dirty with the user's text.
 */
export class FilesFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  /** Fired after Berth itself changed a folder's content (the tree redraws it). */
  private readonly folderChanges = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChangeFolder = this.folderChanges.event;

  constructor(private readonly service: FileService) {}

  /**
   * No watching: the engine reports no file changes, and polling every watched folder would cost an
   * exec (or, in a stopped container or a volume, the whole subtree through the archive API) each
   * time. Changes Berth makes itself are announced; others show on refresh or reopen.
   */
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const entry = await this.run(uri, (f, path) => f.stat(path));
    return {
      type: fileTypeOf(entry),
      ctime: entry.mtimeMs,
      mtime: entry.mtimeMs,
      size: entry.size,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const entries = await this.run(uri, (f, path) => f.list(path));
    return entries.map((e) => [e.name, fileTypeOf(e)]);
  }

  /** Entries with everything the tree shows (size, mode, owner, link target). */
  listEntries(uri: vscode.Uri): Promise<FileEntry[]> {
    return this.run(uri, (f, path) => f.list(path));
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.run(uri, (f, path) => f.read(path));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    await this.run(uri, (f, path) => f.write(path, content, options));
    this.announce(uri, vscode.FileChangeType.Changed);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    await this.run(uri, (f, path) => f.mkdir(path));
    this.announce(uri, vscode.FileChangeType.Created);
  }

  async delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    await this.run(uri, (f, path) => f.delete(path, options.recursive));
    this.announce(uri, vscode.FileChangeType.Deleted);
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    const from = this.location(oldUri);
    const to = this.location(newUri);
    if (from.engineKey !== to.engineKey || JSON.stringify(from.target) !== JSON.stringify(to.target)) {
      throw vscode.FileSystemError.NoPermissions('Berth renames only within one container or volume.');
    }
    await this.run(oldUri, (f) => f.rename(from.path, to.path, options.overwrite));
    this.announce(oldUri, vscode.FileChangeType.Deleted);
    this.announce(newUri, vscode.FileChangeType.Created);
  }

  async download(uri: vscode.Uri, hostDir: string): Promise<{ files: number; skipped: string[] }> {
    return this.run(uri, (f, path) => f.download(path, hostDir));
  }

  async upload(hostPaths: string[], dir: vscode.Uri): Promise<void> {
    await this.run(dir, (f, path) => f.upload(hostPaths, path));
    this.folderChanges.fire(dir);
  }

  dispose(): void {
    this.changes.dispose();
    this.folderChanges.dispose();
  }

  private location(uri: vscode.Uri): FileLocation {
    try {
      return parseLocation(uri.authority, uri.path);
    } catch (err) {
      throw vscode.FileSystemError.FileNotFound(err instanceof Error ? err.message : String(err));
    }
  }

  private async run<T>(uri: vscode.Uri, fn: (files: ContainerFiles, path: string) => Promise<T>): Promise<T> {
    const location = this.location(uri);
    try {
      return await this.service.with(location, (files) => fn(files, location.path));
    } catch (err) {
      throw toFileSystemError(err, uri);
    }
  }

  private announce(uri: vscode.Uri, type: vscode.FileChangeType): void {
    this.changes.fire([{ type, uri }]);
    const parent = uri.with({ path: uri.path.replace(/\/[^/]*$/, '') || '/' });
    this.folderChanges.fire(parent);
  }
}
