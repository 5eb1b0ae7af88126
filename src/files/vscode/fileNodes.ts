import * as vscode from 'vscode';
import { modeString, type FileEntry } from '../fileEntry';
import { FILES_SCHEME, locationUriPath, type FileTarget } from '../filePaths';
import { compareNames, formatBytes, markdownCode, markdownText } from '../../workbench/format';
import type { BerthNode } from '../../workbench/listProvider';
import type { FilesFileSystem } from './filesFileSystem';

export type FilesView = 'containers' | 'volumes';

/** A file, folder or link in the Files tree; `entry` is undefined for the "Files" root. */
export class FileNode implements BerthNode {
  readonly item: vscode.TreeItem;

  constructor(
    private readonly tree: FilesTree,
    readonly uri: vscode.Uri,
    readonly view: FilesView,
    readonly entry: FileEntry | undefined,
  ) {
    const isFolder = !entry || entry.kind === 'directory' || entry.targetKind === 'directory';
    const item = new vscode.TreeItem(entry ? entry.name : vscode.l10n.t('Files'), isFolder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `files:${uri.toString()}`;
    if (!entry) {
      item.iconPath = new vscode.ThemeIcon('files');
      item.contextValue = 'files.folder.root';
      item.tooltip = vscode.l10n.t('Browse, open and edit files through the engine');
    } else {
      // resourceUri lets the file icon theme pick the icon; links get a link icon instead.
      item.resourceUri = uri;
      if (entry.kind === 'symlink') {
        item.iconPath = new vscode.ThemeIcon(entry.targetKind ? (isFolder ? 'file-symlink-directory' : 'file-symlink-file') : 'warning');
        item.description = `→ ${entry.linkTarget ?? '?'}`;
      } else {
        item.iconPath = isFolder ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
      }
      item.contextValue = isFolder ? 'files.folder' : entry.kind === 'symlink' && !entry.targetKind ? 'files.link' : 'files.file';
      // The tooltip is made on hover (tooltip()): a folder of 10,000 entries would spend a second
      // of the extension host formatting dates and modes nobody looks at.
      if (!isFolder && (entry.kind === 'file' || entry.targetKind === 'file')) {
        item.command = { title: vscode.l10n.t('Open'), command: 'berth.files.open', arguments: [this] };
      }
    }
    this.item = item;
  }

  tooltip(): vscode.MarkdownString | string {
    return this.entry ? entryTooltip(this.uri.path, this.entry) : vscode.l10n.t('Browse, open and edit files through the engine');
  }

  get isFolder(): boolean {
    return this.item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
  }

  /** The path inside the container or volume. */
  get path(): string {
    return this.uri.path.replace(/^\/[^/]+/, '') || '/';
  }

  async children(): Promise<BerthNode[]> {
    if (!this.isFolder) return [];
    this.tree.remember(this);
    const entries = await this.tree.listing(this.uri);
    const folderFirst = (e: FileEntry): number => (e.kind === 'directory' || e.targetKind === 'directory' ? 0 : 1);
    return [...entries]
      .sort((a, b) => folderFirst(a) - folderFirst(b) || compareNames(a.name, b.name))
      .map((e) => new FileNode(this.tree, vscode.Uri.joinPath(this.uri, e.name), this.view, e));
  }
}

function entryTooltip(path: string, e: FileEntry): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(e.name)}**\n\n| | |\n|---|---|\n`);
  md.appendMarkdown(`| Path | ${markdownCode(path.replace(/^\/[^/]+/, '') || '/')} |\n`);
  if (e.kind === 'symlink') md.appendMarkdown(`| Link to | ${e.linkTarget !== undefined ? markdownCode(e.linkTarget) : '?'}${e.targetKind ? '' : ' (dangling)'} |\n`);
  if (e.kind === 'file') md.appendMarkdown(`| Size | ${formatBytes(e.size)} |\n`);
  md.appendMarkdown(`| Mode | ${markdownCode(modeString(e.kind, e.mode))} |\n`);
  if (e.uid !== undefined) md.appendMarkdown(`| Owner | ${e.uid}:${e.gid ?? ''} |\n`);
  if (e.mtimeMs) md.appendMarkdown(`| Modified | ${new Date(e.mtimeMs).toLocaleString()} |\n`);
  return md;
}

/**
 * The Files nodes of the Containers and Volumes views. Folder listings are kept until the folder is
 * collapsed, refreshed, or changed by Berth: the views redraw on every engine event (a volume's
 * helper container is one), and re-listing every open folder each time would cost an exec or a
 * whole-subtree archive, and for volumes create another helper, hence another event.
 */
export class FilesTree implements vscode.Disposable {
  private readonly listings = new Map<string, Promise<FileEntry[]>>();
  private readonly folders = new Map<string, FileNode>();
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly fileSystem: FilesFileSystem,
    /** The engine key of the container or volume a Files node is under (listed objects know their engine). */
    private readonly engineKey: (item: object) => string,
    private readonly redraw: (view: FilesView, node: FileNode) => void,
  ) {
    this.subscription = fileSystem.onDidChangeFolder((uri) => this.refresh(uri));
  }

  /** The "Files" node under a container or a volume. */
  rootNode(target: FileTarget, view: FilesView, item: object): FileNode {
    const uri = vscode.Uri.from({ scheme: FILES_SCHEME, authority: this.engineKey(item), path: locationUriPath(target, '/') });
    return new FileNode(this, uri, view, undefined);
  }

  listing(uri: vscode.Uri): Promise<FileEntry[]> {
    const key = uri.toString();
    let listing = this.listings.get(key);
    if (!listing) {
      listing = this.fileSystem.listEntries(uri);
      this.listings.set(key, listing);
      listing.catch(() => this.listings.delete(key));
    }
    return listing;
  }

  remember(node: FileNode): void {
    this.folders.set(node.uri.toString(), node);
  }

  /** Forgets the listings of a folder and everything below it; redraws the folder if it is shown. */
  refresh(uri: vscode.Uri): void {
    this.forget(uri);
    const node = this.folders.get(uri.toString());
    if (node) this.redraw(node.view, node);
  }

  /** A collapsed folder lists afresh when it opens again. */
  forget(uri: vscode.Uri): void {
    const prefix = uri.toString();
    for (const key of [...this.listings.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) this.listings.delete(key);
  }

  dispose(): void {
    this.subscription.dispose();
    this.listings.clear();
    this.folders.clear();
  }
}

/** Set by the wiring; the container and volume nodes ask it for their "Files" child. */
let current: FilesTree | undefined;

export function setFilesTree(tree: FilesTree | undefined): void {
  current = tree;
}

/** The wired tree, for the command handlers. */
export function currentFilesTree(): FilesTree {
  if (!current) throw new Error('The Files feature is not ready yet.');
  return current;
}

/** The "Files" node for a container or volume, or none before the feature is wired. */
export function filesRootNodes(target: FileTarget, view: FilesView, item: object): BerthNode[] {
  return current ? [current.rootNode(target, view, item)] : [];
}
