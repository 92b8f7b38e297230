import type { Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { ReaderResult } from '../../document/types.js';
import type { Arrangement } from '../txt/arrange.js';
import { arrange, headingDepths } from '../txt/arrange.js';
import type { ChromeRules } from '../txt/site-lines.js';
import { comparable, loadChromeRules } from '../txt/site-lines.js';
import type { Classified } from '../txt/classify.js';
import { classifyUnits } from '../txt/classify.js';
import { stripLicence } from '../txt/licence.js';
import { selectBody } from '../txt/select.js';
import { loadStopwords, pageLanguage } from '../txt/stopwords.js';
import { splitUnits } from '../txt/units.js';
import type { Unit } from '../txt/units.js';

/**
 * Read a page copied or scraped from the web as plain text: find its title,
 * date, byline and bio, turn plain-text headings and lists into structure, and
 * drop the site's chrome (menus, share and cookie lines, comment forms,
 * related-post lists, footers) by its shape, its position and its known
 * wording (data/site-chrome.yaml).
 */
export function readTxt(text: string, file: VFile): ReaderResult {
  return readScrapedText(text, file, loadChromeRules());
}

/** `readTxt` with the chrome wording given, rather than read from data/site-chrome.yaml. */
export function readScrapedText(source: string, file: VFile, rules: ChromeRules): ReaderResult {
  // A plain-text book: its licence header and footer go, its header names the title and author.
  const book = stripLicence(source);
  const text = book?.text ?? source;
  const units = splitUnits(text);
  const language = pageLanguage(units.map((u) => u.text), loadStopwords());
  const items = classifyUnits(units, rules, language.lang);
  const page = arrange(items, selectBody(items, language));
  if (book) {
    // A book's text is all its own: no menus to take out, only the licence, gone already.
    // Its own title page (the title and author again) is said by the h1 and the byline already.
    const said = new Set([book.title, ...book.authors].filter(Boolean).map((s) => comparable(s!)));
    page.body = items.filter((c) => ['paragraph', 'item', 'heading', 'rule', 'code'].includes(c.role.kind) && c !== page.title && !said.has(comparable(c.unit.text)));
    if (book.authors.length) page.authors = book.authors;
  }
  if (!page.body.length) {
    file.message('no article text found: every line looked like site chrome or metadata', { ruleId: 'txt-empty', source: 'broadside' });
  }
  const tree: Root = { type: 'root', children: [] };
  const title = book?.title ?? page.title?.unit.text;
  if (title) {
    tree.children.push({ type: 'heading', depth: 1, children: [{ type: 'text', value: title }], ...(page.title ? { position: positionOf(page.title.unit) } : {}) });
  }
  tree.children.push(...bodyNodes(page));
  const about: RootContent[] = page.about.map(({ text: bio, from }) => paragraph(bio, from.unit));
  return {
    tree,
    meta: {
      ...(title ? { title } : {}),
      ...(page.authors.length ? { authors: page.authors } : {}),
      ...(page.date ? { date: page.date } : {}),
    },
    ...(about.length ? { about } : {}),
  };
}

function bodyNodes(page: Arrangement): RootContent[] {
  const depths = headingDepths(page.body);
  const out: RootContent[] = [];
  let list: List | undefined;
  for (const c of page.body) {
    const role = c.role;
    if (role.kind === 'item') {
      if (!list || list.ordered !== role.ordered) {
        list = { type: 'list', ordered: role.ordered, spread: false, children: [], position: positionOf(c.unit) };
        out.push(list);
      }
      const item: ListItem = { type: 'listItem', spread: false, children: [paragraph(c.unit.text, c.unit)], position: positionOf(c.unit) };
      list.children.push(item);
      if (list.position) list.position.end = positionOf(c.unit).end;
      continue;
    }
    list = undefined;
    if (role.kind === 'heading') out.push(heading(c, (depths.get(role.style) ?? 2) as Heading['depth']));
    else if (role.kind === 'rule') out.push({ type: 'thematicBreak', position: positionOf(c.unit) });
    else if (role.kind === 'code') out.push({ type: 'code', value: c.unit.text, position: positionOf(c.unit) });
    else out.push(paragraph(c.unit.text, c.unit));
  }
  return out;
}

function heading(c: Classified, depth: Heading['depth']): Heading {
  return { type: 'heading', depth, children: [{ type: 'text', value: c.unit.text }], position: positionOf(c.unit) };
}

function paragraph(value: string, unit: Unit): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value }], position: positionOf(unit) };
}

function positionOf(unit: Unit): Position {
  return { start: { line: unit.startLine, column: 1 }, end: { line: unit.endLine, column: unit.endColumn } };
}
