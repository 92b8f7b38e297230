import type { Heading, List, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readTxt } from '../../src/ingest/readers/txt.js';
import { parseDateLine } from '../../src/ingest/txt/dates.js';
import { parseBio, parseByline } from '../../src/ingest/txt/people.js';
import { splitUnits, wrapWidth } from '../../src/ingest/txt/units.js';

const LONG = 'The council met on Tuesday evening to discuss the plan, and most of the people who came had a great deal to say about it.';
const LONG2 = 'Nobody expected the meeting to run past midnight, but the questions kept coming and the chair let every one of them be asked.';

function read(text: string) {
  const file = new VFile({ path: 'inline.txt', value: text });
  return { ...readTxt(text, file), file };
}
const body = (tree: Root) => tree.children.slice(1).map((n) => [n.type === 'heading' ? `h${(n as Heading).depth}` : n.type, toString(n)]);
const page = (...blocks: string[]) => blocks.join('\n\n');

describe('dates', () => {
  it.each([
    ['Friday, December 8, 2023', '2023-12-08'],
    ['December 8th, 2023', '2023-12-08'],
    ['8 December 2023', '2023-12-08'],
    ['the 8th of December, 2023', '2023-12-08'],
    ['Dec. 8, 2023', '2023-12-08'],
    ['Sept 3 2024', '2024-09-03'],
    ['2023-12-08', '2023-12-08'],
    ['2023-12-08T09:30:00+05:00', '2023-12-08'],
    ['2023/12/08', '2023-12-08'],
    ['Published: 3 March 2024', '2024-03-03'],
    ['Posted on March 3, 2024 at 10:30 am', '2024-03-03'],
    ['Mon, 4 Mar 2024 09:15 PKT', '2024-03-04'],
    ['08.12.2023', '2023-12-08'],
    ['08/12/2023', '2023-12-08'],
    ['12/31/2023', '2023-12-31'],
  ])('%s → %s', (line, iso) => {
    expect(parseDateLine(line)?.iso).toBe(iso);
  });

  it.each(['February 30, 2024', 'December 2023', 'Home', 'Chapter 12', '31/31/2023', 'On 8 December 2023 the council met.'])('%s is not a date line', (line) => {
    expect(parseDateLine(line)).toBeUndefined();
  });

  it('marks "Updated" dates as weaker, so the publication date wins', () => {
    expect(parseDateLine('Updated: 9 December 2023')).toEqual({ iso: '2023-12-09', updated: true });
    const { meta } = read(page('A Long Enough Title Here', 'Updated: 9 December 2023', 'Published: 8 December 2023', LONG));
    expect(meta.date).toBe('2023-12-08');
  });
});

describe('bylines and bios', () => {
  it.each([
    ['By Jane Doe', ['Jane Doe']],
    ['by Jane Doe and John Smith', ['Jane Doe', 'John Smith']],
    ['Author: Jane Doe', ['Jane Doe']],
    ['Authors: Ann Lee, Bo Chen & Cy Young', ['Ann Lee', 'Bo Chen', 'Cy Young']],
    ['Written by Asma Hussain and Ismail Ahmad', ['Asma Hussain', 'Ismail Ahmad']],
    ['By JANE DOE', ['Jane Doe']],
    ['By Jane Doe, Senior Correspondent', ['Jane Doe']],
    ['By Ahmad bin Ali for The Herald', ['Ahmad bin Ali']],
  ])('%s', (line, authors) => {
    expect(parseByline(line)?.authors).toEqual(authors);
  });

  it('reads a date on the byline line', () => {
    expect(parseByline('Posted by Jane Doe on 3 May 2024')).toEqual({ authors: ['Jane Doe'], date: '2024-05-03' });
    expect(parseByline('By Jane Doe | March 3, 2024')).toEqual({ authors: ['Jane Doe'], date: '2024-03-03' });
  });

  it.each(['By Monday, the council had voted.', 'By the end of the war', 'By Jane'])('%s is not a byline', (line) => {
    expect(parseByline(line)).toBeUndefined();
  });

  it('reads bios with names, trims a dangling contact stub, and refuses ordinary sentences', () => {
    expect(parseBio('The Author Jane Doe is a reporter at the Herald, and can be reached at,')).toEqual({ authors: ['Jane Doe'], text: 'Jane Doe is a reporter at the Herald.', weak: false });
    expect(parseBio('The writer is a PhD scholar at Quaid-i-Azam University.')).toMatchObject({ authors: [], weak: true });
    expect(parseBio('The author is wrong about the dates.')).toBeUndefined();
    expect(parseBio('Authorities are investigating the attack.')).toBeUndefined();
  });

  it('a nameless bio counts only where it closes the article', () => {
    const closing = read(page('A Long Enough Title Here', LONG, 'The writer is a PhD scholar at Quaid-i-Azam University.'));
    expect(closing.about?.map((n) => toString(n))).toEqual(['The writer is a PhD scholar at Quaid-i-Azam University.']);
    const middle = read(page('A Long Enough Title Here', LONG, 'The writer is a former diplomat who has seen this before.', LONG2));
    expect(middle.about).toBeUndefined();
    expect(body(middle.tree)).toHaveLength(3);
  });

  it('takes the authors from the bio when there is no byline', () => {
    const { meta, about } = read(page('A Long Enough Title Here', LONG, 'The Authors Ann Lee and Bo Chen are researchers at the Institute.'));
    expect(meta.authors).toEqual(['Ann Lee', 'Bo Chen']);
    expect(about).toHaveLength(1);
  });

  it('an "About the author" heading makes the paragraphs under it the bio', () => {
    const { meta, about, tree } = read(page('A Long Enough Title Here', LONG, 'About the author', 'Ann Lee is a researcher at the Institute.', 'Related Posts', 'Another story'));
    expect(meta.authors).toEqual(['Ann Lee']);
    expect(about?.map((n) => toString(n))).toEqual(['Ann Lee is a researcher at the Institute.']);
    expect(toString(tree)).not.toMatch(/About the author|Related|Another story/);
  });
});

