/**
 * Retries an assertion until it passes or `timeoutMs` runs out. For state that another process
 * reaches asynchronously (a worker finishing a workflow task after a timer fired); never a fixed sleep.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 200);
    }
  }
}
