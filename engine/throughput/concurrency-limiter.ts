/** Who waits first when a policy is full: runs started by events go before bulk sends. */
export type ThroughputPriority = 'event' | 'bulk';

/**
 * A counting semaphore with two first-in-first-out queues. Requests over the limit wait in
 * order and are never dropped; changing the limit applies at once to waiting and new requests
 * (requests already running finish).
 */
export class ConcurrencyLimiter {
  private limit: number;
  private active = 0;
  private readonly waiting: Record<ThroughputPriority, (() => void)[]> = { event: [], bulk: [] };

  constructor(limit: number) {
    this.limit = limit;
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.event.length + this.waiting.bulk.length;
  }

  setLimit(limit: number): void {
    this.limit = limit;
    this.drain();
  }

  /** Resolves with a release function once a slot is free; call it exactly when the request ends. */
  acquire(priority: ThroughputPriority = 'event'): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting[priority].push(() => resolve(this.releaser()));
      this.drain();
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.drain();
    };
  }

  private drain(): void {
    while (this.active < this.limit) {
      const next = this.waiting.event.shift() ?? this.waiting.bulk.shift();
      if (!next) return;
      this.active += 1;
      next();
    }
  }
}
