import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/ingest/readers/html.js';
import { readArticle } from '../../src/ingest/index.js';
import { FIXTURES, tempDir } from '../helpers/fixtures.js';

function read(text: string) {
  const file = new VFile({ path: 'page.html', value: text });
  return { ...readHtml(text, file), file };
}

function nodes<T>(tree: Root, type: string): T[] {
  const found: T[] = [];
  visit(tree, type, (node) => void found.push(node as T));
  return found;
}

/** A page with enough article text for Readability to take it as an article. */
function page({ head = '', htmlAttributes = 'lang="en"', header = '', body = '' }: { head?: string; htmlAttributes?: string; header?: string; body?: string }): string {
  const paragraphs = Array.from(
    { length: 4 },
    (_, i) => `<p>Paragraph ${i + 1} of the story. The council met on Tuesday to discuss the bridge, and residents spoke for over an hour about the closure, the detour and the cost of the repairs to local shops.</p>`,
  ).join('\n');
  return `<!DOCTYPE html><html ${htmlAttributes}><head><meta charset="utf-8">${head}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>${header}${body}${paragraphs}</article>
</body></html>`;
}

describe('HTML reader on test/fixtures/saved-page.html', () => {
  const { tree, meta, file, about } = read(readFileSync(path.join(FIXTURES, 'saved-page.html'), 'utf8'));
  const text = toString(tree);

  it('takes the metadata the page states', () => {
    expect(meta).toEqual({
      title: 'One Year of the Repair Café: What Broke, What We Fixed',
      authors: ['Maya Okafor', 'Tom Lindqvist'],
      date: '2025-04-12T09:30:00+01:00',
      lang: 'en-GB',
      description: 'A year of monthly repair sessions in a church hall: what people brought, what we could fix, and what we learned about making things last.',
      keywords: ['repair', 'community', 'reuse', 'electronics'],
    });
    expect(file.messages).toHaveLength(0);
  });

  it('keeps the article: every paragraph, heading, list item and quote, in order', () => {
    const order = [
      'Twelve months ago a handful of us',
      'What people brought',
      'Over the year 412 items came through the door',
      'Why some things could not be fixed',
      'glued cases that could not be opened',
      'Toasters were the worst offenders',
      'take their kettle seriously',
      'Keeping the records',
      'the most useful skill at the welcome desk is patience',
    ];
    const positions = order.map((phrase) => text.indexOf(phrase));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(nodes<import('mdast').Heading>(tree, 'heading').map((h) => toString(h))).toEqual([
      'What people brought',
      'Why some things could not be fixed',
      'Keeping the records',
    ]);
    expect(nodes(tree, 'listItem')).toHaveLength(3);
    expect(nodes(tree, 'blockquote')).toHaveLength(1);
  });

  it('drops navigation, sidebar, comments, forms, share buttons, cookie banner and footer', () => {
    for (const chrome of [
      'Repair guides', 'Donate', 'Search the site', 'Most read', 'Fixing a dead kettle', 'Subscribe to our newsletter',
      'thoughts on', 'Jenny R.', 'weekday evening', 'Leave a Reply', 'Post Comment', 'Share on X', 'Email this',
      'cookies', 'Accept all', 'All rights reserved', 'Privacy policy', 'gtag', 'dataLayer', 'Tagged:',
    ]) {
      expect(text, chrome).not.toContain(chrome);
    }
  });

  it('keeps the table with header cells, row headers and its caption', () => {
    const [figure] = nodes<ContainerDirective>(tree, 'containerDirective').filter((d) => d.children[0]?.type === 'table');
    expect(figure).toBeDefined();
    const out = toHtml(toHast(figure as unknown as Root));
    expect(out).toMatch(/^<figure><table>\n<thead>\n<tr>\n<th>Category<\/th>/);
    expect(out).toContain('<th scope="row">Clothes and textiles</th>');
    expect(out).toContain('<figcaption>Items brought to the Repair Café, April 2024 to March 2025</figcaption>');
  });

  it('keeps the figure with its alt text and caption, and no tracking pixel', () => {
    const images = nodes<import('mdast').Image>(tree, 'image');
    expect(images).toEqual([
      expect.objectContaining({ url: 'https://fixers.example.net/media/repair-table.jpg', alt: 'Three volunteers at a long table, one soldering a lamp while two others look on' }),
    ]);
    const figure = nodes<ContainerDirective>(tree, 'containerDirective').find((d) => d.name === 'figure' && toString(d).includes('busiest month'));
    expect(toHtml(toHast(figure as unknown as Root))).toMatch(/<figcaption>The electrical table in February, our busiest month so far\.<\/figcaption><\/figure>$/);
  });

  it('takes the authors\' bio box out of the body, for the "About the authors" section', async () => {
    expect(about).toHaveLength(1);
    expect(toString({ type: 'root', children: about! })).toMatch(/^Maya Okafor coordinates the Repair Café .* keeps the spare-parts boxes in order\.$/);
    expect(text).not.toContain('coordinates the Repair Café');
    const doc = await readArticle(path.join(FIXTURES, 'saved-page.html'));
    const headings = doc.tree.children.filter((n) => n.type === 'heading').map((h) => toString(h));
    expect(headings[headings.length - 1]).toBe('About the authors');
    expect(toString(doc.tree.children[doc.tree.children.length - 1]!)).toMatch(/^Maya Okafor coordinates/);
  });

  it('keeps code with its language, and links resolved against the canonical address', () => {
    const [code] = nodes<import('mdast').Code>(tree, 'code');
    expect(code).toMatchObject({ lang: 'text', value: '=COUNTIFS(Category, A2, Outcome, "Fixed") / COUNTIF(Category, A2)' });
    expect(nodes<import('mdast').Link>(tree, 'link').map((l) => l.url)).toEqual(['https://fixers.example.net/guides/volunteering/']);
  });
});

