import { defineConfig } from 'vitest/config';
import HeavyFirst from './test/heavy-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests drive real Chromium and real TTS engines on a 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    // Fails the run if a browser or speech engine outlives the suite (see the file).
    globalSetup: ['test/hostile/global-setup.ts'],
    // The longest files start first, so that none runs alone at the end (see the file).
    sequence: { sequencer: HeavyFirst },
  },
});