describe('headings written in plain text', () => {
  it('ALL-CAPS lines become headings', () => {
    const { tree } = read(page('My Article Title Is Here', LONG, 'WHAT HAPPENED NEXT', LONG2));
    expect(body(tree)).toEqual([['paragraph', LONG], ['h2', 'WHAT HAPPENED NEXT'], ['paragraph', LONG2]]);
  });

  it('underlined lines become headings, === above ---', () => {
    const { tree, meta } = read(page('The Title Underlined\n====================', LONG, 'Part One\n========', LONG, 'A detail\n--------', LONG2));
    expect(meta.title).toBe('The Title Underlined');
    expect(body(tree)).toEqual([['paragraph', LONG], ['h2', 'Part One'], ['paragraph', LONG], ['h3', 'A detail'], ['paragraph', LONG2]]);
  });

  it('short lines without final punctuation between paragraphs become headings; punctuated ones stay text', () => {
    const { tree } = read(page('My Article Title Is Here', LONG, 'The Road to the Vote', LONG2, 'It was over.', LONG));
    expect(body(tree)).toEqual([['paragraph', LONG], ['h2', 'The Road to the Vote'], ['paragraph', LONG2], ['paragraph', 'It was over.'], ['paragraph', LONG]]);
  });

  it('keeps a short closing line right after the text, but not short lines after a bio or a heading', () => {
    expect(body(read(page('A Long Enough Title Here', LONG, 'Thanks for reading.')).tree).map(([, t]) => t)).toEqual([LONG, 'Thanks for reading.']);
    const { tree } = read(page('A Long Enough Title Here', LONG, 'The Author Ann Lee is a reporter at the Herald.', 'Write to us!', 'Talk Back', 'Say hello.'));
    expect(body(tree).map(([, t]) => t)).toEqual([LONG]);
  });

  it('a heading-like line with nothing after it is chrome, not a heading', () => {
    const { tree } = read(page('My Article Title Is Here', LONG, 'Popular This Week'));
    expect(body(tree)).toEqual([['paragraph', LONG]]);
  });
});

