// Small DOM helpers for the webview pages. Text goes in through textContent only.

export interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export function getVsCodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi<State>();
}

/** An element with a class and, optionally, text (as text, never markup) or children. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string, children: Node[] = []): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  if (children.length > 0) el.append(...children);
  return el;
}

/** VS Code swaps the body's theme class (vscode-light, vscode-dark, vscode-high-contrast…) and its variables. */
export function watchTheme(onChange: () => void): void {
  let last = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === last) return;
    last = document.body.className;
    onChange();
  }).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
}

/** Counts CSP violations on the body, so a test can assert the page runs without any. */
export function watchCspViolations(): void {
  document.body.dataset.cspViolations = '0';
  document.addEventListener('securitypolicyviolation', (event) => {
    document.body.dataset.cspViolations = String(Number(document.body.dataset.cspViolations ?? '0') + 1);
    document.body.dataset.cspLast = `${event.violatedDirective} ${event.blockedURI}`;
  });
}
