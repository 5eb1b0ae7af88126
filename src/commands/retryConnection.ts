import type { CommandContext } from './commandContext';

export async function retryConnection(ctx: CommandContext): Promise<void> {
  await ctx.session.retryNow();
}
