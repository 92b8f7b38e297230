import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageFacts } from '../../src/check/facts.js';
import { cellsApart } from '../../src/check/pdf-tables.js';
import { inOrderShare, missingWords, runTogether, sameTitle, words } from '../../src/check/words.js';
import { tempDir } from '../helpers/fixtures.js';

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
    expect(sameTitle('IS-Khorasan: A Solemn Threat', 'is khorasan — a solemn “threat”')).toBe(true);
    expect(sameTitle('Notes', undefined)).toBe(false);
  });
});

describe('words as a print edition lays them out', () => {
  it('takes a link address’s words as the article’s, not as words run together', () => {
    const article = words('Taylor Swift wrote in a Tumblr post');
    const printed = words('Taylor Swift wrote in a Tumblr post (taylorswift.tumblr.com/post/1)');
    expect(runTogether(printed, article)).toEqual([{ joined: 'taylorswift', pair: 'taylor swift' }]);
    expect(runTogether(printed, article, words('https://taylorswift.tumblr.com/post/1'))).toEqual([]);
    // A real join still counts, address or not.
    expect(runTogether(words('Taylor Swiftwrote'), article, words('https://taylorswift.tumblr.com/'))).toEqual([{ joined: 'swiftwrote', pair: 'swift wrote' }]);
  });

  it('compares tables cell by cell: a table turned for the page keeps its cells, a lost or garbled cell counts', () => {
    // | Pos | Driver | Points |, two rows; turned: one row a column, in parts that repeat the names.
    const rows = [['pos'], ['driver'], ['points'], ['1'], ['kyle', 'busch'], ['5040'], ['2'], ['martin', 'truex', 'jr'], ['5035']];
    const turned = [['pos'], ['1'], ['2'], ['driver'], ['kyle', 'busch'], ['martin', 'truex', 'jr'], ['points'], ['pos'], ['5040'], ['5035']];
    const before = ['the', 'standings'];
    const article = cellsApart(before, rows);
    expect(inOrderShare(article, cellsApart(before, turned))).toBe(1);
    expect(inOrderShare(article, cellsApart(before, turned.filter((cell) => cell[0] !== 'kyle')))).toBeCloseTo(12 / 14, 5);
    expect(inOrderShare(article, cellsApart(before, turned.map((cell) => (cell[0] === 'martin' ? ['martintruex', 'jr'] : cell))))).toBeCloseTo(12 / 14, 5);
    // The words outside the tables are still compared in order.
    expect(inOrderShare(article, cellsApart(['standings', 'the'], turned))).toBeCloseTo(13 / 14, 5);
  });

  it('reads a page as laid out: inline elements run on, cells apart, link addresses and presentation forms', async () => {
    const dir = tempDir('broadside-facts-');
    const page = path.join(dir, 'index.html');
    await writeFile(page, `<!doctype html><html lang="en"><title>T</title><body><article><h1>Ids</h1>
      <p>Use <code>id</code>s, <a href="https://example.org/big-machine">expand</a><a href="https://example.org/big-machine">ed</a>.</p>
      <table><tr><th>Name</th><td>Kyle <b>Busch</b></td></tr></table><p>\uFEE3\uFEE6</p></article></body></html>`);
    const facts = (await pageFacts(page))!;
    expect(facts.words).toEqual(['ids', 'use', 'ids', 'expanded', 'name', 'kyle', 'busch', 'من']);
    expect(facts.cells).toEqual([['name'], ['kyle', 'busch']]);
    expect(facts.outsideCells).toEqual(['ids', 'use', 'ids', 'expanded', 'من']);
    expect(facts.addresses).toEqual(expect.arrayContaining(['example', 'big', 'machine']));
    await rm(dir, { recursive: true, force: true });
  });
});
