import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

function parse(file: string) {
  return unified().use(remarkParse).use(remarkGfm).parse(readFileSync(file, 'utf8'));
}

function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  visit(parse(file), 'heading', (node) => {
    const base = slug(toString(node));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  });
  return anchors;
}

const docs = ['README.md', 'DEVELOPERS.md', 'bench/RESULTS.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('documentation links', () => {
  it.each(docs)('%s links only to files and headings that exist', (file) => {
    const broken: string[] = [];
    visit(parse(file), 'link', (node) => {
      const url = node.url;
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return; // web addresses, mailto:, and the examples of refused schemes
      const [target, anchor] = url.split('#') as [string, string | undefined];
      const resolved = target ? path.join(path.dirname(file), decodeURIComponent(target)) : file;
      if (!existsSync(resolved)) return void broken.push(`${url} (no such file)`);
      if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) broken.push(`${url} (no such heading)`);
    });
    expect(broken).toEqual([]);
  });

  it('the README stays a short guide for users', () => {
    expect(readFileSync('README.md', 'utf8').split('\n').length).toBeLessThanOrEqual(300);
  });
});
