import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyUp, ApplyUpResult } from '../composeApply';
import { applyDown, removeOrphans } from '../composeDown';
import { planDown } from '../composeDownPlan';
import { readComposeState } from '../composeEngineState';
import { LoadedCompose } from '../composeLoad';
import { ExistingContainer } from '../composePlanTypes';
import { ComposeApplyError, ComposeProgressEvent } from '../composeProgress';
import { applyRestart } from '../composeRestart';
import { UNTRUSTED_REASON } from './composeCodeLens';
import { isComposeDocument } from './composeDocuments';
import { readDockerConfigText, resolveRegistryAuth } from '../../registry/credentialHelper';
import { BuildInterruptedError, isConnectionLoss, lostConnectionText } from '../../build/buildFailure';
import { engineErrorMessage } from '../../engine/engineErrors';
import { cleanLogText } from '../../logs/logAnsi';
import type { RegistryAuth } from '../../registry/registryAuth';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { requireClient } from '../../workbench/targets';
import type { EngineSession } from '../../engine/vscode/engineSession';

/** The compose file a command acts on: the Explorer/editor-title/CodeLens argument, else the active editor. */
function targetFile(args: unknown[]): string | undefined {
  const [first] = args;
  if (first instanceof vscode.Uri && first.scheme === 'file') return first.fsPath;
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.uri.scheme === 'file' && isComposeDocument(editor.document)) return editor.document.uri.fsPath;
  void vscode.window.showErrorMessage('Open a compose file (compose.yaml, docker-compose.yml, …) first, or run this from its context menu.');
  return undefined;
}

function checkTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showErrorMessage(`${UNTRUSTED_REASON}. Trust the workspace to deploy it.`, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** Loads a project off the extension host's thread (see ComposeAnalyzer). */
async function loadProject(ctx: CommandContext, file: string): Promise<LoadedCompose> {
  const analysis = await ctx.compose.diagnostics.analyze(file);
  // Deploying needs only the project and its diagnostics; the YAML documents stay in the worker.
  return { project: analysis.project, diagnostics: analysis.diagnostics, files: [], variables: {} };
}

/** Loads and refuses a project with errors, pointing at the Problems panel. */
async function loadValid(ctx: CommandContext, file: string): Promise<LoadedCompose | undefined> {
  const loaded = await loadProject(ctx, file);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  if (open) void ctx.compose.diagnostics.check(open);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return loaded;
  const first = errors[0];
  const where = `${path.basename(first.file ?? file)}:${first.range.start.line + 1}`;
  ctx.compose.output.warn(`${loaded.project.name}: not deployed, ${errors.length} error(s); first at ${where}: ${first.message}`);
  void vscode.window
    .showErrorMessage(`"${path.basename(file)}" has ${errors.length} error${errors.length === 1 ? '' : 's'}, so nothing was deployed. ${where}: ${first.message}`, 'Show Problems')
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  return undefined;
}

type Work<T> = (signal: AbortSignal, onProgress: (e: ComposeProgressEvent) => void) => Promise<T>;

/** A cancellable progress notification whose steps also go to the "Berth: Compose" log. */
async function withComposeProgress<T>(ctx: CommandContext, project: string, title: string, work: Work<T>): Promise<T | undefined> {
  return ctx.compose.exclusive(project, async () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      ctx.compose.output.info(`${title}…`);
      try {
        return await work(controller.signal, (raw) => {
          // Build steps print terminal colours (stderr comes wrapped in red); the channel shows plain text.
          const event = { ...raw, message: cleanLogText(raw.message) };
          ctx.compose.log(project, event);
          progress.report({ message: event.service ? `${event.service}: ${event.message}` : event.message });
        });
      } catch (err) {
        if ((err as Error).name === 'AbortError') {
          ctx.compose.output.warn(`${project}: cancelled; what was already done stays as it is.`);
          void vscode.window.showInformationMessage(`${title} was cancelled. Services that were already started were left running.`);
          return undefined;
        }
        const message = cleanLogText(errorText(title, err));
        ctx.compose.output.error(`${project}: ${message}`);
        if (err instanceof BuildInterruptedError) logBuildCleanup(ctx, project, err);
        void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
          if (choice) ctx.compose.output.show(true);
        });
        return undefined;
      } finally {
        cancel.dispose();
      }
    }),
  );
}

