import { readFileSync } from 'node:fs';
import type { Code, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readTxt } from '../../src/ingest/readers/txt.js';
import { isCodeBlock } from '../../src/ingest/txt/code.js';
import { parseDateLine } from '../../src/ingest/txt/dates.js';
import { parseByline } from '../../src/ingest/txt/people.js';

function read(text: string) {
  return readTxt(text, new VFile({ path: 'page.txt', value: text }));
}
const paragraphs = (tree: Root) => tree.children.filter((n) => n.type === 'paragraph').map((n) => toString(n));
const page = (...blocks: string[]) => blocks.join('\n\n');

// A news page as a browser copies it: menu, title, byline with date, body, related headlines, footer.
const MENU = 'Skip to main content\nNews\nWorld\nPolitics\nBusiness\nTech\nScience\nSport\nCulture';
const RELATED = 'Related\nCouncil approves new budget after long debate\nFloods close main road for third day\nLocal team wins the regional final\nSchools reopen after the storm';
const FOOTER = 'About us\nContact\nPrivacy policy\nTerms of use\n© 2019 Example News. All rights reserved.';
const P1 = 'The city council voted on Tuesday night to build a new tram line through the old town, ending a debate that has run for more than ten years and divided neighbours on almost every street.';
const P2 = 'Supporters say the line will cut traffic and bring shoppers back to the centre, while opponents fear that years of building work will drive away the small shops that give the old town its character.';
const P3 = 'The first trams are expected to run in 2024, and the council has promised to publish a detailed timetable for the works, street by street, before the end of the year.';

describe('the boilerplate classifier on a news page', () => {
  const result = read(page(MENU, 'Published 21 November 2019 · Tagged with transport, council', 'City votes for a tram through the old town', 'By Jane Doe', P1, 'Advertisement', P2, P3, 'Share this article\nFacebook\nTwitter\nEmail', RELATED, FOOTER));

  it('keeps the body, drops menus, share lines, related headlines and the footer', () => {
    expect(paragraphs(result.tree)).toEqual([P1, P2, P3]);
    const all = toString(result.tree);
    for (const chrome of ['Politics', 'Advertisement', 'Facebook', 'Council approves', 'Privacy', '©']) expect(all).not.toContain(chrome);
  });

  it('takes the title, author and date; a "Published … · Tagged with …" line is never the title', () => {
    expect(result.meta).toEqual({ title: 'City votes for a tram through the old town', authors: ['Jane Doe'], date: '2019-11-21' });
  });
});

describe('dates in each form', () => {
  it.each([
    ['Published 21 November 2019', undefined, '2019-11-21'],
    ['Nov 19, 2019, 7:53pm EST', undefined, '2019-11-19'],
    ['19/11/2019', 'en', '2019-11-19'],
    ['19/11/2019', 'fr', '2019-11-19'],
    ['05/11/2019', 'en', '2019-05-11'],
    ['05/11/2019', 'fr', '2019-11-05'],
    ['Publié le 21 novembre 2019 à 10h30', 'fr', '2019-11-21'],
    ['Publicado el 21 de noviembre de 2019', 'es', '2019-11-21'],
    ['Veröffentlicht am 21. November 2019', 'de', '2019-11-21'],
    ['٢١ نوفمبر ٢٠١٩', 'ar', '2019-11-21'],
    ['Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)', 'en', '2019-11-18'],
  ])('%s (%s) → %s', (line, lang, iso) => {
    expect(parseDateLine(line, lang)?.iso).toBe(iso);
  });
});

describe('bylines in five languages', () => {
  it.each([
    ['By Chaim Gartenberg@cgartenberg Nov 19, 2019, 7:53pm EST', ['Chaim Gartenberg'], '2019-11-19'],
    ['Par Jean Dupont, publié le 21 novembre 2019', ['Jean Dupont'], '2019-11-21'],
    ['Por Ana García y Luis Pérez', ['Ana García', 'Luis Pérez'], undefined],
    ['Von Max Mustermann', ['Max Mustermann'], undefined],
    ['بقلم أحمد علي', ['أحمد علي'], undefined],
  ])('%s', (line, authors, date) => {
    expect(parseByline(line)).toEqual({ authors, date });
  });

  it('refuses sentences that merely start like a byline', () => {
    for (const line of ['Von Berlin aus gesehen', 'Por la mañana', 'Par ailleurs, le maire a répondu.', 'By the end of the war']) expect(parseByline(line)).toBeUndefined();
  });
});

