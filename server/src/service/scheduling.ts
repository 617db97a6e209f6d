/**
 * Long CPU work (parsing a thousand certificates, resolving every field of a 20 MB config) runs
 * on the server's only thread. It yields to the event loop every few milliseconds so completion
 * and hover requests are answered in between. This measures elapsed work, not the date: the
 * injected clock (ServiceEnvironment.now) is for what the user sees.
 */
const SLICE_MS = 8;

export class TimeSlice {
  private started = performance.now();

  /** Resolves at once while the slice lasts; after it, lets pending I/O and requests run first. */
  async yieldIfSpent(): Promise<void> {
    if (performance.now() - this.started <= SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