/** The failure as the user reads it; a dropped engine connection is named as such, never just "aborted". */
function errorText(title: string, err: unknown): string {
  if (err instanceof ComposeApplyError) return err.message;
  if (isConnectionLoss(err)) return lostConnectionText(title.charAt(0).toLowerCase() + title.slice(1), err);
  return engineErrorMessage(err);
}

/** Says in the log what became of the step containers an interrupted build left on the engine. */
function logBuildCleanup(ctx: CommandContext, project: string, err: BuildInterruptedError): void {
  void err.cleanup.then((removed) => {
    if (removed.length > 0) ctx.compose.output.info(`${project}: removed the interrupted build's intermediate container${removed.length === 1 ? '' : 's'} ${removed.join(', ')}.`);
  });
}

function resultText(project: string, result: ApplyUpResult): string {
  if (result.applied.length === 0) return `Project "${project}" is up to date; nothing changed.`;
  const words: Record<string, string> = { create: 'created', recreate: 'recreated', start: 'started', restart: 'restarted', remove: 'removed' };
  const parts = result.applied.map((a) => `${a.name} ${words[a.kind] ?? a.kind}`);
  return `Deployed "${project}": ${parts.join(', ')}.`;
}

async function offerOrphanRemoval(ctx: CommandContext, engine: EngineSession, project: string, orphans: ExistingContainer[]): Promise<void> {
  const names = orphans.map((o) => o.name);
  ctx.compose.output.warn(`${project}: orphan containers (services no longer in the files): ${names.join(', ')}`);
  const choice = await vscode.window.showWarningMessage(
    `${orphans.length} container${orphans.length === 1 ? '' : 's'} of "${project}" belong${orphans.length === 1 ? 's' : ''} to services no longer in the file: ${names.join(', ')}.`,
    'Remove Orphans…',
  );
  if (!choice) return;
  if (!(await confirmDestructive(`Remove the orphan containers of "${project}"?`, names, { action: 'Remove' }))) return;
  const docker = requireClient(engine);
  await withComposeProgress(ctx, project, `Removing orphans of ${project}`, (_signal, onProgress) => removeOrphans(docker, orphans, { onProgress }));
}

async function deploy(ctx: CommandContext, file: string, services?: string[]): Promise<ApplyUpResult | undefined> {
  if (!checkTrust()) return undefined;
  const loaded = await loadValid(ctx, file);
  if (!loaded) return undefined;
  const engine = ctx.compose.targets.engineFor(file);
  const docker = requireClient(engine);
  const name = loaded.project.name;
  const title = ctx.engines.qualify(services ? `Deploying ${services.join(', ')} of ${name}` : `Deploying ${name}`, engine);
  const dockerConfig = readDockerConfigText();
  const registryAuth = async (registry: string | undefined): Promise<RegistryAuth | undefined> => {
    const { auth, warning } = await resolveRegistryAuth(registry, dockerConfig);
    if (warning) ctx.compose.output.warn(`${warning} Pulling without stored credentials.`);
    return auth;
  };
  const result = await withComposeProgress(ctx, name, title, (signal, onProgress) => applyUp(docker, loaded, { services, signal, onProgress, registryAuth }));
  if (!result) return undefined;
  const text = resultText(name, result);
  ctx.compose.output.info(text);
  void vscode.window.showInformationMessage(text);
  if (result.orphans.length > 0) {
    void offerOrphanRemoval(ctx, engine, name, result.orphans).catch((err: unknown) => void vscode.window.showErrorMessage(engineErrorMessage(err)));
  }
  return result;
}

export async function deployCompose(ctx: CommandContext, ...args: unknown[]): Promise<ApplyUpResult | undefined> {
  const file = targetFile(args);
  return file ? deploy(ctx, file) : undefined;
}

