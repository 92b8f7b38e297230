import type { Root, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { checkImageAlt } from '../../src/document/images.js';
import { file, html, md } from './helpers.js';

describe('images without alt text', () => {
  it('get alt="" and a warning with a position; described images are left alone', () => {
    const tree = md('![](a.png)\n\n![A harbour at dawn](b.png)\n\n![ref-less][r]\n\n[r]: c.png\n');
    const vfile = file();
    checkImageAlt()(tree, vfile);
    expect(html(tree)).toContain('<img src="a.png" alt="">');
    expect(html(tree)).toContain('<img src="b.png" alt="A harbour at dawn">');
    expect(vfile.messages.map((m) => [m.ruleId, m.line])).toEqual([['image-alt', 1]]);
  });

  it('covers html-derived image nodes (data.hName img)', () => {
    const img = { type: 'htmlImage', data: { hName: 'img', hProperties: { src: 'd.png' } } } as unknown as RootContent;
    const tree: Root = { type: 'root', children: [img] };
    const vfile = file();
    checkImageAlt()(tree, vfile);
    expect(html(tree)).toBe('<img src="d.png" alt="">');
    expect(vfile.messages.map((m) => m.ruleId)).toEqual(['image-alt']);
  });
});