describe('site chrome', () => {
  it('drops a navigation menu above the title, with the site name and breadcrumbs', () => {
    const { tree, meta } = read(page('Daily Planet\nHome\nWorld\nPolitics\nBusiness\nCulture', 'Home › World › Asia', 'Floods Return to the Valley', 'By Ann Lee', LONG));
    expect(meta.title).toBe('Floods Return to the Valley');
    expect(meta.authors).toEqual(['Ann Lee']);
    expect(body(tree)).toEqual([['paragraph', LONG]]);
  });

  it('drops a dense menu block even where a longer item breaks the run of short lines', () => {
    const { tree, meta } = read(page('Home\nNews\nInternational Affairs and Diplomacy Today\nSport\nCulture', 'Valley Floods', LONG));
    expect(meta.title).toBe('Valley Floods');
    expect(body(tree)).toEqual([['paragraph', LONG]]);
  });

  it('keeps a title that shares its block with a share bar', () => {
    const { meta } = read(page('Floods Return to the Valley Again\nShare on Facebook\nShare on X\nShare via Email', LONG));
    expect(meta.title).toBe('Floods Return to the Valley Again');
  });

  it('spares a short title right under a menu when a byline or the text follows it', () => {
    expect(read(page('Home\nWorld\nPolitics', 'Valley Floods', 'By Ann Lee', LONG)).meta.title).toBe('Valley Floods');
    expect(read(page('Home\nWorld\nPolitics', 'Valley Floods', LONG)).meta.title).toBe('Valley Floods');
  });

  it('drops one-line link rows and share bars', () => {
    const { tree } = read(page('A Long Enough Title Here', 'About | Contact | Privacy | Jobs', 'Facebook Twitter WhatsApp Email', LONG, 'https://example.com/story', 'Share this article', LONG2));
    expect(body(tree)).toEqual([['paragraph', LONG], ['paragraph', LONG2]]);
  });

  it('drops cookie notices, subscribe prompts and copyright or licence footers wherever they are', () => {
    const text = page(
      'We use cookies to give you the best experience on our website. Accept',
      'A Long Enough Title Here',
      LONG,
      'Subscribe to our weekly newsletter',
      LONG2,
      '© 2024 Example Media Ltd. All rights reserved.',
      'This work is licensed under a Creative Commons Attribution 4.0 International License.',
    );
    const { tree } = read(text);
    expect(body(tree)).toEqual([['paragraph', LONG], ['paragraph', LONG2]]);
  });

  it('keeps body sentences that merely mention cookies or copyright', () => {
    const cookieSentence = 'Grandmother baked oatmeal cookies every Sunday, and the whole street could smell them.';
    const copyrightSentence = 'Copyright law has not kept up with the way music is shared today, the report said.';
    const { tree } = read(page('A Long Enough Title Here', LONG, cookieSentence, copyrightSentence, LONG2));
    expect(body(tree).map(([, t]) => t)).toEqual([LONG, cookieSentence, copyrightSentence, LONG2]);
  });

  it('drops everything from a closing marker ("Related Articles", "Leave a Reply", …) on', () => {
    const { tree } = read(page('A Long Enough Title Here', LONG, 'Leave a Reply', 'Great article, thanks for writing it up so clearly and so well.', 'Related Articles', 'Another story entirely'));
    expect(body(tree)).toEqual([['paragraph', LONG]]);
  });

  it('never hard-codes the seed: the same words in the body are kept when they are not whole lines', () => {
    const sentence = 'Please enter your comment! the sign said, and the related articles pile grew.';
    const { tree } = read(page('A Long Enough Title Here', LONG, sentence, LONG2));
    expect(body(tree).map(([, t]) => t)).toContain(sentence);
  });
});

describe('pages from common publishing platforms', () => {
  it('a Medium-style copy: counters, follow buttons, an author box and "More from"', () => {
    const { tree, meta, about } = read(MEDIUM);
    expect(meta).toEqual({ title: 'Why I Stopped Using Spreadsheets for Everything', date: '2024-03-03', authors: ['Jane Doe'] });
    expect(body(tree).map(([kind]) => kind)).toEqual(['paragraph', 'paragraph']);
    expect(about?.map((n) => toString(n))).toEqual(['Editor of The Tidy Desk. Writing about tools, habits and the small systems that run a life.']);
    expect(toString(tree)).not.toMatch(/Follow|1\.2K|Listen|Share|Notebooks/);
  });

  it('a WordPress-style copy: tagline, "Posted on <date> by <name>", share and like bars, comments', () => {
    const { tree, meta, about } = read(WORDPRESS);
    expect(meta).toEqual({ title: 'The Winter Refit, Part One', date: '2024-01-12', authors: ['Sam Rivers'] });
    expect(body(tree).map(([kind]) => kind)).toEqual(['paragraph', 'paragraph']);
    expect(about).toBeUndefined();
    expect(toString(tree)).not.toMatch(/blog about boats|Like|Great write-up|Pat Kelly|Reply/);
  });
});

