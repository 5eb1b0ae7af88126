import * as vscode from 'vscode';
import { markdownCode, markdownText } from '../../workbench/format';
import type { EngineSession } from './engineSession';

/** Engine state and running/total containers; the tooltip names the endpoint and engine version. */
export function createStatusBar(session: EngineSession): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('berth.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Docker Engine');
  item.command = 'berth.containers.focus';

  const update = (): void => {
    const state = session.state;
    const endpoint = session.endpoint;
    const tooltip = new vscode.MarkdownString(undefined, true);
    const from = endpoint?.source === 'context' ? vscode.l10n.t('context {0}', markdownText(endpoint.context ?? '')) : endpoint?.source;
    const where = endpoint ? vscode.l10n.t('{0} (from {1})', markdownCode(endpoint.host), from ?? '') : vscode.l10n.t('no endpoint');
    item.backgroundColor = undefined;
    if (state.kind === 'connected') {
      const containers = session.data.peek('container');
      const running = containers?.filter((c) => c.state === 'running').length;
      item.text = containers ? `$(vm-running) ${running}/${containers.length}` : '$(vm-running) Docker';
      tooltip.appendMarkdown(vscode.l10n.t('**{0} {1}** (API {2}, {3})', state.product, markdownText(state.version), markdownText(state.apiVersion), markdownText(state.os)) + `\n\n${where}`);
      if (containers) tooltip.appendMarkdown('\n\n' + vscode.l10n.t('{0} running of {1} containers', running ?? 0, containers.length));
    } else if (state.kind === 'connecting') {
      item.text = '$(sync~spin) Docker';
      tooltip.appendMarkdown(vscode.l10n.t('Connecting to {0}', where));
    } else {
      item.text = `$(vm-outline) ${vscode.l10n.t('Docker unreachable')}`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      tooltip.appendMarkdown(`${markdownText(state.message, 1000)}\n\n` + vscode.l10n.t('Endpoint: {0}', where));
    }
    item.tooltip = tooltip;
    item.show();
  };

  update();
  const offData = session.data.onChanged.on((kind) => {
    if (kind === 'container') update();
  });
  const offState = session.onDidChangeState(() => {
    update();
    // The counts come from the containers list; load it once connected so the item is not blank.
    if (session.state.kind === 'connected') void session.data.get('container').catch(() => undefined);
  });
  return new vscode.Disposable(() => {
    offData();
    offState.dispose();
    item.dispose();
  });
}
