/** Polls `condition` until it holds; fails with "timed out waiting for <what>". */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000, stepMs = 100): Promise<void> {
  await until(what, async () => ((await condition()) ? true : undefined), timeoutMs, stepMs);
}

/** Polls `probe` until it gives a value, and returns it; fails with "timed out waiting for <what>". */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
