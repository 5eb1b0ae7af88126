/** Why a file operation failed, in the terms VS Code's FileSystemError has; the message keeps the engine's reason. */
export type FileProblemCode = 'notFound' | 'exists' | 'notADirectory' | 'isADirectory' | 'noPermissions' | 'unavailable';

export class FileProblem extends Error {
  constructor(
    readonly code: FileProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileProblem';
  }
}

/**
 * Sorts a command's or the engine's error text into a problem code: "Read-only file system" and
 * "Permission denied" are the user's to fix, so they must not look like a missing file.
 */
export function problemFromText(text: string, fallback: FileProblemCode = 'unavailable'): FileProblemCode {
  if (/read-only|permission denied|operation not permitted/i.test(text)) return 'noPermissions';
  if (/no such file|could not find the file|not found/i.test(text)) return 'notFound';
  if (/not a directory/i.test(text)) return 'notADirectory';
  if (/is a directory/i.test(text)) return 'isADirectory';
  if (/file exists/i.test(text)) return 'exists';
  return fallback;
}
