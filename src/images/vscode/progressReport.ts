import type * as vscode from 'vscode';
import type { PullStatus } from '../pullProgress';

/**
 * Feeds pull or push statuses to a progress notification: withProgress takes increments, the
 * aggregator gives an absolute percentage.
 */
export function reportTo(progress: vscode.Progress<{ message?: string; increment?: number }>): (status: PullStatus) => void {
  let reported = 0;
  return (status) => {
    const increment = status.percent !== undefined && status.percent > reported ? status.percent - reported : undefined;
    if (increment !== undefined) reported += increment;
    progress.report({ message: status.message, increment });
  };
}
