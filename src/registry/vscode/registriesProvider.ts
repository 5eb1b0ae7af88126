import * as vscode from 'vscode';
import { configDir } from '../../engine/vscode/enginesProvider';
import { readDockerConfigText } from '../credentialHelper';
import { hasLogin } from '../dockerConfigAuths';
import { Limiter } from '../limiter';
import type { TagDetails } from '../manifestDetails';
import type { RegistryClient } from '../registryClient';
import { RegistryError } from '../registryErrors';
import { listRegistries, readRegistrySettings, registryClientFor, type RegistryEntry } from '../registryList';
import { loadTagDetails } from '../registryTags';
import { messageItem, moreItem, nodeId, registryItem, repositoryItem, tagItem, type RegistryNode } from './registryNodes';
import { RememberedRepositories } from './rememberedRepositories';

/** Tags shown per step; details load only for shown tags, so a 300-tag repository costs one screenful. */
const TAG_PAGE = 50;
/** Manifest and config requests in flight at once, over the whole view. */
const DETAIL_CONCURRENCY = 6;

type RepositoryNode = Extract<RegistryNode, { kind: 'repository' }>;
type TagNode = Extract<RegistryNode, { kind: 'tag' }>;

function parseConfig(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value = text ? (JSON.parse(text) as unknown) : undefined;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Registries view: registries from the docker CLI's config.json and the berth.registries setting;
 * under each its repositories (the catalog, else the ones the user added), their tags, and per tag
 * the digest, size, age and platforms, loaded as the tags are shown.
 */
export class RegistriesProvider implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly clients = new Map<string, Promise<RegistryClient>>();
  private readonly tags = new Map<string, Promise<string[]>>();
  private readonly shown = new Map<string, number>();
  private readonly details = new Map<string, TagDetails | Error>();
  private readonly loading = new Set<string>();
  private readonly nodes = new Map<string, RegistryNode>();
  private readonly limiter = new Limiter(DETAIL_CONCURRENCY);
  private generation = 0;
  readonly remembered: RememberedRepositories;

  constructor(
    memento: vscode.Memento,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.remembered = new RememberedRepositories(memento);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(configDir()), 'config.json'));
    const refresh = (): void => this.refresh();
    this.disposables.push(
      watcher,
      watcher.onDidChange(refresh),
      watcher.onDidCreate(refresh),
      watcher.onDidDelete(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('berth.registries') && this.refresh()),
    );
  }

  /** Forgets what was loaded (for `node`'s subtree, or everything) and redraws. */
  refresh(node?: RegistryNode): void {
    if (!node || node.kind === 'registry' || node.kind === 'message') {
      this.generation++;
      this.clients.clear();
      this.tags.clear();
      this.shown.clear();
      this.details.clear();
      this.nodes.clear();
      this.changed.fire(undefined);
      return;
    }
    if (node.kind === 'repository' || node.kind === 'more' || node.kind === 'tag') {
      const key = `${node.entry.host}/${node.repository}`;
      this.tags.delete(key);
      for (const k of [...this.details.keys()]) if (k.startsWith(`${key}:`)) this.details.delete(k);
      this.changed.fire(this.nodes.get(`repository:${key}`));
    }
  }

  /** The registries the view lists now. */
  registries(): { entries: RegistryEntry[]; problems: string[]; config: Record<string, unknown> | undefined } {
    const config = parseConfig(readDockerConfigText());
    const { entries, problems } = readRegistrySettings(vscode.workspace.getConfiguration('berth').get<unknown>('registries'));
    return { entries: listRegistries(config, entries), problems, config };
  }

  showMore(node: Extract<RegistryNode, { kind: 'more' }>): void {
    const key = `${node.entry.host}/${node.repository}`;
    this.shown.set(key, (this.shown.get(key) ?? TAG_PAGE) + TAG_PAGE);
    this.changed.fire(this.nodes.get(`repository:${key}`));
  }

  async getChildren(parent?: RegistryNode): Promise<RegistryNode[]> {
    const children = await this.childrenOf(parent);
    for (const child of children) this.nodes.set(nodeId(child), child);
    return children;
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    let item: vscode.TreeItem;
    switch (node.kind) {
      case 'registry':
        item = registryItem(node);
        break;
      case 'repository':
        item = repositoryItem(node);
        break;
      case 'tag':
        item = tagItem(node, this.details.get(nodeId(node).slice('tag:'.length)));
        break;
      case 'more':
        item = moreItem(node);
        break;
      case 'message':
        item = messageItem(node);
        break;
    }
    item.id = nodeId(node);
    return item;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  /** The client for a registry, with the credentials the docker CLI would use (asked once per refresh). */
  client(entry: RegistryEntry): Promise<RegistryClient> {
    let client = this.clients.get(entry.host);
    if (!client) {
      client = registryClientFor(entry, readDockerConfigText()).then(({ client: c, warning }) => {
        if (warning) this.output.warn(`${entry.host}: ${warning}`);
        return c;
      });
      this.clients.set(entry.host, client);
    }
    return client;
  }

  private async childrenOf(parent?: RegistryNode): Promise<RegistryNode[]> {
    if (!parent) return this.rootChildren();
    if (parent.kind === 'registry') return this.repositoryChildren(parent.entry, parent);
    if (parent.kind === 'repository') return this.tagChildren(parent);
    return [];
  }

  private rootChildren(): RegistryNode[] {
    const { entries, problems, config } = this.registries();
    const nodes: RegistryNode[] = problems.map((text) => ({ kind: 'message', text, icon: 'warning' }));
    for (const entry of entries) nodes.push({ kind: 'registry', entry, loggedIn: config ? hasLogin(config, entry.host) : false });
    return nodes;
  }

  private async repositoryChildren(entry: RegistryEntry, parent: RegistryNode): Promise<RegistryNode[]> {
    const remembered = this.remembered.get(entry.host);
    let catalog: string[] = [];
    let note: RegistryNode | undefined;
    const client = await this.client(entry);
    try {
      catalog = await client.catalog();
    } catch (error) {
      const err = error as RegistryError;
      if (err.status === undefined) {
        // Unreachable: nothing below can load either. The row sits under the host, so it says only why.
        const reason = err.message.replace(`Cannot reach ${client.host}: `, '');
        return [{ kind: 'message', text: vscode.l10n.t('Unreachable: {0}', reason), detail: err.message, retry: parent }];
      }
      // 401 without credentials: the registry wants a login first; otherwise it keeps its catalog closed
      // (Docker Hub answers 401 even to a logged-in user).
      note =
        err.status === 401 && !client.hasCredentials
          ? { kind: 'message', text: err.message, detail: err.message, icon: 'lock' }
          : { kind: 'message', text: vscode.l10n.t('No repository list from this registry: use Add Repository…'), detail: err.message };
    }
    const names = [...new Set([...catalog, ...remembered])].sort((a, b) => a.localeCompare(b));
    const nodes: RegistryNode[] = names.map((repository) => ({ kind: 'repository', entry, repository }));
    if (note) nodes.push(note);
    else if (nodes.length === 0) nodes.push({ kind: 'message', text: vscode.l10n.t('No repositories yet.') });
    return nodes;
  }

  private async tagChildren(parent: RepositoryNode): Promise<RegistryNode[]> {
    const key = `${parent.entry.host}/${parent.repository}`;
    let tags = this.tags.get(key);
    if (!tags) {
      tags = this.client(parent.entry).then((c) => c.tags(parent.repository));
      this.tags.set(key, tags);
    }
    let all: string[];
    try {
      all = await tags;
    } catch (error) {
      this.tags.delete(key);
      return [{ kind: 'message', text: (error as Error).message, detail: (error as Error).message, retry: parent }];
    }
    if (all.length === 0) return [{ kind: 'message', text: vscode.l10n.t('No tags.') }];
    const count = Math.min(all.length, this.shown.get(key) ?? TAG_PAGE);
    const shown: TagNode[] = all.slice(0, count).map((tag) => ({ kind: 'tag', entry: parent.entry, repository: parent.repository, tag }));
    this.loadDetails(shown);
    const nodes: RegistryNode[] = shown;
    if (count < all.length) nodes.push({ kind: 'more', entry: parent.entry, repository: parent.repository, remaining: all.length - count });
    return nodes;
  }

  /** Starts loading details for tags that have none yet; each row redraws when its details arrive. */
  private loadDetails(nodes: TagNode[]): void {
    const generation = this.generation;
    for (const node of nodes) {
      const key = nodeId(node).slice('tag:'.length);
      if (this.details.has(key) || this.loading.has(key)) continue;
      this.loading.add(key);
      void this.limiter
        .run(async () => loadTagDetails(await this.client(node.entry), node.repository, node.tag))
        .then(
          (details) => details as TagDetails | Error,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        )
        .then((result) => {
          this.loading.delete(key);
          if (generation !== this.generation) return;
          this.details.set(key, result);
          this.changed.fire(this.nodes.get(nodeId(node)) ?? node);
        });
    }
  }
}
