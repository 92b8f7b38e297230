import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { ArticleDocument } from '../../document/types.js';
import { mendLinks } from './links.js';
import { alignCells, captionTables, nameBackReferences } from './page-mends.js';
import type { PrintPagesHandoff } from '../edition.js';
import { insertPageBreaks, pageBreakMarker } from '../../render/page-breaks.js';
import { bodyToHast } from '../../render/body.js';
import { displayDate } from '../../render/dates.js';
import { audioPlayer, type AudioForPage } from './player.js';
import { joinNames, pageStrings } from '../../render/strings.js';

export interface PageOptions {
  /** Stylesheet href, relative to the page. */
  stylesheet: string;
  /** Outputs of the other editions, relative to the page (manifest keys). */
  editions: Record<string, string>;
  /** The narration, when the audio edition was built. */
  audio?: AudioForPage;
  /** Extra script for progressive enhancement (relative href), loaded deferred. */
  script?: string;
  /** Extra stylesheet (relative href), after the main one: the read-along highlight. */
  extraStylesheet?: string;
  /** Where the standard PDF's pages begin: the page marks them, as the EPUB does. */
  printPages?: PrintPagesHandoff;
}

const EDITION_KEYS = ['pdf', 'largePrintPdf', 'audio', 'captions', 'epub', 'braille', 'braillePreview'] as const;


function byline(doc: ArticleDocument): ElementContent {
  const { authors, date, lang } = doc.meta;
  const words = pageStrings(lang);
  const parts: (ElementContent | string)[] = [];
  if (authors.length) parts.push(`${words.by} `, h('span', { className: ['authors'] }, joinNames(authors, lang)));
  if (date) {
    if (parts.length) parts.push(' · ');
    parts.push(h('time', { dateTime: date }, displayDate(date, lang)));
  }
  if (parts.length) parts.push(' · ');
  parts.push(words.minutesRead(doc.readingMinutes));
  return h('p', { className: ['byline'] }, parts);
}

function editionsNav(editions: Record<string, string>, lang: string): ElementContent[] {
  const words = pageStrings(lang);
  const links = EDITION_KEYS.filter((key) => editions[key]).map((key) => h('li', h('a', { href: editions[key] }, words.editions[key])));
  if (!links.length) return [];
  return [
    h('nav', { className: ['editions'], ariaLabelledBy: 'editions-title' }, [
      h('h2', { className: ['editions-title'], id: 'editions-title' }, words.otherEditions),
      h('ul', links),
    ]),
  ];
}

/** The whole accessible page for one article. */
export function page(doc: ArticleDocument, options: PageOptions): Root {
  const { title, lang, dir, description, authors } = doc.meta;
  const head = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', title),
    description ? h('meta', { name: 'description', content: description }) : undefined,
    authors.length ? h('meta', { name: 'author', content: authors.join(', ') }) : undefined,
    h('meta', { name: 'color-scheme', content: 'light dark' }),
    h('meta', { name: 'generator', content: 'Broadside' }),
    h('link', { rel: 'stylesheet', href: options.stylesheet }),
    options.extraStylesheet ? h('link', { rel: 'stylesheet', href: options.extraStylesheet }) : undefined,
    options.script ? h('script', { src: options.script, defer: true }) : undefined,
  ].filter((node) => node !== undefined);
  const listen = options.audio
    ? [h('section', { className: ['listen'], ariaLabelledBy: 'listen-title' }, [h('h2', { id: 'listen-title' }, pageStrings(lang).listen), ...audioPlayer(doc, options.audio)])]
    : [];
  const article = bodyToHast(doc);
  const pages = options.printPages?.pages ?? [];
  // axe (4.14) refuses aria-label on a page break in a web page, so there the title names it ("Page 3").
  const marker = (n: number) => pageBreakMarker(n, lang, { className: ['print-page'], ariaLabel: undefined, title: `${pageStrings(lang).pageOf[0]}${n}`.trim(), dataPage: String(n) });
  if (pages.length) insertPageBreaks(article, pages, marker);
  const body = h('body', [
    h('a', { className: ['skip-link'], href: '#main' }, pageStrings(lang).skipLink),
    h('header', { className: ['masthead'] }, [...(pages.length ? [marker(1)] : []), h('h1', { id: 'title' }, title), byline(doc), ...editionsNav(options.editions, lang)]),
    h('main', { id: 'main', tabIndex: -1 }, [...listen, h('article', { ariaLabelledBy: 'title' }, article)]),
    h('footer', { className: ['colophon'] }, [
      h('p', [pageStrings(lang).source(doc.source.split(/[\\/]/).pop() ?? doc.source)]),
    ]),
  ]);
  const tree: Root = { type: 'root', children: [{ type: 'doctype' }, h('html', { lang, dir }, [h('head', head), body])] };
  // Mends for the page only; the print edition renders the same body its own way.
  mendLinks(tree);
  nameBackReferences(tree);
  alignCells(tree);
  captionTables(tree);
  return tree;
}
