import * as vscode from 'vscode';
import { validateContainerName } from '../../containers/containerActions';
import { parseEnvAssignments, parsePortMappings, runImage as runInEngine } from '../runImage';
import type { CommandContext } from '../../workbench/commandContext';
import { imageTargets } from './imageTargets';
import { requireClient } from '../../workbench/targets';

/** Create and start a container from an image: name, ports and env asked in three short steps. */
export async function runImage(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [target] = await imageTargets(ctx.session, args, vscode.l10n.t('Run Image'), undefined, false);
  if (!target) return;
  const image = target.tag ?? target.image.id;
  const title = vscode.l10n.t('Run {0}', target.label);

  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} ({1}/{2})', title, 1, 3),
    prompt: vscode.l10n.t('Container name (empty: the engine picks one)'),
    validateInput: (value) => (value.trim() ? validateContainerName(value.trim()) : undefined),
  });
  if (name === undefined) return;
  const portsText = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} ({1}/{2})', title, 2, 3),
    prompt: vscode.l10n.t('Published ports, comma separated: 8080:80, 127.0.0.1:5432:5432, 53:53/udp (empty: none)'),
    validateInput: (value) => {
      const parsed = parsePortMappings(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (portsText === undefined) return;
  const envText = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} ({1}/{2})', title, 3, 3),
    prompt: vscode.l10n.t('Environment, comma separated: KEY=value, OTHER=1 (empty: none)'),
    validateInput: (value) => {
      const parsed = parseEnvAssignments(value);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (envText === undefined) return;

  const ports = parsePortMappings(portsText);
  const env = parseEnvAssignments(envText);
  if (!ports.ok) throw new Error(ports.message);
  if (!env.ok) throw new Error(env.message);
  await vscode.window.withProgress({ location: { viewId: 'berth.containers' }, title }, () =>
    runInEngine(requireClient(ctx.session), { image, name: name.trim() || undefined, ports: ports.ports, env: env.env }),
  );
  await vscode.commands.executeCommand('berth.containers.focus');
}
