import type { CommandContext } from './commandContext';

/** Shows the "Berth" output channel, where connection problems are logged in full. */
export function showLog(ctx: CommandContext): void {
  ctx.output.show(true);
}
