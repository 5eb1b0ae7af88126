import * as vscode from 'vscode';
import type { ContainerInfo } from '../../engine/listings';
import { ContainerShell } from './containerShell';
import type { CommandContext } from '../../workbench/commandContext';
import { containerTargets, isRunning } from './containerTargets';
import { requireClient } from '../../workbench/targets';

export async function copyContainerId(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx.session, args, vscode.l10n.t('Copy Container ID'), undefined, false);
  if (targets.length > 0) await vscode.env.clipboard.writeText(targets.map((c) => c.id).join('\n'));
}

export async function copyContainerName(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const targets = await containerTargets(ctx.session, args, vscode.l10n.t('Copy Container Name'), undefined, false);
  if (targets.length > 0) await vscode.env.clipboard.writeText(targets.map((c) => c.name).join('\n'));
}

export async function openShell(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [target] = await containerTargets(ctx.session, args, vscode.l10n.t('Open Shell'), isRunning, false);
  if (!target) return;
  const pty = new ContainerShell(requireClient(ctx.session), target.id, target.name);
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('{0} (shell)', target.name), pty, iconPath: new vscode.ThemeIcon('terminal') });
  terminal.show();
}

function publishedUrls(c: ContainerInfo): { label: string; url: string }[] {
  const seen = new Set<string>();
  const urls: { label: string; url: string }[] = [];
  for (const p of c.ports) {
    if (p.publicPort === undefined || p.type !== 'tcp') continue;
    // 0.0.0.0 and :: mean every interface; localhost reaches them from the editor's machine.
    const host = !p.ip || p.ip === '0.0.0.0' || p.ip === '::' ? 'localhost' : p.ip.includes(':') ? `[${p.ip}]` : p.ip;
    const url = `http://${host}:${p.publicPort}`;
    if (seen.has(url)) continue;
    seen.add(url);
    urls.push({ label: `${p.publicPort} → ${p.privatePort}/tcp`, url });
  }
  return urls;
}

/** Opens a published port in the browser; with several, asks which. Port detail nodes pass a URL. */
export async function openPort(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [first] = args;
  if (typeof first === 'string') {
    await vscode.env.openExternal(vscode.Uri.parse(first));
    return;
  }
  const [target] = await containerTargets(ctx.session, args, vscode.l10n.t('Open Port in Browser'), (c) => publishedUrls(c).length > 0, false);
  if (!target) return;
  const urls = publishedUrls(target);
  const chosen = urls.length === 1 ? urls[0] : await vscode.window.showQuickPick(urls.map((u) => ({ ...u, description: u.url })), { title: vscode.l10n.t('Open a port of {0}', target.name) });
  if (chosen) await vscode.env.openExternal(vscode.Uri.parse(chosen.url));
}