export async function deployComposeService(ctx: CommandContext, ...args: unknown[]): Promise<ApplyUpResult | undefined> {
  const file = targetFile(args);
  if (!file) return undefined;
  let service = typeof args[1] === 'string' ? args[1] : undefined;
  if (!service) {
    const names = Object.keys((await loadProject(ctx, file)).project.services);
    service = await vscode.window.showQuickPick(names, { title: 'Deploy Compose Service' });
    if (!service) return undefined;
  }
  return deploy(ctx, file, [service]);
}

async function down(ctx: CommandContext, args: unknown[], volumes: boolean): Promise<boolean> {
  const file = targetFile(args);
  if (!file || !checkTrust()) return false;
  const loaded = await loadProject(ctx, file);
  // A file with errors still names its project; down works from the engine's labels then.
  const hasErrors = loaded.diagnostics.some((d) => d.severity === 'error');
  const project = hasErrors ? undefined : loaded.project;
  const name = loaded.project.name;
  const engine = ctx.compose.targets.engineFor(file);
  const docker = requireClient(engine);
  const plan = planDown(name, project, await readComposeState(docker, name), { volumes });
  const containers = plan.containers.flat().map((c) => c.name);
  const networks = plan.networksToRemove.map((n) => n.name);
  const volumeNames = plan.volumesToRemove.map((v) => v.name);
  if (containers.length + networks.length + volumeNames.length === 0) {
    void vscode.window.showInformationMessage(`Project "${name}" has nothing to take down.`);
    return false;
  }
  const confirmed = volumes
    ? await confirmDestructive(
        volumeNames.length > 0
          ? `Take down "${name}" and delete its volume${volumeNames.length === 1 ? '' : 's'} ${volumeNames.map((v) => `"${v}"`).join(', ')}? The data in them is lost.`
          : `Take down "${name}"? It has no volumes of its own to delete.`,
        [...volumeNames.map((v) => `volume ${v}`), ...containers.map((c) => `container ${c}`), ...networks.map((n) => `network ${n}`)],
        { action: 'Down and Remove Volumes', alwaysAsk: true },
      )
    : await confirmDestructive(`Take down "${name}"? Its containers and networks are removed; volumes are kept.`, [...containers.map((c) => `container ${c}`), ...networks.map((n) => `network ${n}`)], { action: 'Down' });
  if (!confirmed) return false;
  const result = await withComposeProgress(ctx, name, ctx.engines.qualify(`Taking down ${name}`, engine), (signal, onProgress) => applyDown(docker, name, project, { volumes, signal, onProgress }));
  if (!result) return false;
  const text = `Took down "${name}": ${containers.length} container${containers.length === 1 ? '' : 's'}, ${networks.length} network${networks.length === 1 ? '' : 's'}${volumes ? `, ${volumeNames.length} volume${volumeNames.length === 1 ? '' : 's'}` : ''} removed.`;
  ctx.compose.output.info(text);
  void vscode.window.showInformationMessage(text);
  return true;
}

export function downCompose(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  return down(ctx, args, false);
}

export function downComposeWithVolumes(ctx: CommandContext, ...args: unknown[]): Promise<boolean> {
  return down(ctx, args, true);
}

/** The CodeLens "on <engine>": choose which connected engine this compose file deploys to. */
export async function chooseComposeEngine(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const file = targetFile(args);
  if (!file) return;
  const engine = await ctx.engines.pick(`Deploy ${path.basename(file)} to`);
  if (engine) await ctx.compose.targets.choose(file, engine);
}

export async function restartCompose(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const file = targetFile(args);
  if (!file || !checkTrust()) return;
  const loaded = await loadProject(ctx, file);
  const name = loaded.project.name;
  const engine = ctx.compose.targets.engineFor(file);
  const docker = requireClient(engine);
  const count = await withComposeProgress(ctx, name, ctx.engines.qualify(`Restarting ${name}`, engine), (_signal, onProgress) => applyRestart(docker, loaded.project, { onProgress }));
  if (count === undefined) return;
  const text = count === 0 ? `Project "${name}" has no containers to restart; deploy it first.` : `Restarted ${count} container${count === 1 ? '' : 's'} of "${name}".`;
  ctx.compose.output.info(text);
  void vscode.window.showInformationMessage(text);
}