describe('scripts without capitals', () => {
  it('finds the title and headings of an Arabic page, and drops its menu and footer', () => {
    const para1 = 'وافق المجلس البلدي على الخطة بأغلبية سبعة أصوات مقابل خمسة، ووعد بمراجعة مناطق الصيد قبل بدء أي أعمال في الميناء.';
    const para2 = 'قال معظم الصيادين الذين تحدثنا إليهم إنهم ليسوا ضد طاقة الرياح في حد ذاتها، لكن قلقهم هو مسار الكابل.';
    const { tree, meta } = read(page('الرئيسية\nأخبار\nرياضة\nاتصل بنا', 'المجلس البلدي يوافق على خطة الرياح', para1, 'ردود الصيادين', para2, '© 2024 جريدة الساحل'));
    expect(meta.title).toBe('المجلس البلدي يوافق على خطة الرياح');
    expect(body(tree)).toEqual([['paragraph', para1], ['h2', 'ردود الصيادين'], ['paragraph', para2]]);
  });

  it('an Arabic line ending in an Arabic comma is not a heading', () => {
    const { tree } = read(page('A Long Enough Title Here', LONG, 'في هذا السياق،', LONG2));
    expect(body(tree)[1][0]).toBe('paragraph');
  });
});

describe('layout', () => {
  it('joins hard-wrapped paragraphs back into one', () => {
    const wrapped = [
      'The council met on Tuesday evening to discuss the plan, and most of',
      'the people who came had a great deal to say about it. Nobody expected',
      'the meeting to run past midnight, but the questions kept coming and',
      'the chair let every one of them be asked.',
    ].join('\n');
    const second = ['It was, everyone agreed afterwards, the longest meeting the town', 'had held in living memory.'].join('\n');
    expect(wrapWidth(`${wrapped}\n\n${second}`.split('\n'))).toBeGreaterThan(60);
    const { tree } = read(page('A Long Enough Title Here', wrapped, second));
    expect(body(tree)).toEqual([
      ['paragraph', wrapped.replace(/\n/g, ' ')],
      ['paragraph', second.replace(/\n/g, ' ')],
    ]);
  });

  it('keeps one-line paragraphs as they are (a browser copy)', () => {
    const units = splitUnits(`Title Line\n${LONG}\n${LONG2}`);
    expect(units.map((u) => u.text)).toEqual(['Title Line', LONG, LONG2]);
  });

  it('turns bulleted and numbered lines into lists, and a lone *** into a scene break', () => {
    const { tree } = read(page('A Long Enough Title Here', LONG, '- first point\n- second point', '1. step one\n2. step two', '* * *', LONG2));
    const lists = tree.children.filter((n): n is List => n.type === 'list');
    expect(lists.map((l) => [l.ordered, l.children.map((i) => toString(i))])).toEqual([
      [false, ['first point', 'second point']],
      [true, ['step one', 'step two']],
    ]);
    expect(tree.children.some((n) => n.type === 'thematicBreak')).toBe(true);
  });

  it('gives nodes source positions, so warnings point at lines', () => {
    const { tree } = read(page('A Long Enough Title Here', LONG));
    expect(tree.children[1].position?.start.line).toBe(3);
  });

  it('warns when nothing looks like article text', () => {
    const { file } = read(page('Home\nNews\nSport', '© 2024 Example'));
    expect(file.messages.map((m) => m.ruleId)).toContain('txt-empty');
  });
});

const MEDIUM = `Sign in\nGet started\n\nJane Doe\nFollow\n5 min read · Mar 3, 2024\n\nWhy I Stopped Using Spreadsheets for Everything\n\n1.2K\n\n12\n\nListen\n\nShare\n\nFor years every plan I made started in a spreadsheet, from holidays to the family budget to the garden. It took a long time to notice what that was doing to the way I thought about them.\n\nA spreadsheet wants rows and columns, and so everything I put into one turned into rows and columns, whether it was shaped like that or not.\n\nWritten by Jane Doe\n1.2K Followers\nEditor of The Tidy Desk. Writing about tools, habits and the small systems that run a life.\n\nMore from Jane Doe\nHow I Plan a Week in Ten Minutes\nNotebooks Are Underrated\n`;

const WORDPRESS = `Skip to content\nMenu\nHarbour Notes\nA blog about boats and the people who sail them\n\nThe Winter Refit, Part One\n\nPosted on 12 January 2024 by Sam Rivers\n\nThe boat came out of the water on a grey Tuesday, and the first thing we found was that the rudder bearing had worn far more than anyone expected.\n\nWe spent the rest of the week on the hull. It is slow work, and there is no shortcut to doing it properly.\n\nShare this:\nTwitter\nFacebook\n\nLike this:\nLike Loading...\n\nRelated\n\n3 thoughts on “The Winter Refit, Part One”\n\nPat Kelly says:\nJanuary 13, 2024 at 9:02 am\nGreat write-up, looking forward to part two. We had the same problem with our bearing last year.\n\nReply\n\nLeave a Reply Cancel reply\nYour email address will not be published. Required fields are marked *\n`;
