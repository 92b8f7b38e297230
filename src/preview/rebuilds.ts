/**
 * One rebuild at a time: a change during a rebuild queues exactly one more,
 * however many changes arrive meanwhile, and it names the last of them.
 */
export class RebuildQueue {
  private running: Promise<void>;
  private queued: string | undefined;
  private pending = false;

  constructor(private readonly rebuild: (changed?: string) => Promise<void>) {
    this.running = rebuild();
  }

  schedule = (changed: string): void => {
    this.queued = changed;
    if (this.pending) return;
    this.pending = true;
    this.running = this.running.then(() => {
      this.pending = false;
      return this.rebuild(this.queued);
    });
  };

  /** Resolves once the rebuild in progress, and any it queued, have finished. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.running;
      await seen;
    } while (seen !== this.running);
  }

  /** Waits for the work under way, whatever its outcome. */
  drain(): Promise<void> {
    return this.running.catch(() => undefined);
  }
}
