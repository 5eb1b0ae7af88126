import * as vscode from 'vscode';
import { markdownCode, markdownText } from '../../workbench/format';
import type { EngineRegistry } from './engineRegistry';
import type { EngineSession } from './engineSession';

// More engines than this are summed up as "+N" in the item; the tooltip lists them all.
const SHOWN_ENGINES = 3;

function running(engine: EngineSession): { running: number; total: number } | undefined {
  const containers = engine.state.kind === 'connected' ? engine.data.peek('container') : undefined;
  return containers ? { running: containers.filter((c) => c.state === 'running').length, total: containers.length } : undefined;
}

function where(engine: EngineSession): string {
  const endpoint = engine.endpoint;
  const from = endpoint?.source === 'context' ? vscode.l10n.t('context {0}', markdownText(endpoint.context ?? '')) : endpoint?.source;
  return endpoint ? vscode.l10n.t('{0} (from {1})', markdownCode(endpoint.host), from ?? '') : vscode.l10n.t('no endpoint');
}

function engineLine(engine: EngineSession, named: boolean): string {
  const state = engine.state;
  const counts = running(engine);
  const prefix = named ? `**${markdownText(engine.name)}**: ` : '';
  if (state.kind === 'connected') {
    const head = vscode.l10n.t('**{0} {1}** (API {2}, {3})', state.product, markdownText(state.version), markdownText(state.apiVersion), markdownText(state.os));
    const tail = counts ? `\n\n${vscode.l10n.t('{0} running of {1} containers', counts.running, counts.total)}` : '';
    return `${prefix}${head}\n\n${where(engine)}${tail}`;
  }
  if (state.kind === 'connecting') return `${prefix}${vscode.l10n.t('Connecting to {0}', where(engine))}`;
  return `${prefix}${markdownText(state.message, 1000)}\n\n${vscode.l10n.t('Endpoint: {0}', where(engine))}`;
}

/**
 * Engine state and running/total containers; the tooltip names the endpoint and engine version.
 * With several engines open, each is named with its own counts.
 */
export function createStatusBar(engines: EngineRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('berth.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Docker Engine');
  item.command = 'berth.containers.focus';

  const update = (): void => {
    const all = engines.all();
    const current = engines.current;
    const named = engines.multiple;
    item.backgroundColor = undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(all.map((engine) => engineLine(engine, named)).join('\n\n---\n\n'));
    if (!named) {
      const state = current.state;
      const counts = running(current);
      if (state.kind === 'connected') item.text = counts ? `$(vm-running) ${counts.running}/${counts.total}` : '$(vm-running) Docker';
      else if (state.kind === 'connecting') item.text = '$(sync~spin) Docker';
      else item.text = `$(vm-outline) ${vscode.l10n.t('Docker unreachable')}`;
    } else {
      const parts = all.slice(0, SHOWN_ENGINES).map((engine) => {
        const counts = running(engine);
        const state = engine.state.kind;
        return state === 'connected' ? `${engine.name} ${counts ? `${counts.running}/${counts.total}` : ''}`.trim() : `${engine.name} ${state === 'connecting' ? '…' : '$(warning)'}`;
      });
      const more = all.length > SHOWN_ENGINES ? ` +${all.length - SHOWN_ENGINES}` : '';
      item.text = `$(vm-running) ${parts.join(' · ')}${more}`;
    }
    if (current.state.kind === 'unreachable') item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    item.tooltip = tooltip;
    item.show();
  };

  update();
  const subscriptions = [
    engines.onDidChangeList(({ kind }) => kind === 'container' && update()),
    engines.onDidChangeEngines(update),
    engines.onDidChangeState((engine) => {
      update();
      // The counts come from the containers list; load it once connected so the item is not blank.
      if (engine.state.kind === 'connected') void engine.data.get('container').catch(() => undefined);
    }),
  ];
  return new vscode.Disposable(() => {
    subscriptions.forEach((s) => s.dispose());
    item.dispose();
  });
}
