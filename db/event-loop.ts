/**
 * Lets the event loop turn once. libSQL frees a statement's native memory in a finalizer that runs
 * only between macrotasks: a loop from one awaited query to the next grew by each statement's size
 * (1 GB for 20,000). setTimeout(0) where there is no setImmediate (Workers do not clamp it).
 */
export function yieldToEventLoop(): Promise<void> {
  const { setImmediate } = globalThis as { setImmediate?: (callback: () => void) => unknown };
  return new Promise((resolve) => (setImmediate ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
