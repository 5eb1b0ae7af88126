import * as vscode from 'vscode';
import { removeImage as removeInEngine, tagImage as tagInEngine } from '../imageActions';
import { parseImageReference } from '../imageReference';
import { pullImage as pullInEngine } from '../imagePull';
import { readDockerConfigText, resolveRegistryAuth } from '../../registry/credentialHelper';
import type { CommandContext } from '../../workbench/commandContext';
import { describeObjects } from '../../workbench/confirm';
import { imageTargets } from './imageTargets';
import { presetArg } from '../../workbench/presets';
import { runOnEach } from '../../workbench/runOnEach';
import { requireDocker } from '../../workbench/targets';

/** Asks for a reference (checked as typed, before anything is sent) and pulls it with cancellable progress. */
export async function pullImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const preset = typeof args[0] === 'string' ? args[0] : presetArg<{ reference: string }>(args, 'reference')?.reference;
  const text =
    preset ??
    (await vscode.window.showInputBox({
      title: 'Pull Image',
      prompt: 'Image reference, e.g. nginx:1.27, ghcr.io/owner/app:tag, registry:5000/team/api@sha256:…',
      validateInput: (value) => {
        if (!value.trim()) return undefined;
        const parsed = parseImageReference(value.trim());
        return parsed.ok ? undefined : parsed.message;
      },
    }));
  if (!text?.trim()) return;
  const parsed = parseImageReference(text.trim());
  if (!parsed.ok) throw new Error(parsed.message);
  const docker = requireDocker(ctx.session);
  const { auth, warning } = await resolveRegistryAuth(parsed.ref.registry, readDockerConfigText());
  if (warning) ctx.output.warn(`${warning} Pulling ${parsed.ref.full} without stored credentials.`);

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pulling ${parsed.ref.full}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        await pullInEngine(docker, parsed.ref, {
          auth,
          signal: abort.signal,
          onProgress: (status) => {
            // withProgress takes increments; the aggregator gives an absolute percentage.
            const increment = status.percent !== undefined && status.percent > reported ? status.percent - reported : undefined;
            if (increment !== undefined) reported += increment;
            progress.report({ message: status.message, increment });
          },
        });
        ctx.output.info(`Pulled ${parsed.ref.full}`);
        void vscode.window.showInformationMessage(`Pulled ${parsed.ref.full}.`);
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
  const targets = await imageTargets(ctx.session, args, 'Remove Image');
  if (targets.length === 0) return;
  const names = targets.map((t) => t.label);
  const subject = targets.length === 1 ? `image ${names[0]}` : `${targets.length} images`;
  let force = false;
  if (vscode.workspace.getConfiguration('berth').get<boolean>('confirmRemovals', true)) {
    const choice = await vscode.window.showWarningMessage(
      `Remove ${subject}?`,
      { modal: true, detail: `${describeObjects(names)}\n\nForce Remove also removes images that stopped containers still use.` },
      'Remove',
      'Force Remove',
    );
    if (choice === undefined) return;
    force = choice === 'Force Remove';
  }
  const docker = requireDocker(ctx.session);
  // A tagged row removes that tag (the image goes with its last tag), as `docker rmi name:tag` does.
  await runOnEach(targets, { title: 'Remove', viewId: 'berth.images', name: (t) => t.label }, (t) => removeInEngine(docker, t.tag ?? t.image.id, { force }));
}

export async function tagImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [target] = await imageTargets(ctx.session, args, 'Tag Image', undefined, false);
  if (!target) return;
  const value = presetArg<{ target: string }>(args, 'target')?.target ?? await vscode.window.showInputBox({
    title: `Tag ${target.label}`,
    prompt: 'New reference, e.g. registry.example.com/team/app:1.2',
    value: target.tag,
    validateInput: (text) => {
      const parsed = parseImageReference(text.trim());
      if (!parsed.ok) return parsed.message;
      return parsed.ref.digest ? 'A tag cannot contain a digest.' : undefined;
    },
  });
  if (!value) return;
  await tagInEngine(requireDocker(ctx.session), target.image.id, value.trim());
}
