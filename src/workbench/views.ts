import * as vscode from 'vscode';
import type { ObjectKind } from '../engine/engineEvents';
import type { EngineRegistry } from '../engine/vscode/engineRegistry';
import { ContainersProvider, showAllContainers } from '../containers/vscode/containersProvider';
import { ImagesProvider } from '../images/vscode/imagesProvider';
import type { BerthNode, ListProvider } from './listProvider';
import { NetworksProvider } from '../networks/vscode/networksProvider';
import { VolumesProvider } from '../volumes/vscode/volumesProvider';

export type ViewName = 'containers' | 'images' | 'volumes' | 'networks';

export interface BerthView<P extends ListProvider<ObjectKind> = ListProvider<ObjectKind>> {
  provider: P;
  treeView: vscode.TreeView<BerthNode>;
}

export type BerthViews = Record<ViewName, BerthView> & { containers: BerthView<ContainersProvider> };

/** Creates the four tree views; everything created is pushed onto `subscriptions`. */
export function createViews(
  engines: EngineRegistry,
  subscriptions: vscode.Disposable[],
  /** Per view: what dropping onto its nodes does (files dragged onto a Files folder). */
  dragAndDrop: Partial<Record<ViewName, vscode.TreeDragAndDropController<BerthNode>>> = {},
): BerthViews {
  const make = <P extends ListProvider<ObjectKind>>(name: ViewName, provider: P): BerthView<P> => {
    const treeView = vscode.window.createTreeView(`berth.${name}`, {
      treeDataProvider: provider,
      showCollapseAll: name === 'containers',
      canSelectMany: true,
      dragAndDropController: dragAndDrop[name],
    });
    subscriptions.push(provider, treeView);
    return { provider, treeView };
  };
  const views: BerthViews = {
    containers: make('containers', new ContainersProvider(engines)),
    images: make('images', new ImagesProvider(engines)),
    volumes: make('volumes', new VolumesProvider(engines)),
    networks: make('networks', new NetworksProvider(engines)),
  };
  // No view message while the engine is unreachable: a message hides the welcome content, whose
  // Retry and Open Settings buttons are the way out. The exact error is in the Berth log and the
  // status bar tooltip, which the welcome text points to.
  subscriptions.push(followShowAllSetting(views));
  return views;
}

function followShowAllSetting(views: BerthViews): vscode.Disposable {
  const publish = (): void => void vscode.commands.executeCommand('setContext', 'berth.containers.showAll', showAllContainers());
  publish();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('berth.containers.showAll')) return;
    publish();
    views.containers.provider.redraw();
  });
}

/**
 * Events keep the views current; this slow poll only guards against a missed event, and runs only
 * while a Berth view is on screen, so an idle or hidden Berth makes no requests.
 */
export function startSafetyPoll(engines: EngineRegistry, views: BerthViews, intervalMs = 30_000): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const visibleKinds = (): ObjectKind[] => Object.values(views).filter((v) => v.treeView.visible).map((v) => v.provider.kind);
  const update = (): void => {
    const anyVisible = visibleKinds().length > 0;
    if (anyVisible && !timer) {
      timer = setInterval(() => {
        for (const engine of engines.all()) if (engine.state.kind === 'connected') void engine.data.invalidate(visibleKinds());
      }, intervalMs);
    } else if (!anyVisible && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const subscriptions = Object.values(views).map((v) => v.treeView.onDidChangeVisibility(update));
  update();
  return new vscode.Disposable(() => {
    clearInterval(timer);
    for (const s of subscriptions) s.dispose();
  });
}
