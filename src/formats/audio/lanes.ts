/**
 * Runs `task` over `items` with at most `limit` in flight, keeping results in
 * order; stops at the first failure. After a failure the other lanes take no
 * new work, so no engine or encoder starts once the job has failed.
 */
export async function mapLimited<T, R>(items: T[], limit: number, signal: AbortSignal, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
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
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
