/**
 * What an axe rule's failure means for a reader and what to change in the
 * article, for the rules that real articles trip. Other rules fall back to
 * axe's own description and help page.
 */
export interface Advice {
  impact: string;
  fix: string;
}

export const AXE_ADVICE: Record<string, Advice> = {
  'color-contrast': {
    impact: 'Text too faint against its background: readers with low vision, or anyone in bright light, cannot read it.',
    fix: 'Use the project’s colours (styles/web.css) rather than inline colours in the source; in dark mode every colour must be redefined too.',
  },
  'link-name': {
    impact: 'A screen reader announces only “link”: its user cannot tell where it goes. Typically an image link whose image has no alt text, or an empty anchor.',
    fix: 'Give the linked image alt text saying where the link goes (`[![Build status](badge.svg)](url)`), or put words in the link.',
  },
  'label-content-name-mismatch': {
    impact: 'Voice-control users say the words they see (“click 1”) and nothing happens, because the link’s accessible name does not contain its visible text.',
    fix: 'The accessible name (aria-label) must start with the visible text, e.g. footnote links labelled “1, footnote” rather than “Footnote 1”.',
  },
  'image-alt': {
    impact: 'A screen reader reads the file name, or nothing, for the picture.',
    fix: 'Give every informative image alt text in the source (`![what it shows](file.png)`); mark decorative ones with empty alt.',
  },
  'heading-order': {
    impact: 'Screen-reader users who move by headings think a section is missing where levels jump (h2 to h4).',
    fix: 'Use heading levels in order in the source: “##” under the title, “###” under a “##”.',
  },
  'empty-heading': {
    impact: 'A screen reader announces a heading with nothing in it.',
    fix: 'Remove empty headings from the source, or give them text.',
  },
  region: {
    impact: 'Content outside landmarks is missed by screen-reader users who jump between landmarks.',
    fix: 'Keep the article’s content inside the page template’s main element; raw HTML in the source should not add page-level containers.',
  },
  'duplicate-id-aria': {
    impact: 'Labels and descriptions point to the wrong element, so a screen reader reads the wrong text.',
    fix: 'Ids in raw HTML in the source must be unique; leave heading ids to Broadside.',
  },
  'scrollable-region-focusable': {
    impact: 'Keyboard users cannot scroll a wide table or code block to read its hidden part.',
    fix: 'Scrolling containers need tabindex="0" and a name; shorten very long lines in code blocks.',
  },
  'target-size': {
    impact: 'Small, close links are hard to hit for people with tremors or on touch screens.',
    fix: 'Avoid runs of tiny adjacent links in the source (such as badges); the stylesheet sizes footnote links.',
  },
  'html-has-lang': {
    impact: 'Screen readers read the page with the wrong voice and pronunciation.',
    fix: 'Give the article its language (`lang:` in front matter, <html lang> in a saved page).',
  },
  'valid-lang': {
    impact: 'Screen readers cannot pick a voice for an unknown language code.',
    fix: 'Use a BCP 47 code such as en, fr-CA or ar.',
  },
  'document-title': {
    impact: 'The tab and screen reader show no title, so the page cannot be told apart from others.',
    fix: 'Give the article a title (front matter `title:` or a first heading).',
  },
  'table-duplicate-name': {
    impact: 'A screen reader reads the same text twice as the table’s caption and summary.',
    fix: 'Give the table one caption.',
  },
  'td-has-header': {
    impact: 'Screen-reader users hear table cells without knowing which column or row they belong to.',
    fix: 'Give tables a header row in the source.',
  },
};
