import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import { printHtml, printableTarget, shapeForPrint, splitKeepTogether } from '../../src/formats/pdf/print-html.js';
import { handoutDocument } from './helpers.js';
import { selectAll } from './select.js';

describe('splitKeepTogether', () => {
  it('keeps words joined by no-break spaces together, with ordinary spaces', () => {
    expect(splitKeepTogether('from 10\u00a0am to 4\u00a0pm')).toEqual(['from ', { keep: '10 am' }, ' to ', { keep: '4 pm' }]);
  });

  it('keeps hyphenated acronyms together', () => {
    expect(splitKeepTogether('IS-K and ISKP, COVID-19, well-known')).toEqual([{ keep: 'IS-K' }, ' and ISKP, ', { keep: 'COVID-19' }, ', well-known']);
    expect(splitKeepTogether('IS-Khorasan:')).toEqual([{ keep: 'IS-Khorasan' }, ':']);
  });

  it('leaves plain text alone', () => {
    expect(splitKeepTogether('nothing to keep here')).toEqual(['nothing to keep here']);
  });
});

describe('printableTarget', () => {
  it('prints web and mail addresses, not in-page links', () => {
    expect(printableTarget('https://example.org/a/')).toBe('example.org/a');
    expect(printableTarget('mailto:keeper@example.org?subject=Hi')).toBe('keeper@example.org');
    expect(printableTarget('#fn-1')).toBeUndefined();
    expect(printableTarget('javascript:alert(1)')).toBeUndefined();
  });
});

describe('printHtml', () => {
  const doc = handoutDocument();
  const html = printHtml(doc, { css: 'p { color: black }', baseUrl: 'https://broadside.invalid/article/' });
  const tree = fromHtml(html);

  it('has the title, language and byline, and no script', () => {
    const [root] = selectAll(tree, 'html');
    expect(root.properties.lang).toBe('en-GB');
    expect(toText(selectAll(tree, 'h1')[0])).toBe('Keeping the Parish Record');
    expect(selectAll(tree, 'script')).toHaveLength(0);
    expect(toText(selectAll(tree, 'p')[0])).toBe('By Ann Lee and Bo Chen · 1 March 2024');
  });

  it('sends no no-break space to the printer, and wraps what it held together', () => {
    expect(html).not.toMatch(/[\u00a0\u202f]|&nbsp;|&#xa0;/i);
    const kept = selectAll(tree, 'span')
      .filter((span) => (span.properties.className as string[] | undefined)?.includes('nowrap'))
      .map((span) => toText(span));
    expect(kept).toEqual(expect.arrayContaining(['10 am', '4 pm', '12 people.', 'IS-K', 'UN-HCR']));
  });

  it('prints each external link target after its text', () => {
    const urls = selectAll(tree, 'span').filter((span) => (span.properties.className as string[] | undefined)?.includes('print-url'));
    expect(urls.map((span) => toText(span))).toEqual([' (example.org/catalogue)', ' (example.org/volunteer)']);
  });

  it('leaves no whitespace-only text between inline elements, which Paged.js would drop', () => {
    for (const element of selectAll(tree, 'p')) {
      element.children.forEach((child, i) => {
        const around = [element.children[i - 1], element.children[i + 1]];
        if (child.type === 'text' && /^\s+$/.test(child.value)) expect(around.every((node) => node?.type !== 'element')).toBe(true);
      });
    }
  });

  it('prints task-list checkboxes as boxes', () => {
    const tasks = handoutDocument();
    tasks.tree.children.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: [
        { type: 'listItem', checked: true, spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'done' }] }] },
        { type: 'listItem', checked: false, spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: 'to do' }] }] },
      ],
    });
    const out = printHtml(tasks, { css: '', baseUrl: 'https://broadside.invalid/article/' });
    expect(out).not.toContain('<input');
    expect(out).toMatch(/\u2611\s*done/);
    expect(out).toMatch(/\u2610\s*to do/);
  });

  it('drops active content even if the tree carried some', () => {
    const hostile = handoutDocument();
    hostile.tree.children.push({
      type: 'paragraph',
      children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: 'click' }] }],
    });
    const out = printHtml(hostile, { css: '', baseUrl: 'https://broadside.invalid/article/' });
    expect(out).not.toMatch(/javascript:/i);
    expect(out).toContain('click');
  });
});

describe('shapeForPrint on the shapes real articles have', () => {
  const shaped = (html: string) => {
    const tree = fromHtml(`<article>${html}</article>`, { fragment: true });
    shapeForPrint(tree);
    return toHtml(tree);
  };

  it('puts a space before each line break, which hangs at the line end (a <br> draws nothing)', () => {
    expect(shaped('<p>Bombardiere della Resistenza<br>\n<a href="#x"><strong>amzn.to/2iJFhRj<br>\n</strong></a>2) Polistil</p>')).toBe(
      '<article><p>Bombardiere della Resistenza <br><a href="#x"><strong>amzn.to/2iJFhRj <br></strong></a>2) Polistil</p></article>',
    );
    // Never a text node of its own, which Paged.js would drop on a continued page.
    expect(shaped('<p><a href="#x">amzn.to/2B4BNPS</a><br>\n<a href="#y">Image</a></p>')).toBe('<article><p><a href="#x">amzn.to/2B4BNPS </a><br><a href="#y">Image</a></p></article>');
    // Nothing to keep apart at the start of a block, nor twice.
    expect(shaped('<p><br>one <br>two</p>')).toBe('<article><p><br>one <br>two</p></article>');
  });

  it('prints the address of a word split into two links to the same place once, after the word', () => {
    const out = shaped('<p>may well have <a href="https://nasa.gov/e">expand</a><span><a href="https://nasa.gov/e">ed</a> to Jupiter</span></p>');
    expect(toText(fromHtml(out, { fragment: true }))).toBe('may well have expanded (nasa.gov/e) to Jupiter');
  });
});
