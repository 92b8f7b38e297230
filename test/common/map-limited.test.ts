import { describe, expect, it } from 'vitest';
import { mapLimited } from '../../src/common/map-limited.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the one worker pool', () => {
  it('keeps results in order with at most `limit` tasks in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimited([30, 5, 20, 1, 10], 2, new AbortController().signal, async (ms, index) => {
      most = Math.max(most, ++inFlight);
      await tick(ms);
      inFlight--;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it('starts no task after a failure and settles only when the running ones have stopped', async () => {
    const started: number[] = [];
    let slowFinished = false;
    const run = mapLimited([0, 1, 2, 3], 2, new AbortController().signal, async (_, index) => {
      started.push(index);
      if (index === 0) throw new Error('article 0 broke');
      await tick(40);
      slowFinished = true;
      return index;
    });
    await expect(run).rejects.toThrow('article 0 broke');
    expect(started).toEqual([0, 1]);
    expect(slowFinished).toBe(true);
  });

  it('takes no work once the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(mapLimited([1], 1, controller.signal, async (x) => x)).rejects.toThrow('stopped');
  });
});
