import * as vscode from 'vscode';
import { engineErrorMessage } from '../engine/engineErrors';
import type { CommandContext } from './commandContext';
import { chooseComposeEngine, deployCompose, deployComposeService, downCompose, downComposeWithVolumes, restartCompose } from '../compose/vscode/composeCommands';
import { downProject, restartProject, startProject, stopProject } from '../containers/vscode/composeGroupCommands';
import { showLastLines, showLogs, showProjectLogs, stopFollowingLogs } from '../logs/vscode/logCommands';
import { killContainer, pauseContainer, restartContainer, startContainer, stopContainer, unpauseContainer } from '../containers/vscode/containerLifecycle';
import { removeContainer, renameContainer } from '../containers/vscode/containerRemove';
import { copyContainerId, copyContainerName, openPort, openShell } from '../containers/vscode/containerTools';
import { copyEnvValue, revealEnvValue, showAllContainers, showRunningContainers } from '../containers/vscode/containerViewOptions';
import { pullImage, removeImage, tagImage } from '../images/vscode/imageCommands';
import { pushImage } from '../images/vscode/pushImageCommand';
import { logIn, logOut } from '../registry/vscode/loginCommands';
import { addRegistry, addRepository, copyTagReference, deleteRegistryTag, forgetRepository, pullTag, refreshRegistries, removeRegistry, showMoreTags } from '../registry/vscode/registryCommands';
import { buildImageFromDockerfile } from '../build/vscode/buildCommand';
import { inspectContainer, inspectImage, inspectNetwork, inspectVolume, refreshInspect } from './inspect';
import { connectContainer, createNetwork, disconnectContainer, removeNetwork } from '../networks/vscode/networkCommands';
import { createDockerContext, inspectDockerContext, refreshEngines, removeDockerContext, useDockerContext } from '../engine/vscode/contextCommands';
import { openSettings } from '../engine/vscode/openSettings';
import { pruneContainers, pruneImages, pruneNetworks, pruneVolumes } from '../prune/vscode/pruneCommands';
import { refresh } from '../engine/vscode/refresh';
import { connectEngine, disconnectEngine, retryConnection } from '../engine/vscode/engineCommands';
import { runImage } from '../images/vscode/runImageCommand';
import { saveLogs } from '../logs/vscode/saveLogs';
import { showLog } from './showLog';
import { clearMetricsHistory, exportMetricsHistory, showStats, showStatsOverview } from '../stats/vscode/statsCommands';
import { createVolume, removeVolume } from '../volumes/vscode/volumeCommands';
import { deleteEntry, downloadEntry, newFile, newFolder, openFile, openInWorkspace, refreshFolder, renameEntry, uploadInto } from '../files/vscode/fileCommands';

type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;

/** Every command id Berth contributes, bound to its handler. package.json lists the same ids. */
export const COMMANDS: Readonly<Record<string, Handler>> = {
  'berth.refresh': refresh,
  'berth.engine.retry': retryConnection,
  'berth.openSettings': openSettings,
  'berth.showLog': showLog,

  'berth.engines.refresh': refreshEngines,
  'berth.engines.connect': connectEngine,
  'berth.engines.disconnect': disconnectEngine,
  'berth.engines.useContext': useDockerContext,
  'berth.engines.createContext': createDockerContext,
  'berth.engines.removeContext': removeDockerContext,
  'berth.engines.inspectContext': inspectDockerContext,

  'berth.container.start': startContainer,
  'berth.container.stop': stopContainer,
  'berth.container.restart': restartContainer,
  'berth.container.pause': pauseContainer,
  'berth.container.unpause': unpauseContainer,
  'berth.container.kill': killContainer,
  'berth.container.remove': removeContainer,
  'berth.container.rename': renameContainer,
  'berth.container.inspect': inspectContainer,
  'berth.container.copyId': copyContainerId,
  'berth.container.copyName': copyContainerName,
  'berth.container.shell': openShell,
  'berth.container.openPort': openPort,
  'berth.container.revealEnv': revealEnvValue,
  'berth.container.copyEnvValue': copyEnvValue,
  'berth.containers.prune': pruneContainers,
  'berth.containers.showAll': showAllContainers,
  'berth.containers.showRunning': showRunningContainers,

  'berth.composeProject.start': startProject,
  'berth.composeProject.stop': stopProject,
  'berth.composeProject.restart': restartProject,
  'berth.composeProject.down': downProject,

  'berth.compose.deploy': deployCompose,
  'berth.compose.deployService': deployComposeService,
  'berth.compose.down': downCompose,
  'berth.compose.downVolumes': downComposeWithVolumes,
  'berth.compose.restart': restartCompose,
  'berth.compose.chooseEngine': chooseComposeEngine,

  'berth.container.showLogs': showLogs,
  'berth.container.stopFollowingLogs': stopFollowingLogs,
  'berth.container.showLastLines': showLastLines,
  'berth.container.saveLogs': saveLogs,
  'berth.composeProject.logs': showProjectLogs,

  'berth.image.pull': pullImage,
  'berth.image.remove': removeImage,
  'berth.image.tag': tagImage,
  'berth.image.push': pushImage,
  'berth.image.inspect': inspectImage,
  'berth.image.run': runImage,
  'berth.image.build': buildImageFromDockerfile,
  'berth.images.prune': pruneImages,

  'berth.volume.create': createVolume,
  'berth.volume.remove': removeVolume,
  'berth.volume.inspect': inspectVolume,
  'berth.volumes.prune': pruneVolumes,

  'berth.network.create': createNetwork,
  'berth.network.remove': removeNetwork,
  'berth.network.connect': connectContainer,
  'berth.network.disconnect': disconnectContainer,
  'berth.network.inspect': inspectNetwork,
  'berth.networks.prune': pruneNetworks,

  'berth.inspect.refresh': refreshInspect,

  'berth.registries.refresh': refreshRegistries,
  'berth.registries.logIn': logIn,
  'berth.registries.logOut': logOut,
  'berth.registries.addRegistry': addRegistry,
  'berth.registries.removeRegistry': removeRegistry,
  'berth.registries.addRepository': addRepository,
  'berth.registries.forgetRepository': forgetRepository,
  'berth.registries.showMoreTags': showMoreTags,
  'berth.registryTag.pull': pullTag,
  'berth.registryTag.copyReference': copyTagReference,
  'berth.registryTag.delete': deleteRegistryTag,

  'berth.container.showStats': showStats,
  'berth.stats.overview': showStatsOverview,
  'berth.stats.clearHistory': clearMetricsHistory,
  'berth.stats.exportCsv': exportMetricsHistory,

  'berth.files.open': openFile,
  'berth.files.newFile': newFile,
  'berth.files.newFolder': newFolder,
  'berth.files.rename': renameEntry,
  'berth.files.delete': deleteEntry,
  'berth.files.download': downloadEntry,
  'berth.files.upload': uploadInto,
  'berth.files.openInWorkspace': openInWorkspace,
  'berth.files.refresh': refreshFolder,
};

/**
 * Binds the table. A failing handler shows the engine's own reason once and logs it; nothing
 * escapes as an unhandled rejection or a stack trace in a notification.
 */
export function registerCommands(ctx: CommandContext): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (err) {
          const reason = engineErrorMessage(err);
          ctx.output.error(`${id}: ${reason}`);
          void vscode.window.showErrorMessage(reason);
          return undefined;
        }
      }),
    );
  }
}
