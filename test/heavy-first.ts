import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/*
 * On a fresh clone vitest has no durations on record and starts the largest
 * files first, so the corpus test (a short file that builds and checks 26
 * articles) would start last and run alone at the end. The files that take
 * longest, as measured in CI, start first; the rest follow vitest's order.
 */
const HEAVY = [
  'test/check/corpus.test.ts',
  'test/epub/epub.test.ts',
  'test/audio/real-articles.test.ts',
  'test/queue/queue.test.ts',
  'test/check/check.test.ts',
  'test/check/peers.test.ts',
  'test/audio/seed.test.ts',
  'test/ingest/extraction-corpus.test.ts',
  'test/ingest/extraction-corpus-txt.test.ts',
  'test/hostile/faults.test.ts',
];

export default class HeavyFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = HEAVY.indexOf(path.relative(this.ctx.config.root, file.moduleId).split(path.sep).join('/'));
      return index < 0 ? HEAVY.length : index;
    };
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
