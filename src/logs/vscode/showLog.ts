import type { CommandContext } from '../../workbench/commandContext';

export function showLog(ctx: CommandContext): void {
  ctx.output.show(true);
}
