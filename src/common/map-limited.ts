/**
 * The one worker pool: runs `task` over `items` with at most `limit` in flight,
 * keeping results in order. After a failure the other lanes take no new work
 * (so no engine, encoder or article starts once the job has failed), and the
 * call settles only when every lane has stopped, then rejects with the first
 * failure: nothing is left running behind the caller's back.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, signal: AbortSignal, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (next < items.length && !failed) {
      signal.throwIfAborted();
      const index = next++;
      try {
        results[index] = await task(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane));
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}
