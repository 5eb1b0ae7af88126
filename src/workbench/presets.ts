/**
 * Commands that ask for input also take it as an object argument (from keybindings, other
 * extensions or tests), e.g. `executeCommand('berth.container.rename', node, undefined, { newName: 'web' })`.
 * The preset still goes through the same validation as typed input.
 */
export function presetArg<T extends object>(args: unknown[], key: keyof T & string): Partial<T> | undefined {
  for (const arg of args) {
    if (typeof arg === 'object' && arg !== null && !Array.isArray(arg) && key in arg && Object.getPrototypeOf(arg) === Object.prototype) {
      return arg as Partial<T>;
    }
  }
  return undefined;
}
