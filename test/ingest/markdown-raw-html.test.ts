import type { Root } from 'mdast';
import type { ContainerDirective, TextDirective } from 'mdast-util-directive';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../../src/ingest/readers/markdown.js';

function read(text: string): Root {
  return readMarkdown(text, new VFile({ path: 'inline.md', value: text })).tree;
}

/** The page markup the tree turns into, as the HTML edition renders it (no raw HTML allowed). */
function html(text: string): string {
  return toHtml(toHast(read(text), { allowDangerousHtml: false }));
}

function directives(tree: Root): (ContainerDirective | TextDirective)[] {
  const found: (ContainerDirective | TextDirective)[] = [];
  visit(tree, (node) => {
    if (node.type === 'containerDirective' || node.type === 'textDirective') found.push(node);
  });
  return found;
}

describe('raw HTML in Markdown: kept where it means something', () => {
  it('keeps a dir="rtl" lang wrapper around Markdown paragraphs', () => {
    const tree = read('Intro.\n\n<div dir="rtl" lang="ar">\n\nمرحبا **بالعالم**\n\nسطر ثان\n\n</div>\n\nOutro.');
    const [wrapper] = directives(tree);
    expect(wrapper).toMatchObject({ type: 'containerDirective', name: 'div', data: { hName: 'div', hProperties: { dir: 'rtl', lang: 'ar' } } });
    expect((wrapper as ContainerDirective).children.map((c) => c.type)).toEqual(['paragraph', 'paragraph']);
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph', 'containerDirective', 'paragraph']);
    expect(html('<div dir="rtl" lang="ar">\n\nمرحبا **بالعالم**\n\n</div>')).toBe('<div dir="rtl" lang="ar"><p>مرحبا <strong>بالعالم</strong></p></div>');
  });

  it('unwraps a <div> or <span> that carries no language or direction', () => {
    expect(html('<div class="x">\n\nPlain *text*.\n\n</div>')).toBe('<p>Plain <em>text</em>.</p>');
    expect(html('A <span style="color:red">red</span> word.')).toBe('<p>A red word.</p>');
    expect(html('A <span lang="fr">mot</span> here.')).toBe('<p>A <span lang="fr">mot</span> here.</p>');
  });

  it('keeps <aside>, <figure>/<figcaption> and <details>/<summary>', () => {
    expect(html('<aside>\n\nA *note*.\n\n</aside>')).toBe('<aside><p>A <em>note</em>.</p></aside>');
    expect(html('<figure>\n<img src="a.png" alt="A cat">\n<figcaption>Our <em>cat</em></figcaption>\n</figure>')).toBe(
      '<figure><p><img src="a.png" alt="A cat"></p><figcaption>Our <em>cat</em></figcaption></figure>',
    );
    expect(html('<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>')).toBe('<details><summary>More</summary><p>Hidden text.</p></details>');
  });

  it('keeps <abbr title>, <kbd>, <sup> and <sub> inline, around Markdown inside them', () => {
    expect(html('The <abbr title="World Health Organization">**WHO**</abbr> said H<sub>2</sub>O is x<sup>2</sup>; press <kbd>Esc</kbd>.')).toBe(
      '<p>The <abbr title="World Health Organization"><strong>WHO</strong></abbr> said H<sub>2</sub>O is x<sup>2</sup>; press <kbd>Esc</kbd>.</p>',
    );
  });

  it('keeps a raw HTML table with its caption, as a figure, and its row headers', () => {
    const out = html('<table><caption>Scores</caption><tr><th>Team</th><th>Points</th></tr><tr><th>Red</th><td>3</td></tr></table>');
    expect(out).toMatch(/^<figure><table>/);
    expect(out).toContain('<th scope="row">Red</th>');
    expect(out).toContain('<figcaption>Scores</figcaption></figure>');
  });

  it('keeps a <br> inside a GFM table cell as a line break', () => {
    const out = html('| Name | Address |\n| --- | --- |\n| Ann | 1 High St<br>Leeds |');
    expect(out).toContain('<td>1 High St<br>\nLeeds</td>');
  });

  it('keeps the image of a <picture>, without its <source> list', () => {
    expect(html('<picture><source srcset="a.webp" type="image/webp"><img src="a.jpg" alt="A lighthouse"></picture>')).toBe('<p><img src="a.jpg" alt="A lighthouse"></p>');
  });

  it('gives an <img> without alt an empty alt, with a position in the Markdown source', () => {
    const tree = read('# T\n\nText.\n\n<figure>\n  <img src="b.png">\n</figure>');
    let image: import('mdast').Image | undefined;
    visit(tree, 'image', (node) => void (image = node));
    expect(image).toMatchObject({ url: 'b.png', alt: '' });
    expect(image!.position?.start).toMatchObject({ line: 6, column: 3 });
  });
});

describe('raw HTML in Markdown: dangerous things dropped', () => {
  it('drops script, style, iframe, object, embed and forms with all they hold', () => {
    const out = html(
      [
        'Before.',
        '<script>alert("x")</script>',
        '<style>body { display: none }</style>',
        '<iframe src="https://evil.example/"></iframe>',
        '<object data="x.swf">fallback object</object>',
        '<embed src="x.swf">',
        '<form action="/steal"><input name="card"><button>Pay now</button></form>',
        'After.',
      ].join('\n\n'),
    );
    expect(out).toBe('<p>Before.</p>\n<p>After.</p>');
  });

  it('drops on* handlers, style attributes and javascript: links but keeps their text', () => {
    const out = html('Click <a href="javascript:alert(1)" onclick="steal()">here</a> or <a href="https://example.org/" onmouseover="x()" style="color:red">there</a>. <img src="c.png" alt="C" onerror="x()">');
    expect(out).toBe('<p>Click here or <a href="https://example.org/">there</a>. <img src="c.png" alt="C"></p>');
  });

  it('drops images whose source is not a web or relative address', () => {
    expect(html('A <img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="x"> b <img src="javascript:alert(1)" alt="y"> c')).toBe('<p>A  b  c</p>');
  });

  it('gives Markdown links and images the same URL rules as raw HTML', () => {
    expect(html('[Click](javascript:alert(1)) [mail](mailto:a@example.org) [rel](../x.html) ![bad](data:image/png;base64,AAAA) ![ok](a.png)')).toBe(
      '<p>Click <a href="mailto:a@example.org">mail</a> <a href="../x.html">rel</a>  <img src="a.png" alt="ok"></p>',
    );
    expect(html('[Ref link][evil] and ![pic][evil]\n\n[evil]: JAVASCRIPT:alert(1)')).toBe('<p>Ref link and </p>');
  });

  it('drops HTML comments and unknown elements but keeps the words of the latter', () => {
    expect(html('<!-- a note to self -->\n\n<center><font color="red">Loud</font> words</center>')).toBe('<p>Loud words</p>');
  });

  it('never leaves an html node for a renderer to pass through', () => {
    const tree = read('<marquee>Hi</marquee>\n\nA <blink>b</blink> c\n\n- item <span>x</span>\n\n> quote <script>x()</script>');
    const kinds: string[] = [];
    visit(tree, (node) => void kinds.push(node.type));
    expect(kinds).not.toContain('html');
    expect(toString(tree)).not.toContain('x()');
  });
});
