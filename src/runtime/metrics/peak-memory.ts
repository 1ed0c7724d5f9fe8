// Peak resident memory of the process while a piece of work runs, sampled. Node cannot tell
// what one invocation allocated (DuckDB's memory is native), but the process peak during it
// is what a memory limit (a Lambda's, a container's) sees.

export class PeakMemory {
  private peak = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  private constructor(everyMs: number) {
    this.timer = setInterval(() => this.sample(), everyMs);
    // Sampling must never keep the process alive.
    this.timer.unref();
  }

  /** Starts sampling every `everyMs` (default 100 ms). */
  static start(everyMs = 100): PeakMemory {
    return new PeakMemory(everyMs);
  }

  /** Stops sampling; the highest RSS seen, in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}
