import * as vscode from 'vscode';
import { markdownCode, markdownText } from '../../workbench/format';
import type { EngineSession } from './engineSession';

/** Engine state and running/total containers; the tooltip names the endpoint and engine version. */
export function createStatusBar(session: EngineSession): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('berth.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Docker Engine';
  item.command = 'berth.containers.focus';

  const update = (): void => {
    const state = session.state;
    const endpoint = session.endpoint;
    const tooltip = new vscode.MarkdownString(undefined, true);
    const where = endpoint ? `${markdownCode(endpoint.host)} (from ${endpoint.source === 'context' ? `context ${markdownText(endpoint.context ?? '')}` : endpoint.source})` : 'no endpoint';
    item.backgroundColor = undefined;
    if (state.kind === 'connected') {
      const containers = session.data.peek('container');
      const running = containers?.filter((c) => c.state === 'running').length;
      item.text = containers ? `$(vm-running) ${running}/${containers.length}` : '$(vm-running) Docker';
      tooltip.appendMarkdown(`**Docker Engine ${markdownText(state.version)}** (API ${markdownText(state.apiVersion)}, ${markdownText(state.os)})\n\n${where}`);
      if (containers) tooltip.appendMarkdown(`\n\n${running} running of ${containers.length} containers`);
    } else if (state.kind === 'connecting') {
      item.text = '$(sync~spin) Docker';
      tooltip.appendMarkdown(`Connecting to ${where}`);
    } else {
      item.text = '$(vm-outline) Docker unreachable';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      tooltip.appendMarkdown(`${markdownText(state.message, 1000)}\n\nEndpoint: ${where}`);
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
