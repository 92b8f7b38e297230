import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { headingLevels, titleHeading } from '../../src/document/headings.js';
import type { ArticleMetadata } from '../../src/document/types.js';
import { file, md } from './helpers.js';

function meta(title = ''): ArticleMetadata {
  return { title, authors: [], date: null, lang: 'en', dir: 'ltr', description: '', keywords: [] };
}
function outline(tree: Root): string[] {
  const found: string[] = [];
  const walk = (node: Root | Root['children'][number]) => {
    if (node.type === 'heading') found.push(`h${(node as Heading).depth} ${toString(node)}`);
    if ('children' in node) for (const child of node.children) walk(child as Root['children'][number]);
  };
  walk(tree);
  return found;
}
function normalise(markdown: string, title = '') {
  const tree = md(markdown);
  const m = meta(title);
  const vfile = file(m);
  titleHeading({ fallbackTitle: 'From the file name' })(tree, vfile);
  headingLevels()(tree, vfile);
  return { tree, meta: m, rules: vfile.messages.map((x) => x.ruleId) };
}

describe('title heading', () => {
  it('takes the title from a leading h1 when the source gives none', () => {
    const { tree, meta: m, rules } = normalise('# The *Real* Title\n\nText.');
    expect(m.title).toBe('The Real Title');
    expect(outline(tree)).toEqual(['h1 The Real Title']);
    expect(rules).toEqual([]);
  });

  it('keeps one h1 when the metadata title and the first h1 agree', () => {
    const { tree } = normalise('# Same Title\n\nText.', 'Same  title');
    expect(outline(tree)).toEqual(['h1 Same Title']);
  });

  it('inserts the metadata title and demotes a different h1, with the headings under it', () => {
    const { tree, rules } = normalise('# Part one\n\n## Detail\n\nText.', 'The Title');
    expect(outline(tree)).toEqual(['h1 The Title', 'h2 Part one', 'h3 Detail']);
    expect(rules).toContain('single-h1');
  });

  it('moves a later h1 to the front when nothing else names the article', () => {
    const { tree, meta: m } = normalise('A dek line.\n\n# Title Later\n\nText.');
    expect(m.title).toBe('Title Later');
    expect(tree.children[0].type).toBe('heading');
  });

  it('falls back to the file name, with a warning', () => {
    const { meta: m, rules } = normalise('Just text.');
    expect(m.title).toBe('From the file name');
    expect(rules).toContain('title-missing');
  });
});

describe('heading levels', () => {
  it('closes up skipped levels and keeps the outline shape', () => {
    const { tree, rules } = normalise('# T\n\n#### Deep\n\n#### Deep too\n\n### Less deep\n\n## Section\n\n###### Very deep');
    expect(outline(tree)).toEqual(['h1 T', 'h2 Deep', 'h2 Deep too', 'h2 Less deep', 'h2 Section', 'h3 Very deep']);
    expect(rules.filter((r) => r === 'heading-increment')).toHaveLength(4);
  });

  it('leaves a correct outline untouched and silent', () => {
    const { tree, rules } = normalise('# T\n\n## A\n\n### A.1\n\n## B');
    expect(outline(tree)).toEqual(['h1 T', 'h2 A', 'h3 A.1', 'h2 B']);
    expect(rules).toEqual([]);
  });

  it('demotes every other h1, including one nested in a blockquote', () => {
    const { tree, rules } = normalise('# T\n\nText.\n\n> # Quoted h1\n\n# Appendix\n\n## Notes');
    expect(outline(tree)).toEqual(['h1 T', 'h2 Quoted h1', 'h2 Appendix', 'h3 Notes']);
    expect(rules.filter((r) => r === 'single-h1')).toHaveLength(2);
  });

  it('removes empty headings', () => {
    const { tree, rules } = normalise('# T\n\n##\n\nText.');
    expect(outline(tree)).toEqual(['h1 T']);
    expect(rules).toContain('empty-heading');
  });

  it('reports each fix with a position', () => {
    const tree = md('# T\n\n### Skipped');
    const vfile = file(meta());
    titleHeading({ fallbackTitle: 'x' })(tree, vfile);
    headingLevels()(tree, vfile);
    expect(vfile.messages[0].line).toBe(3);
  });
});
