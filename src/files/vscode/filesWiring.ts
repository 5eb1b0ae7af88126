import * as vscode from 'vscode';
import type { EngineClient } from '../../engine/engineClient';
import type { EngineRegistry } from '../../engine/vscode/engineRegistry';
import type { EngineSession } from '../../engine/vscode/engineSession';
import type { BerthNode } from '../../workbench/listProvider';
import type { BerthViews } from '../../workbench/views';
import { FILES_SCHEME } from '../filePaths';
import { FileService, type FileEngines } from '../fileService';
import { FileNode, FilesTree, setFilesTree, type FilesView } from './fileNodes';
import { FilesDragAndDrop } from './filesDragAndDrop';
import { FilesFileSystem } from './filesFileSystem';

/** How long a URI opened before its engine is connected waits for it. */
const CONNECT_WAIT_MS = 15_000;
/** A volume helper outlives its last use by this much, so browsing folder after folder reuses it. */
const HELPER_LINGER_MS = 10_000;

/** A files URI's authority is the key of the engine (as the registry names it), so every connected engine's files open. */
function registryEngines(engines: EngineRegistry): FileEngines {
  return {
    async client(engineKey: string): Promise<EngineClient> {
      const engine = engines.get(engineKey);
      if (!engine) throw new Error(vscode.l10n.t('Berth is not connected to the engine "{0}" these files are on.', engineKey));
      if (engine.state.kind !== 'connected' || !engine.client) await waitForConnection(engine);
      const client = engine.client;
      if (!client) throw new Error(vscode.l10n.t('Berth is not connected to the Docker engine.'));
      return client;
    },
  };
}

function waitForConnection(session: EngineSession): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      const state = session.state;
      const why = state.kind === 'unreachable' ? state.message : vscode.l10n.t('still connecting');
      reject(new Error(vscode.l10n.t('The Docker engine is not available ({0}); try again once Berth is connected.', why)));
    }, CONNECT_WAIT_MS);
    const subscription = session.onDidChangeState((state) => {
      if (state.kind !== 'connected') return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

export interface FilesFeature {
  fileSystem: FilesFileSystem;
  service: FileService;
  dragAndDrop: vscode.TreeDragAndDropController<BerthNode>;
}

/** The file system provider and its service; created before the views, which take the drag and drop controller. */
export function createFiles(engines: EngineRegistry, output: vscode.LogOutputChannel, subscriptions: vscode.Disposable[]): FilesFeature {
  const service = new FileService(registryEngines(engines), { helperLingerMs: HELPER_LINGER_MS });
  const fileSystem = new FilesFileSystem(service);
  subscriptions.push(fileSystem, vscode.workspace.registerFileSystemProvider(FILES_SCHEME, fileSystem, { isCaseSensitive: true }));
  subscriptions.push({ dispose: () => void service.dispose() });
  const dragAndDrop = new FilesDragAndDrop(fileSystem, (message) => {
    output.error(`upload: ${message}`);
    void vscode.window.showErrorMessage(message);
  });
  // Helpers a killed window left behind are removed once an engine is there (once per engine).
  const swept = new WeakSet<EngineSession>();
  const sweep = (engine: EngineSession): void => {
    if (engine.state.kind !== 'connected' || swept.has(engine)) return;
    swept.add(engine);
    void service.sweep(engine.key).then(
      (count) => count > 0 && output.info(`Removed ${count} leftover volume helper container(s) on ${engine.name}.`),
      () => undefined,
    );
  };
  engines.all().forEach(sweep);
  subscriptions.push(engines.onDidChangeState(sweep));
  return { fileSystem, service, dragAndDrop };
}

/** Hooks the Files nodes into the Containers and Volumes views. */
export function wireFilesTree(engines: EngineRegistry, files: FilesFeature, views: BerthViews, subscriptions: vscode.Disposable[]): void {
  const engineKey = (item: object): string => (engines.engineOf(item) ?? engines.current).key;
  const tree = new FilesTree(files.fileSystem, engineKey, (view: FilesView, node) => views[view].provider.redraw(node));
  setFilesTree(tree);
  subscriptions.push(tree, { dispose: () => setFilesTree(undefined) });
  for (const view of [views.containers, views.volumes]) {
    subscriptions.push(
      view.treeView.onDidCollapseElement((e) => {
        if (e.element instanceof FileNode) tree.forget(e.element.uri);
      }),
    );
  }
}