describe('a French article', () => {
  const F1 = "Le conseil municipal a voté mardi soir la construction d'une nouvelle ligne de tramway à travers la vieille ville, mettant fin à un débat qui dure depuis plus de dix ans et qui a divisé les habitants.";
  const F2 = "Les partisans du projet estiment que la ligne réduira la circulation et fera revenir les clients dans le centre, tandis que les opposants craignent que les travaux ne fassent fuir les petits commerces.";
  it('finds the title, the "Par" byline, the French date and the body', () => {
    const result = read(page('Accueil\nInternational\nPolitique\nÉconomie\nCulture', 'Un tramway pour la vieille ville', 'Par Jean Dupont', 'Publié le 21 novembre 2019 à 10h30', F1, F2, 'Partager sur Facebook', 'Lire aussi\nLe budget adopté après un long débat\nLes routes fermées pour le troisième jour\nL’équipe locale gagne la finale'));
    expect(result.meta).toEqual({ title: 'Un tramway pour la vieille ville', authors: ['Jean Dupont'], date: '2019-11-21' });
    expect(paragraphs(result.tree)).toEqual([F1, F2]);
  });
});

describe('an Arabic article', () => {
  const A1 = 'وافق المجلس البلدي مساء الثلاثاء على بناء خط جديد للترام يمر عبر المدينة القديمة، منهيا بذلك نقاشا استمر أكثر من عشر سنوات وقسم السكان في كل شارع تقريبا.';
  const A2 = 'ويقول المؤيدون إن الخط سيخفف من حركة المرور ويعيد المتسوقين إلى وسط المدينة، في حين يخشى المعارضون أن تؤدي سنوات من أعمال البناء إلى إغلاق المحلات الصغيرة.';
  it('finds the title, the بقلم byline and the body, and drops the menu', () => {
    const result = read(page('الرئيسية\nأخبار\nسياسة\nاقتصاد\nرياضة', 'ترام جديد للمدينة القديمة', 'بقلم أحمد علي', A1, A2, '© 2019 جميع الحقوق محفوظة'));
    expect(result.meta.title).toBe('ترام جديد للمدينة القديمة');
    expect(result.meta.authors).toEqual(['أحمد علي']);
    expect(paragraphs(result.tree)).toEqual([A1, A2]);
  });
});

describe('code in a documentation page', () => {
  const C = 'int add(int a, int b) {\n    return a + b;\n}';
  const SHELL = '$ npm install broadside';
  it('keeps code blocks as code, with their lines, between the prose', () => {
    const result = read(page('Docs\nGuide\nAPI\nBlog', 'Adding two numbers in C', 'The function below takes two integers and returns their sum, which is the simplest example of a function in the C language that a beginner can write.', C, 'Install the tool first, from the command line, with the package manager that comes with Node and that most projects already use every day.', SHELL, 'Then run it on an article and look at what it wrote into the output folder, one page for each edition that you asked it for.'));
    const code = result.tree.children.filter((n): n is Code => n.type === 'code').map((n) => n.value);
    expect(code).toEqual([C, SHELL]);
  });

  it('tells code from prose', () => {
    expect(isCodeBlock(['(module', '  (func $add (param i32 i32) (result i32)', '    local.get 0', '    local.get 1', '    i32.add))'])).toBe(true);
    expect(isCodeBlock(['const x = compute(a, b);', 'console.log(x);'])).toBe(true);
    expect(isCodeBlock(['The council met on Tuesday; the vote (seven to five) was close.'])).toBe(false);
    expect(isCodeBlock(['Home', 'News', 'Sport'])).toBe(false);
  });
});

