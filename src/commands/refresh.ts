import type { CommandContext } from './commandContext';

/** Reloads every view that has been shown (the toolbar button, for when the user doubts what they see). */
export function refresh(ctx: CommandContext): void {
  for (const view of Object.values(ctx.views)) view.provider.refresh();
}