describe('HTML metadata precedence', () => {
  const ld = (object: object) => `<script type="application/ld+json">${JSON.stringify(object)}</script>`;

  it('title: JSON-LD headline, then og:title, then the <title> without the site name', () => {
    const og = '<meta property="og:title" content="From Open Graph">';
    const title = '<title>How We Rebuilt the Old Mill Bridge | Valley News</title>';
    expect(read(page({ head: title + og + ld({ '@type': 'NewsArticle', headline: 'From JSON-LD' }) })).meta.title).toBe('From JSON-LD');
    expect(read(page({ head: title + og })).meta.title).toBe('From Open Graph');
    expect(read(page({ head: title })).meta.title).toBe('How We Rebuilt the Old Mill Bridge');
  });

  it('authors: JSON-LD, then <meta name=author>, then bylines; a profile URL is not a name', () => {
    const byline = '<p class="byline">By <a rel="author" href="/a/jd">Jane Doe</a> and <a rel="author" href="/a/jr">John Roe</a></p>';
    const metaAuthor = '<meta name="author" content="Ann Poe">';
    const urlAuthor = '<meta property="article:author" content="https://example.org/people/ann">';
    expect(read(page({ head: metaAuthor + ld({ '@type': 'BlogPosting', author: { '@type': 'Person', name: 'Lee Chan' } }), header: byline })).meta.authors).toEqual(['Lee Chan']);
    expect(read(page({ head: metaAuthor, header: byline })).meta.authors).toEqual(['Ann Poe']);
    expect(read(page({ head: urlAuthor, header: byline })).meta.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(read(page({ header: '<div class="byline">By Sam Ortiz &amp; Kim Lee</div>' })).meta.authors).toEqual(['Sam Ortiz', 'Kim Lee']);
    expect(read(page({ header: '<p class="byline">By Ruth Adebayo · <time>12 April 2025</time></p>' })).meta.authors).toEqual(['Ruth Adebayo']);
    expect(read(page({ header: '<p class="byline">By Ruth Adebayo, Staff Writer | Updated 3 May</p>' })).meta.authors).toEqual(['Ruth Adebayo']);
  });

  it('date: JSON-LD datePublished, then article:published_time, then <time datetime>', () => {
    const time = '<time datetime="2023-01-05">5 January</time>';
    const og = '<meta property="article:published_time" content="2023-02-06T10:00:00Z">';
    const json = ld({ '@type': 'Article', datePublished: '2023-03-07' });
    expect(read(page({ head: og + json, header: time })).meta.date).toBe('2023-03-07');
    expect(read(page({ head: og, header: time })).meta.date).toBe('2023-02-06T10:00:00Z');
    expect(read(page({ header: time })).meta.date).toBe('2023-01-05');
    expect(read(page({ header: '<time datetime="not a date">soon</time>' })).meta.date).toBeUndefined();
  });

  it('lang and dir: <html lang dir> first, then JSON-LD inLanguage, then og:locale', () => {
    const json = ld({ '@type': 'Article', inLanguage: 'fr' });
    expect(read(page({ htmlAttributes: 'lang="ar" dir="rtl"', head: json }))).toMatchObject({ meta: { lang: 'ar', dir: 'rtl' } });
    expect(read(page({ htmlAttributes: '', head: json })).meta.lang).toBe('fr');
    expect(read(page({ htmlAttributes: '', head: '<meta property="og:locale" content="pt_BR">' })).meta.lang).toBe('pt-BR');
    expect(read(page({ htmlAttributes: '' })).meta.lang).toBeUndefined();
  });

  it('description and keywords from <meta>, then Open Graph and JSON-LD', () => {
    const { meta } = read(page({ head: '<meta property="og:description" content="From OG."><meta property="article:tag" content="bridges"><meta property="article:tag" content="council">' }));
    expect(meta.description).toBe('From OG.');
    expect(meta.keywords).toEqual(['bridges', 'council']);
    expect(read(page({ head: ld({ '@type': 'Article', description: 'From LD.', keywords: 'a, b' }) })).meta).toMatchObject({ description: 'From LD.', keywords: ['a', 'b'] });
  });

  it('warns about a JSON-LD block that is not JSON, and reads the rest', () => {
    const { meta, file } = read(page({ head: '<script type="application/ld+json">{ "headline": oops }</script><meta property="og:title" content="Still here">' }));
    expect(meta.title).toBe('Still here');
    expect(file.messages.map((m) => m.ruleId)).toEqual(['json-ld']);
  });
});

describe('HTML reader safety and images', () => {
  it('runs no script and fetches nothing the page refers to', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('document.body.innerHTML = "<p>fetched script ran</p>";');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { tree } = read(
        page({
          head: `<link rel="stylesheet" href="${origin}/style.css"><script src="${origin}/script.js"></script>`,
          body: `<p id="target">Original words.</p><script>document.getElementById('target').textContent = 'inline script ran';</script>
<img src="${origin}/photo.jpg" alt="A photo"><iframe src="${origin}/frame.html"></iframe>`,
        }),
      );
      // Give any request jsdom might have started a chance to arrive before looking.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toEqual([]);
      expect(toString(tree)).toContain('Original words.');
      expect(toString(tree)).not.toContain('script ran');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('drops tracking images: 1×1 pixels, known tracker hosts, hidden beacons', () => {
    const { tree } = read(
      page({
        body: [
          '<img src="https://example.org/real.jpg" alt="A real photo">',
          '<img src="https://example.org/p.gif" width="1" height="1" alt="">',
          '<img src="https://www.google-analytics.com/collect?v=1" alt="">',
          '<img src="https://sb.scorecardresearch.com/p?c1=2">',
          '<img src="https://example.org/b.png" style="width:1px;height:1px" alt="">',
        ].join('\n'),
      }),
    );
    expect(nodes<import('mdast').Image>(tree, 'image').map((i) => i.url)).toEqual(['https://example.org/real.jpg']);
  });

  it('gives an image without alt an empty alt, reported once, at its line in the page', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'no-alt.html');
    writeFileSync(source, page({ body: '\n\n<figure><img src="/img/chart.png"><figcaption>Chart</figcaption></figure>' }));
    const doc = await readArticle(source);
    const warnings = doc.file.messages.filter((m) => m.ruleId === 'image-alt');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(5);
    let image: import('mdast').Image | undefined;
    visit(doc.tree, 'image', (node) => void (image = node));
    expect(image).toMatchObject({ url: '/img/chart.png', alt: '' });
  });

  it('takes no bio from a box that holds only a name and a photo', () => {
    const result = read(page({ body: '<div class="author-box"><img src="/me.jpg" alt="Me"><h4>Jane Doe</h4></div>' }));
    expect(result.about).toBeUndefined();
    expect(toString(result.tree)).not.toContain('Jane Doe');
  });

  it('keeps the text of a page with no <article> or <main> whose containers have chrome-like class words', () => {
    const story = Array.from({ length: 4 }, (_, i) => `<p>Story paragraph ${i + 1}: the ferry will run twice a day from June, the harbour master said, and the timetable will be posted at the quay and online.</p>`).join('');
    const { tree } = read(`<html lang="en"><body class="single has-sidebar with-comments"><div id="page" class="site has-sidebar">
<div id="sidebar" class="widget-area"><h2>Popular</h2><p>Ten things to do this weekend in town, ranked by our readers.</p></div>
<div class="post-content with-share-bar"><h1>Ferry returns</h1>${story}</div>
<div class="comments"><p>First comment: about time too, we have waited three years for this service to come back.</p></div>
</div></body></html>`);
    const text = toString(tree);
    expect(text).toContain('Story paragraph 1');
    expect(text).toContain('Story paragraph 4');
    expect(text).not.toContain('Ten things to do');
    expect(text).not.toContain('First comment');
  });

  it('falls back to the <main> or <article> element when the page is too short for Readability', () => {
    const { tree } = read('<html lang="en"><head><title>Note</title></head><body><nav>Menu</nav><main><h2>Short</h2><p>Just one line.</p></main><footer>Footer</footer></body></html>');
    expect(toString(tree)).toContain('Just one line.');
    expect(toString(tree)).not.toContain('Menu');
  });
});
