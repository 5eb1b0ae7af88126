import * as vscode from 'vscode';
import { configDir } from '../../engine/vscode/enginesProvider';
import type { CommandContext } from '../../workbench/commandContext';
import { presetArg } from '../../workbench/presets';
import { readDockerConfigText } from '../credentialHelper';
import { authForRegistry } from '../registryAuth';
import { registryHost } from '../registryClient';
import { logIn as logInCore, logOut as logOutCore } from '../registryLogin';
import { pickRegistry } from './registryCommands';
import type { RegistryNode } from './registryNodes';

interface LoginPreset {
  server: string;
  username: string;
  password: string;
}

function validServer(value: string): string | undefined {
  const text = value.trim();
  return !text || /\s/.test(text) || !registryHost(text) ? vscode.l10n.t('Enter a registry host, e.g. registry.example.com, localhost:5000 or docker.io.') : undefined;
}

/**
 * Log In to Registry...: server, user and password (a password box), checked against the registry's
 * /v2/ (its Basic or token challenge) before anything is stored; stored as `docker login` stores it.
 */
export async function logIn(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const preset = presetArg<LoginPreset>(args, 'server');
  const clicked = args[0] as RegistryNode | undefined;
  const known = clicked && typeof clicked === 'object' && 'kind' in clicked && clicked.kind === 'registry' ? clicked.entry : undefined;
  const server =
    preset?.server ??
    known?.host ??
    (await vscode.window.showInputBox({ title: vscode.l10n.t('Log In to Registry'), prompt: vscode.l10n.t('Registry (Docker Hub: docker.io)'), value: 'docker.io', validateInput: validServer }));
  if (!server?.trim() || validServer(server)) return;
  const host = server.trim();
  const current = authForRegistry(host === 'docker.io' ? undefined : host, readDockerConfigText());
  const username =
    preset?.username ??
    (await vscode.window.showInputBox({ title: vscode.l10n.t('Log In to {0}', host), prompt: vscode.l10n.t('User name'), value: current?.username, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a user name.')) }));
  if (!username?.trim()) return;
  const password =
    preset?.password ??
    (await vscode.window.showInputBox({ title: vscode.l10n.t('Log In to {0} as {1}', host, username.trim()), prompt: vscode.l10n.t('Password or access token'), password: true, validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the password.')) }));
  if (!password) return;
  const insecure = ctx.registries.registries().entries.find((e) => e.host === registryHost(host) || e.host === host)?.insecure;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials with {0}…', host), cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await logInCore(configDir(), { server: host, username: username.trim(), password, insecure, signal: abort.signal });
      } finally {
        cancel.dispose();
      }
    },
  );
  // The user name and where it went, never the password or a token.
  ctx.output.info(`Logged in to ${host} as ${username.trim()}; credentials stored in ${result.storedIn}`);
  ctx.registries.refresh();
  if (result.plainTextWarning) void vscode.window.showWarningMessage(vscode.l10n.t('Logged in to {0}. {1}', host, result.plainTextWarning));
  else void vscode.window.showInformationMessage(vscode.l10n.t('Logged in to {0}.', host));
}

/** Log Out: the registry's credentials go from the credential helper and config.json, as `docker logout`. */
export async function logOut(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const preset = presetArg<{ server: string }>(args, 'server')?.server;
  const host = preset ?? (await pickRegistry(ctx, args, vscode.l10n.t('Log Out')))?.host;
  if (!host) return;
  await logOutCore(configDir(), host);
  ctx.output.info(`Logged out of ${host}`);
  ctx.registries.refresh();
  void vscode.window.showInformationMessage(vscode.l10n.t('Logged out of {0}.', host));
}
