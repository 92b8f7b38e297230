import { describe, expect, it } from 'vitest';
import { inOrderShare, missingWords, runTogether, sameText, words } from '../../src/check/words.js';

describe('word comparison', () => {
  const article = words('Usually, when the war ends the very first effect is anarchy.');

  it('finds words joined where a line ended without a space, with the pair they stand for', () => {
    const tagged = words('Usually, when the warends the very first effect isanarchy.');
    expect(runTogether(tagged, article)).toEqual([{ joined: 'warends', pair: 'war ends' }, { joined: 'isanarchy', pair: 'is anarchy' }]);
    expect(inOrderShare(article, tagged)).toBeCloseTo(7 / 11, 5);
    expect(missingWords(article, tagged)).toEqual(['war', 'ends', 'is', 'anarchy']);
  });

  it('counts words out of order as missing, and Arabic presentation forms as other letters', () => {
    expect(inOrderShare(words('a b c d'), words('d c b a'))).toBe(0.25);
    expect(inOrderShare(words('المصدر'), words('\uFEE3\uFEDF\uFEAA\uFEBC\uFEE4\uFEDF\uFE8D'))).toBe(0);
    expect(inOrderShare(words('المصدر'), words('المصدر'))).toBe(1);
  });

  it('compares titles as read: case, quotes and dashes aside', () => {
    expect(sameText('IS-Khorasan: A Solemn Threat', 'is khorasan — a solemn “threat”')).toBe(true);
    expect(sameText('Notes', undefined)).toBe(false);
  });
});
