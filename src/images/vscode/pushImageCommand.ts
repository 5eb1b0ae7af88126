import * as vscode from 'vscode';
import { parseImageReference, type ImageReference } from '../imageReference';
import { pushImage as pushInEngine, tagForPush } from '../imagePush';
import { readDockerConfigText, resolveRegistryAuth } from '../../registry/credentialHelper';
import type { CommandContext } from '../../workbench/commandContext';
import { presetArg } from '../../workbench/presets';
import { engineOf, requireClient } from '../../workbench/targets';
import { imageTargets } from './imageTargets';
import { reportTo } from './progressReport';

/** The registry refuses for want of a login: the error offers one. */
const NEEDS_LOGIN = /denied|unauthorized|no basic auth credentials|authentication required/i;

function parsed(text: string): ImageReference {
  const result = parseImageReference(text.trim());
  if (!result.ok) throw new Error(result.message);
  return result.ref;
}

/** Where to push an image whose name has no registry: asked, with the first known registry offered. */
async function askTarget(ctx: CommandContext, source: ImageReference | undefined, preset: string | undefined): Promise<ImageReference | undefined> {
  if (preset) return parsed(preset);
  const registry = ctx.registries.registries().entries.find((e) => e.host !== 'docker.io')?.host ?? 'registry.example.com';
  const value = `${registry}/${source?.repository ?? 'app'}:${source?.tag ?? 'latest'}`;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Push {0}', source?.full ?? ''),
    prompt: vscode.l10n.t('Push to registry/repository:tag (without a registry: Docker Hub, as user/repository:tag)'),
    value,
    valueSelection: [0, registry.length],
    validateInput: (input) => {
      const result = parseImageReference(input.trim());
      if (!result.ok) return result.message;
      return result.ref.digest ? vscode.l10n.t('Push a tag, not a digest.') : undefined;
    },
  });
  return text?.trim() ? parsed(text) : undefined;
}

/**
 * Push Image...: an image whose name has no registry is tagged for one first (the engine's tag API,
 * as `docker tag`); the push shows per-layer progress aggregated, can be cancelled, and uses the
 * credentials the docker CLI would. The registry's refusal is shown in its words, with a Log In offer.
 */
export async function pushImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const preset = presetArg<{ target: string }>(args, 'target')?.target;
  const [image] = await imageTargets(ctx.engines, args, vscode.l10n.t('Push Image'), (t) => t.tag !== undefined, false);
  if (!image) return;
  const source = image.tag ? parsed(image.tag) : undefined;
  const target = source?.registry && !preset ? source : await askTarget(ctx, source, preset);
  if (!target) return;
  const engine = engineOf(ctx.engines, image.image);
  const docker = requireClient(engine);
  if (target.full !== source?.full) {
    await tagForPush(docker, image.tag ?? image.image.id, target);
    ctx.output.info(`Tagged ${image.label} as ${target.full}`);
  }
  const { auth, warning } = await resolveRegistryAuth(target.registry, readDockerConfigText());
  if (warning) ctx.output.warn(`${warning} Pushing ${target.full} without stored credentials.`);

  const digest = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: ctx.engines.qualify(vscode.l10n.t('Pushing {0}', target.full), engine), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await pushInEngine(docker, target, { auth, signal: abort.signal, onProgress: reportTo(progress) });
      } catch (err) {
        if ((err as Error).name === 'AbortError') {
          ctx.output.info(`Push of ${target.full} cancelled`);
          return null;
        }
        const reason = (err as Error).message;
        if (!NEEDS_LOGIN.test(reason)) throw err;
        ctx.output.error(`berth.image.push: ${reason}`);
        const logIn = vscode.l10n.t('Log In to Registry...');
        void vscode.window.showErrorMessage(reason, logIn).then((choice) => {
          if (choice === logIn) void vscode.commands.executeCommand('berth.registries.logIn', { server: target.registry ?? 'docker.io' });
        });
        return null;
      } finally {
        cancel.dispose();
      }
    },
  );
  if (digest === null) return;
  ctx.output.info(`Pushed ${target.full}${digest ? ` (${digest})` : ''}`);
  ctx.registries.refresh();
  void vscode.window.showInformationMessage(vscode.l10n.t('Pushed {0}.', target.full));
}
