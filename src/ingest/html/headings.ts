/**
 * Headings of an extracted article, made right before conversion: permalink
 * anchors ("#", "¶", "🔗") go, each heading carries the id the page gave it
 * (on itself, on an element inside it, or on an empty anchor just before it),
 * and in-page links to any of those ids point to the heading's id. The
 * pipeline keeps a heading's given id when it is unique (src/document/pipeline.ts).
 */

const HEADINGS = 'h1, h2, h3, h4, h5, h6';
/** What a permalink anchor shows: a sign, or nothing at all. */
const PERMALINK = /^[#¶§🔗⚓️\u{1F517}\s]*$/u;

/** Ids the editions give their own elements (the title, the main region, sentences, footnotes, the bio). */
const RESERVED = /^(title|main|about-the-authors|s-\d+|fn-?.*|fnref-?.*|user-content-.*)$/;

export function fixHeadings(content: Element): void {
  const alias = new Map<string, string>();
  for (const heading of content.querySelectorAll(HEADINGS)) {
    for (const link of [...heading.querySelectorAll('a')]) {
      const href = link.getAttribute('href') ?? '';
      if (PERMALINK.test(link.textContent ?? '') && (href.startsWith('#') || href === '' || link.querySelector('svg, img') === null)) link.remove();
    }
    const ids = [heading.id, ...[...heading.querySelectorAll('[id], a[name]')].map((e) => e.id || e.getAttribute('name') || '')];
    const before = heading.previousElementSibling;
    if (before && !(before.textContent ?? '').trim() && (before.id || before.getAttribute('name'))) ids.push(before.id || before.getAttribute('name') || '');
    const given = ids.find(Boolean);
    if (!given) continue;
    const own = RESERVED.test(given) ? `section-${given}` : given;
    heading.id = own;
    for (const id of ids) if (id) alias.set(id, own);
  }
  for (const link of content.querySelectorAll('a[href^="#"]')) {
    const target = alias.get(decodeURIComponent((link.getAttribute('href') ?? '').slice(1)));
    if (target) link.setAttribute('href', `#${target}`);
  }
}
