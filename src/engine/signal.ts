/** A minimal typed event: core code cannot use vscode.EventEmitter, and node's is untyped. */
export class Signal<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener; call the returned function to remove it. */
  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}
