import type { CommandContext } from '../../workbench/commandContext';

export async function retryConnection(ctx: CommandContext): Promise<void> {
  await ctx.session.retryNow();
}
