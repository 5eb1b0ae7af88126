import * as vscode from 'vscode';
import type Docker from 'dockerode';
import type { EngineSession } from '../../engine/vscode/engineSession';
import type { BerthNode } from '../../workbench/listProvider';
import type { BerthViews } from '../../workbench/views';
import { FILES_SCHEME } from '../filePaths';
import { FileService, type FileEngines } from '../fileService';
import { FileNode, FilesTree, setFilesTree, type FilesView } from './fileNodes';
import { FilesDragAndDrop } from './filesDragAndDrop';
import { FilesFileSystem } from './filesFileSystem';

/**
 * The engine key in today's URIs: one session, one engine. With several engines, the coordinator's
 * engine registry replaces `sessionEngines` (key → that engine's session) and each container or
 * volume node passes its engine's key to FilesTree.rootNode.
 */
export const DEFAULT_ENGINE_KEY = 'default';
/** How long a URI opened before the engine is connected waits for it. */
const CONNECT_WAIT_MS = 15_000;
/** A volume helper outlives its last use by this much, so browsing folder after folder reuses it. */
const HELPER_LINGER_MS = 10_000;

function sessionEngines(session: EngineSession): FileEngines {
  return {
    async client(engineKey: string): Promise<Docker> {
      if (engineKey !== DEFAULT_ENGINE_KEY) throw new Error(vscode.l10n.t('Unknown Docker engine "{0}" in a Berth files URI.', engineKey));
      if (session.state.kind !== 'connected' || !session.docker) await waitForConnection(session);
      const docker = session.docker;
      if (!docker) throw new Error(vscode.l10n.t('Berth is not connected to the Docker engine.'));
      return docker;
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
export function createFiles(session: EngineSession, output: vscode.LogOutputChannel, subscriptions: vscode.Disposable[]): FilesFeature {
  const service = new FileService(sessionEngines(session), { helperLingerMs: HELPER_LINGER_MS });
  const fileSystem = new FilesFileSystem(service);
  subscriptions.push(fileSystem, vscode.workspace.registerFileSystemProvider(FILES_SCHEME, fileSystem, { isCaseSensitive: true }));
  subscriptions.push({ dispose: () => void service.dispose() });
  const dragAndDrop = new FilesDragAndDrop(fileSystem, (message) => {
    output.error(`upload: ${message}`);
    void vscode.window.showErrorMessage(message);
  });
  // Helpers a killed window left behind are removed once the engine is there.
  const sweep = (): void =>
    void service.sweep(DEFAULT_ENGINE_KEY).then(
      (count) => count > 0 && output.info(`Removed ${count} leftover volume helper container(s).`),
      () => undefined,
    );
  if (session.state.kind === 'connected') sweep();
  else {
    const once = session.onDidChangeState((state) => {
      if (state.kind !== 'connected') return;
      once.dispose();
      sweep();
    });
    subscriptions.push(once);
  }
  return { fileSystem, service, dragAndDrop };
}

/** Hooks the Files nodes into the Containers and Volumes views. */
export function wireFilesTree(files: FilesFeature, views: BerthViews, subscriptions: vscode.Disposable[]): void {
  const tree = new FilesTree(files.fileSystem, () => DEFAULT_ENGINE_KEY, (view: FilesView, node) => views[view].provider.redraw(node));
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
