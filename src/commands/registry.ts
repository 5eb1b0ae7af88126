import * as vscode from 'vscode';
import { engineErrorMessage } from '../docker/engineErrors';
import type { CommandContext } from './commandContext';
import { openSettings } from './openSettings';
import { refresh } from './refresh';
import { retryConnection } from './retryConnection';
import { showLog } from './showLog';

type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;

/** Every command id Berth contributes, bound to its handler. package.json lists the same ids. */
export const COMMANDS: Readonly<Record<string, Handler>> = {
  'berth.refresh': refresh,
  'berth.engine.retry': retryConnection,
  'berth.openSettings': openSettings,
  'berth.showLog': showLog,
};

/**
 * Binds the table. A failing handler shows the engine's own reason once and logs it; nothing
 * escapes as an unhandled rejection or a stack trace in a notification.
 */
export function registerCommands(ctx: CommandContext): void {
  for (const [id, handler] of Object.entries(COMMANDS)) {
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (err) {
          const reason = engineErrorMessage(err);
          ctx.output.error(`${id}: ${reason}`);
          void vscode.window.showErrorMessage(reason);
          return undefined;
        }
      }),
    );
  }
}
