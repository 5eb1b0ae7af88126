/**
 * Bounds that keep the compose loader's time and memory in proportion to the input, whatever the
 * input: compose files are checked as soon as they are opened, also in untrusted workspaces.
 */
export const COMPOSE_LIMITS = {
  /** Larger files get one diagnostic instead of a parse (characters, ~10 MB). */
  maxFileChars: 10 * 1024 * 1024,
  /** Nesting of mappings and lists, aliases followed; real compose files stay under ~10. */
  maxDepth: 64,
  /** Values that aliases and merge keys may add on top of the file's own (or as many as it has). */
  aliasBudget: 100_000,
  /** Problems reported per file; the rest are summarised in one diagnostic. */
  maxDiagnosticsPerFile: 500,
  /** Unknown keys that get a "did you mean" suggestion per file; each costs an edit-distance search. */
  maxSuggestions: 50,
  /** Files reached through `extends` and `include`, counting repeats. */
  maxLinkedFiles: 256,
} as const;
