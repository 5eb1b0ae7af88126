import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { CommandContext } from '../../workbench/commandContext';
import { confirmDestructive } from '../../workbench/confirm';
import { presetArg } from '../../workbench/presets';
import { createContext, listContexts, removeContext, useContext, validateContextHost, validateContextName, type DockerContext } from '../dockerContexts';
import { configDir, type EngineNode } from './enginesProvider';

// Docker contexts as `docker context create/use/rm/inspect` handle them, without the CLI: the
// store is the CLI's own, so both always agree on the contexts and the current one.

/** The context a command was run on: the clicked row, a { name } argument, or a pick. */
async function targetContext(args: unknown[], title: string): Promise<DockerContext | undefined> {
  const contexts = await listContexts(configDir());
  const clicked = args[0] as EngineNode | undefined;
  if (clicked && typeof clicked === 'object' && 'entry' in clicked && clicked.entry.kind === 'context') {
    const name = clicked.entry.context.name;
    return contexts.find((c) => c.name === name);
  }
  const preset = presetArg<{ name: string }>(args, 'name');
  if (preset?.name !== undefined) {
    const found = contexts.find((c) => c.name === preset.name);
    if (!found) throw new Error(vscode.l10n.t('There is no context named "{0}".', preset.name));
    return found;
  }
  if (contexts.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no Docker contexts yet; create one with "Create Docker Context...".'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    contexts.map((c) => ({ label: c.name, description: `${c.host}${c.current ? ` · ${vscode.l10n.t('current')}` : ''}`, context: c })),
    { title, placeHolder: vscode.l10n.t('Docker context') },
  );
  return pick?.context;
}

/** Berth follows the current context only when neither berth.dockerHost nor DOCKER_HOST names an engine. */
function followsContext(): boolean {
  const setting = vscode.workspace.getConfiguration('berth').get<string>('dockerHost')?.trim();
  return !setting && !process.env.DOCKER_HOST?.trim();
}

async function afterContextChange(ctx: CommandContext, what: string): Promise<void> {
  ctx.output.info(what);
  if (followsContext()) {
    await ctx.engines.current.start();
    return;
  }
  const endpoint = ctx.engines.current.endpoint?.host ?? '';
  void vscode.window.showInformationMessage(
    vscode.l10n.t('{0} The docker CLI follows it; Berth keeps using {1} from berth.dockerHost or DOCKER_HOST (clear those to follow the context).', what, endpoint),
  );
}

export async function useDockerContext(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const target = await targetContext(args, vscode.l10n.t('Use Docker Context'));
  if (!target) return;
  await useContext(configDir(), target.name);
  await afterContextChange(ctx, vscode.l10n.t('Docker context "{0}" is now the current context.', target.name));
}

interface NewContextArgs {
  name: string;
  host: string;
  description: string;
  /** Paths of PEM files, for tcp:// engines with TLS. */
  ca: string;
  cert: string;
  key: string;
}

async function readPem(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new Error(vscode.l10n.t('Cannot read {0}: {1}', file, (err as Error).message), { cause: err });
  }
}

async function pickPem(title: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { PEM: ['pem', 'crt', 'key'], [vscode.l10n.t('All files')]: ['*'] } });
  return picked?.[0]?.fsPath;
}

export async function createDockerContext(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const dir = configDir();
  const taken = new Set((await listContexts(dir)).map((c) => c.name));
  let spec = presetArg<NewContextArgs>(args, 'name');
  if (spec?.name === undefined) {
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Docker Context ({0}/{1})', 1, 3),
      prompt: vscode.l10n.t('Context name'),
      validateInput: (value) => validateContextName(value.trim()) ?? (taken.has(value.trim()) ? vscode.l10n.t('A context named "{0}" already exists.', value.trim()) : undefined),
    });
    if (name === undefined) return;
    const host = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Docker Context ({0}/{1})', 2, 3),
      prompt: vscode.l10n.t('Docker endpoint: tcp://host:2376, ssh://user@host or unix:///path/docker.sock'),
      validateInput: (value) => validateContextHost(value.trim()),
    });
    if (host === undefined) return;
    const description = await vscode.window.showInputBox({ title: vscode.l10n.t('Create Docker Context ({0}/{1})', 3, 3), prompt: vscode.l10n.t('Description (optional)') });
    if (description === undefined) return;
    spec = { name: name.trim(), host: host.trim(), description: description.trim() };
    if (host.trim().startsWith('tcp://')) {
      const tls = await vscode.window.showQuickPick([vscode.l10n.t('With TLS certificates'), vscode.l10n.t('Without TLS')], { title: vscode.l10n.t('TLS for {0}', host.trim()) });
      if (tls === undefined) return;
      if (tls === vscode.l10n.t('With TLS certificates')) {
        spec.ca = await pickPem(vscode.l10n.t('CA certificate (ca.pem)'));
        spec.cert = await pickPem(vscode.l10n.t('Client certificate (cert.pem)'));
        spec.key = await pickPem(vscode.l10n.t('Client key (key.pem)'));
      }
    }
  }
  const tls = { ca: await readPem(spec.ca), cert: await readPem(spec.cert), key: await readPem(spec.key) };
  await createContext(dir, { name: spec.name ?? '', host: spec.host ?? '', description: spec.description, tls });
  ctx.output.info(`Created Docker context "${spec.name}" for ${spec.host}`);
}

export async function removeDockerContext(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const target = await targetContext(args, vscode.l10n.t('Remove Docker Context'));
  if (!target) return;
  const question = target.current
    ? vscode.l10n.t('Remove Docker context {0}? It is the current context: the docker CLI goes back to "default".', target.name)
    : vscode.l10n.t('Remove Docker context {0}?', target.name);
  if (!(await confirmDestructive(question, [target.name], { action: vscode.l10n.t('Remove') }))) return;
  await removeContext(configDir(), target.name);
  if (target.current) await afterContextChange(ctx, vscode.l10n.t('Docker context "{0}" was removed; "default" is the current context again.', target.name));
  else ctx.output.info(`Removed Docker context "${target.name}"`);
}

/** The context as `docker context inspect` shows it, key material left out. */
export async function inspectDockerContext(_ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const target = await targetContext(args, vscode.l10n.t('Inspect Docker Context'));
  if (!target) return;
  const shown = {
    Name: target.name,
    Metadata: target.description ? { Description: target.description } : {},
    Endpoints: { docker: { Host: target.host, SkipTLSVerify: target.skipTlsVerify } },
    TLSMaterial: target.tlsFiles.length > 0 ? { docker: target.tlsFiles } : {},
    Current: target.current,
  };
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(shown, null, 2)}\n` });
  await vscode.window.showTextDocument(document, { preview: true });
}

export function refreshEngines(ctx: CommandContext): void {
  ctx.enginesView.refresh();
}
