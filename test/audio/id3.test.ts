import NodeID3 from 'node-id3';
import { describe, expect, it } from 'vitest';
import { mp3Buffer, tagMp3 } from '../../src/formats/audio/id3.js';

const tags: NodeID3.Tags = {
  title: 'A title',
  chapter: [{ elementID: 'chp0', startTimeMs: 0, endTimeMs: 1000, tags: { title: 'One' } }],
  tableOfContents: [{ elementID: 'toc', isOrdered: true, elements: ['chp0'], tags: { title: 'A title' } }],
};

describe('ID3 tags', () => {
  it('are written into the room in front of an MP3 made with it, the same bytes as node-id3 writes', () => {
    const frames = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 251));
    const mp3 = mp3Buffer(frames.length);
    mp3.set(frames);
    const tagged = tagMp3(mp3, tags);
    expect(tagged.buffer).toBe(mp3.buffer);
    expect(Buffer.compare(tagged, NodeID3.write(tags, Buffer.from(frames)) as Buffer)).toBe(0);
    expect(NodeID3.read(tagged).title).toBe('A title');
  });

  it('use the room once: tagging the same MP3 again copies it and leaves the first result intact', () => {
    const mp3 = mp3Buffer(100).fill(7);
    const first = tagMp3(mp3, tags);
    const again = tagMp3(mp3, { ...tags, title: 'Another, longer title' });
    expect(again.buffer).not.toBe(mp3.buffer);
    expect(NodeID3.read(again).title).toBe('Another, longer title');
    expect(NodeID3.read(first).title).toBe('A title');
  });
});