describe('a forum post and a press release', () => {
  it('a forum thread keeps the first post and drops the reply form and the other threads', () => {
    const post = 'I have been trying to get my old laptop to boot from a USB stick for two days now, and every time it reaches the boot menu the screen goes black and nothing happens at all.';
    const more = 'I have tried three different sticks and two different images, so I do not think the problem is the stick. Has anyone seen this before, and is there a setting in the firmware I am missing?';
    const result = read(page('Forums\nLatest\nTop\nCategories', 'Laptop will not boot from USB', 'Posted by Sam Rivers on 3 May 2024', post, more, 'Reply\nQuote\nReport', 'Leave a reply', 'You must be logged in to post a reply.', 'Similar threads\nScreen flickers after update\nFan noise on startup\nBattery not charging'));
    expect(result.meta).toEqual({ title: 'Laptop will not boot from USB', authors: ['Sam Rivers'], date: '2024-05-03' });
    expect(paragraphs(result.tree)).toEqual([post, more]);
  });

  it('a press release keeps its paragraphs and drops the media contact block', () => {
    const p1 = 'Example Corp today announced a partnership with the city of Lyon to bring electric buses to three new routes, starting in the spring of next year and covering most of the eastern districts.';
    const p2 = 'The buses will be built in the company’s plant near Grenoble, and the partnership is expected to create around two hundred jobs in the region over the next three years.';
    const result = read(page('Newsroom\nProducts\nInvestors\nCareers', 'Example Corp and Lyon partner on electric buses', 'Published 21 November 2019', p1, p2, 'Media contact\nJane Doe\npress@example.com\n+33 1 23 45 67 89', FOOTER));
    expect(result.meta.date).toBe('2019-11-21');
    expect(paragraphs(result.tree)).toEqual([p1, p2]);
  });
});

describe('a Project Gutenberg book (test/fixtures/txt/gutenberg-book.txt)', () => {
  const result = read(readFileSync('test/fixtures/txt/gutenberg-book.txt', 'utf8'));
  it('takes the real title and author, not "The Project Gutenberg EBook of …"', () => {
    expect(result.meta.title).toBe("Alice's Adventures in Wonderland");
    expect(result.meta.authors).toEqual(['Lewis Carroll']);
  });
  it('drops the licence header and footer and keeps the chapter', () => {
    const all = toString(result.tree);
    expect(all).not.toMatch(/Project Gutenberg|gutenberg\.org|copyright|LICENSE/i);
    expect(all).toContain('CHAPTER I. Down the Rabbit-Hole');
    expect(paragraphs(result.tree)).toHaveLength(3);
    expect(paragraphs(result.tree)[0]).toMatch(/^Alice was beginning to get very tired/);
  });
});

describe('a real French article as copied from the page (test/fixtures/txt/lemonde-loi-renseignement.txt)', () => {
  // The article text is Le Monde's (mozilla/readability test page lemonde-1), with the page's chrome around it.
  const file = 'test/fixtures/txt/lemonde-loi-renseignement.txt';
  const result = read(readFileSync(file, 'utf8'));

  it('reads title, the authors of a "Par X (avec Y et Z)" row and its publication (not update) date', () => {
    expect(result.meta).toEqual({
      title: "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée",
      authors: ['Martin Untersinger', 'Damien Leloup', 'Morgane Tual'],
      date: '2015-05-04',
    });
  });

  it('keeps the paragraphs and subheadings, drops cookies, menus, share bar, "Lire aussi", most-read list and footer', () => {
    const headings = result.tree.children.filter((n) => n.type === 'heading').map((n) => toString(n));
    expect(headings.slice(1)).toEqual(['Définition des objectifs des services', 'La Commission de contrôle', 'Un nouveau fichier']);
    const kept = paragraphs(result.tree);
    expect(kept).toHaveLength(9);
    expect(kept[0]).toMatch(/^Les députés ont, sans surprise/);
    expect(kept[8]).toMatch(/ces informations seront effacées\.$/);
    const all = toString(result.tree);
    for (const chrome of ['cookies', 'Politique', 'Partager', 'Lire aussi', 'Les plus lus', 'Bourse', 'Mentions légales', '©']) expect(all).not.toContain(chrome);
  });

  it('is read as French through the whole pipeline', async () => {
    const { readArticle } = await import('../../src/ingest/index.js');
    const doc = await readArticle(file);
    expect(doc.meta.lang).toBe('fr');
    expect(doc.meta.date).toBe('2015-05-04');
  });
});

describe('code through the pipeline (test/fixtures/txt/docs-code.txt)', () => {
  it('the tree holds a code node and the narration mentions it instead of reading it', async () => {
    const { readArticle } = await import('../../src/ingest/index.js');
    const { narrationScript } = await import('../../src/formats/audio/script.js');
    const doc = await readArticle('test/fixtures/txt/docs-code.txt');
    expect(doc.tree.children.filter((n) => n.type === 'code').map((n) => (n as Code).value)).toEqual(['int add(int a, int b) {\n    return a + b;\n}']);
    const said = narrationScript(doc).map((u) => u.say);
    expect(said).toContain('A code example, 3 lines, is not read aloud; see the page.');
    expect(said.join(' ')).not.toContain('return a + b');
  });
});
