import * as vscode from 'vscode';
import { removeImage as removeInEngine, tagImage as tagInEngine } from '../imageActions';
import { parseImageReference } from '../imageReference';
import { pullImage as pullInEngine } from '../imagePull';
import { readDockerConfigText, resolveRegistryAuth } from '../../registry/credentialHelper';
import type { CommandContext } from '../../workbench/commandContext';
import { describeObjects } from '../../workbench/confirm';
import { imageTargets } from './imageTargets';
import { reportTo } from './progressReport';
import { presetArg } from '../../workbench/presets';
import { runOnEach } from '../../workbench/runOnEach';
import { clientFor, engineForCommand, requireClient } from '../../workbench/targets';

/** Asks for a reference (checked as typed, before anything is sent) and pulls it with cancellable progress. */
export async function pullImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const preset = typeof args[0] === 'string' ? args[0] : presetArg<{ reference: string }>(args, 'reference')?.reference;
  const text =
    preset ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Pull Image'),
      prompt: vscode.l10n.t('Image reference, e.g. nginx:1.27, ghcr.io/owner/app:tag, registry:5000/team/api@sha256:…'),
      validateInput: (value) => {
        if (!value.trim()) return undefined;
        const parsed = parseImageReference(value.trim());
        return parsed.ok ? undefined : parsed.message;
      },
    }));
  if (!text?.trim()) return;
  const parsed = parseImageReference(text.trim());
  if (!parsed.ok) throw new Error(parsed.message);
  const engine = await engineForCommand(ctx.engines, args, vscode.l10n.t('Pull Image'));
  if (!engine) return;
  const docker = requireClient(engine);
  const { auth, warning } = await resolveRegistryAuth(parsed.ref.registry, readDockerConfigText());
  if (warning) ctx.output.warn(`${warning} Pulling ${parsed.ref.full} without stored credentials.`);

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: ctx.engines.qualify(vscode.l10n.t('Pulling {0}', parsed.ref.full), engine), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        await pullInEngine(docker, parsed.ref, { auth, signal: abort.signal, onProgress: reportTo(progress) });
        ctx.output.info(`Pulled ${parsed.ref.full}`);
        void vscode.window.showInformationMessage(vscode.l10n.t('Pulled {0}.', parsed.ref.full));
      } catch (err) {
        if ((err as Error).name === 'AbortError') {
          ctx.output.info(`Pull of ${parsed.ref.full} cancelled`);
          return;
        }
        throw err;
      } finally {
        cancel.dispose();
      }
    },
  );
}

/** Removes images; the engine's refusal for an image in use names the container. */
export async function removeImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await imageTargets(ctx.engines, args, vscode.l10n.t('Remove Image'));
  if (targets.length === 0) return;
  const names = targets.map((t) => t.label);
  const question = targets.length === 1 ? vscode.l10n.t('Remove image {0}?', names[0]) : vscode.l10n.t('Remove {0} images?', targets.length);
  let force = false;
  if (vscode.workspace.getConfiguration('berth').get<boolean>('confirmRemovals', true)) {
    const remove = vscode.l10n.t('Remove');
    const forceRemove = vscode.l10n.t('Force Remove');
    const choice = await vscode.window.showWarningMessage(
      question,
      { modal: true, detail: `${describeObjects(names)}\n\n${vscode.l10n.t('Force Remove also removes images that stopped containers still use.')}` },
      remove,
      forceRemove,
    );
    if (choice === undefined) return;
    force = choice === forceRemove;
  }
  // A tagged row removes that tag (the image goes with its last tag), as `docker rmi name:tag` does.
  await runOnEach(targets, { title: vscode.l10n.t('Remove'), viewId: 'berth.images', name: (t) => t.label }, (t) => removeInEngine(clientFor(ctx.engines, t.image), t.tag ?? t.image.id, { force }));
}

export async function tagImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [target] = await imageTargets(ctx.engines, args, vscode.l10n.t('Tag Image'), undefined, false);
  if (!target) return;
  const value = presetArg<{ target: string }>(args, 'target')?.target ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Tag {0}', target.label),
    prompt: vscode.l10n.t('New reference, e.g. registry.example.com/team/app:1.2'),
    value: target.tag,
    validateInput: (text) => {
      const parsed = parseImageReference(text.trim());
      if (!parsed.ok) return parsed.message;
      return parsed.ref.digest ? vscode.l10n.t('A tag cannot contain a digest.') : undefined;
    },
  });
  if (!value) return;
  await tagInEngine(clientFor(ctx.engines, target.image), target.image.id, value.trim());
}
