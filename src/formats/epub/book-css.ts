/** The class reading systems put on the element being narrated (media:active-class). */
export const ACTIVE_CLASS = '-epub-media-overlay-active';

/**
 * The book's stylesheet. It sets as little as it can, so that the reader's
 * own choices in the reading app (font, size, colours, spacing) win: no
 * colours on text, no fixed sizes, left-aligned (start-aligned) text.
 */
export const BOOK_CSS = `/* Broadside EPUB: the reading app's settings come first. */
body { line-height: 1.5; text-align: start; hyphens: manual; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; }
.byline { font-style: normal; }
img { max-width: 100%; height: auto; }
figure { margin-inline: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; }
th, td { border: 1px solid currentColor; padding: 0.25em 0.5em; vertical-align: top; }
th { text-align: start; }
.align-left { text-align: left; }
.align-right { text-align: right; }
.align-center { text-align: center; }
blockquote { margin-inline: 1.5em 0; }
section.footnotes { margin-block-start: 2em; font-size: 0.95em; }
/* The print page where the text continues, small and set apart; screen readers announce it by its label. */
.pagebreak::after { content: attr(title); font-size: 0.75em; padding-inline: 0.25em; border-inline-start: 1px solid currentColor; }
/* The sentence being narrated: colours chosen together (15:1), and not colour alone: a thick underline too. */
.${ACTIVE_CLASS} { background-color: #fff0a8; color: #1c1b18; text-decoration: underline 0.12em #7a5c00; }
`;
