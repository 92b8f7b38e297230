import { describe, expect, it } from 'vitest';
import { acrossEditions } from '../../src/check/across.js';
import { findingsFor } from '../../src/check/finding.js';
import { bookmarkFinding, largePrintFinding } from '../../src/check/pdf.js';
import { sameTitle } from '../../src/check/words.js';
import type { EditionFacts } from '../../src/check/types.js';

// Headings of the corpus's Arabic articles, and the titles Chromium gave them before the outline was repaired.
const SCREENSHOTS = 'مقاطع شاشة';
const VISUAL = 'قاطع شاشةم';
const PRESENTATION_FORMS = '\uFEE3\uFED8\uFE8E\uFEC3\uFECA \uFEB7\uFE8E\uFEB7\uFE94';

describe('titles compared as a reader meets them', () => {
  it('leaves out bidi marks and isolates, joiners, soft hyphens and tatweel', () => {
    expect(sameTitle(SCREENSHOTS, `\u200F${SCREENSHOTS}\u200F`)).toBe(true);
    expect(sameTitle(SCREENSHOTS, `\u2067مقاطع\u2069 شاشة`)).toBe(true);
    expect(sameTitle('Sicherheit', 'Sicher\u00ADheit')).toBe(true);
    expect(sameTitle('می‌خواهم', 'میخواهم')).toBe(true);
    expect(sameTitle('جميل', 'جمـــيل')).toBe(true);
  });

  it('keeps letters as they are: visual order, presentation forms and lost marks are other titles', () => {
    expect(sameTitle(SCREENSHOTS, VISUAL)).toBe(false);
    expect(sameTitle(SCREENSHOTS, PRESENTATION_FORMS)).toBe(false);
    expect(sameTitle('دائمًا', 'دائما')).toBe(false);
    expect(sameTitle('Threat to Taliban', 'Threat toTaliban')).toBe(false);
    expect(sameTitle('Notes', undefined)).toBe(false);
  });
});

describe('bookmarks, sections and large print', () => {
  const pdf = findingsFor('pdf', 'article.pdf');
  const headings = [{ level: 1, text: '1Panel: لوحة تحكم خوادم لينكس عبر الويب' }, { level: 2, text: SCREENSHOTS }];

  it('fails a bookmark whose Arabic title is in visual order, and passes one with a mark around it', () => {
    const visual = bookmarkFinding(pdf, [{ level: 1, title: headings[0]!.text }, { level: 2, title: VISUAL }], headings, 'the page');
    expect(visual.status).toBe('fail');
    expect(visual.summary).toBe('Bookmarks and headings differ: 1 heading without a bookmark, 1 bookmark without a heading (of the page).');
    expect(visual.examples).toEqual([`no bookmark: “${SCREENSHOTS}”`, `no heading: “${VISUAL}”`]);
    const marked = bookmarkFinding(pdf, [{ level: 1, title: headings[0]!.text }, { level: 2, title: `\u200F${SCREENSHOTS}` }], headings, 'the page');
    expect(marked.status).toBe('pass');
  });

  it('fails an edition whose bookmarks miss a section of the page', () => {
    const page: EditionFacts = { edition: 'page', file: 'index.html', title: 'A', lang: 'ar', sections: [SCREENSHOTS, 'رخصة'] };
    const short: EditionFacts = { edition: 'pdf', file: 'a.pdf', title: 'A', lang: 'ar', sections: ['A', VISUAL, 'رخصة'] };
    const [sections] = acrossEditions('out/a', [page, short]).filter((f) => f.rule === 'editions-sections');
    expect(sections?.status).toBe('fail');
    expect(sections?.examples).toEqual([`“pdf: ${SCREENSHOTS}”`]);
    const whole: EditionFacts = { ...short, sections: ['A', `${SCREENSHOTS}\u200F`, 'رخصة'] };
    expect(acrossEditions('out/a', [page, whole]).find((f) => f.rule === 'editions-sections')?.status).toBe('pass');
  });

  it('fails large print with any text under 18 pt', () => {
    const large = findingsFor('large-print', 'a-large-print.pdf');
    const finding = largePrintFinding(large, [{ size: 18, chars: 998 }, { size: 15, chars: 2 }]);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('0.2% of the text is under 18 pt (smallest 15.0 pt).');
    expect(largePrintFinding(large, [{ size: 18, chars: 998 }, { size: 21.6, chars: 2 }]).status).toBe('pass');
  });
});
