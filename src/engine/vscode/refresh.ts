import type { CommandContext } from '../../workbench/commandContext';

/** Reloads every view that has been shown (the toolbar button, for when the user doubts what they see). */
export async function refresh(ctx: CommandContext): Promise<void> {
  await Promise.all(Object.values(ctx.views).map((view) => view.provider.refresh()));
}
