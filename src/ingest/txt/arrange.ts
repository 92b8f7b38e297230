import type { Classified, HeadingStyle } from './classify.js';
import { HEADING_STYLES } from './classify.js';
import { wordCount } from './site-lines.js';
import type { FoundDate } from './dates.js';
import { leadingNames } from './people.js';
import type { Quality } from './quality.js';
import type { Selection } from './select.js';

/** The parts of a scraped page, in reading order, with the chrome left out. */
export interface Arrangement {
  title?: Classified;
  /** Body units: paragraphs, headings, list items and rules. */
  body: Classified[];
  /** The authors' bio, as paragraphs. */
  about: { text: string; from: Classified }[];
  authors: string[];
  date?: string;
}

const ABOUT_HEADING = /^about the (authors?|writers?|contributors?)$/i;

/** Where the body starts, where the closing chrome starts, and the last body unit. */
interface Regions {
  bodyStart: number;
  end: number;
  lastBody: number;
  keep: boolean[];
}

/** How many units above the body a standfirst may stand. */
const STANDFIRST_REACH = 3;

const isText = (c: Classified) => c.role.kind === 'paragraph' || c.role.kind === 'item';

/**
 * Decide what of a classified page is the article. The body is what the
 * selection kept (selectBody); the title, date and byline are looked for
 * above it; below it only a bio, a byline or a date survive.
 */
export function arrange(items: Classified[], selection: Selection): Arrangement {
  const regions = findRegions(items, selection);
  const result: Arrangement = { body: [], about: [], authors: [] };
  const dates: FoundDate[] = [];
  const takeMeta = (c: Classified) => {
    if (c.role.kind === 'date') dates.push(c.role.date);
    if (c.role.kind === 'byline') {
      if (!result.authors.length) result.authors = c.role.byline.authors;
      if (c.role.byline.date) dates.push({ iso: c.role.byline.date, updated: false });
    }
  };
  const top = items.slice(0, regions.bodyStart < 0 ? regions.end : regions.bodyStart);
  arrangeTop(top, selection.quality, result, takeMeta);
  if (regions.bodyStart >= 0) arrangeBody(items, regions, result, takeMeta);
  if (!result.authors.length) {
    result.authors = [...new Set(items.flatMap((c) => (c.role.kind === 'bio' ? c.role.bio.authors : [])))];
  }
  result.date = (dates.find((d) => !d.updated) ?? dates[0])?.iso;
  trimTrailingHeadings(result.body);
  return result;
}

function findRegions(items: Classified[], selection: Selection): Regions {
  const bodyStart = selection.first;
  const keep = [...selection.keep];
  if (bodyStart >= 0) markAuthorBox(items, bodyStart, keep);
  const lastBody = keep.lastIndexOf(true);
  const endAt = bodyStart < 0 ? -1 : items.findIndex((c, i) => i > lastBody && c.role.kind === 'end');
  const end = endAt < 0 ? items.length : endAt;
  markAboutSections(items, end);
  confirmWeakBios(items, end);
  return { bodyStart, end, lastBody, keep };
}

/** Above the body: metadata, the title, and after the title a standfirst or a first heading. */
function arrangeTop(top: Classified[], quality: Quality[], result: Arrangement, takeMeta: (c: Classified) => void): void {
  top.forEach(takeMeta);
  const titleIndex = chooseTitle(top);
  for (const c of top) if (c.role.kind === 'bio') result.about.push({ text: c.role.bio.text, from: c });
  if (titleIndex < 0) return;
  result.title = top[titleIndex];
  for (let i = titleIndex + 1; i < top.length; i++) {
    const c = top[i];
    const leadsIntoBody = top.slice(i + 1).every((r) => r.role.kind === 'date' || r.role.kind === 'byline' || r.role.kind === 'chrome');
    // A first heading right above the body; a standfirst the context pass found good, just above it.
    if (c.role.kind === 'heading' && leadsIntoBody) result.body.push(c);
    else if (isText(c) && quality[i] === 'good' && i >= top.length - STANDFIRST_REACH) result.body.push(c);
  }
}

/** The body, then what follows it up to the closing chrome. */
function arrangeBody(items: Classified[], { bodyStart, end, lastBody, keep }: Regions, result: Arrangement, takeMeta: (c: Classified) => void): void {
  for (let i = bodyStart; i < end; i++) {
    const c = items[i];
    const role = c.role;
    if (role.kind === 'bio') result.about.push({ text: role.bio.text, from: c });
    else if (role.kind === 'byline') takeMeta(c);
    else if (role.kind === 'date') {
      // Below the body a date is metadata; inside it, it is the article's text.
      if (i > lastBody) takeMeta(c);
      else result.body.push({ ...c, role: { kind: 'paragraph' } });
    } else if (keep[i] && (isText(c) || role.kind === 'heading' || role.kind === 'rule' || role.kind === 'code')) {
      result.body.push(c);
    }
  }
}

/**
 * A byline after the body has begun opens an author box ("Written by X" and a
 * short bio): the paragraph or two under it are the bio, not the body.
 */
function markAuthorBox(items: Classified[], bodyStart: number, keep: boolean[]): void {
  const box = items.findIndex((c, i) => i > bodyStart && c.role.kind === 'byline');
  if (box < 0) return;
  for (let i = box + 1; i < Math.min(items.length, box + 3); i++) {
    const text = items[i].unit.text;
    if (items[i].role.kind !== 'paragraph') continue;
    items[i].role = { kind: 'bio', bio: { authors: leadingNames(text), text, weak: false } };
    keep[i] = false;
  }
}

/**
 * The title among the heading-like lines above the body: long rather than
 * short (site names and menu items are short), next to the date or byline,
 * underlined with `===`, and not sitting directly on a menu.
 */
function chooseTitle(top: Classified[]): number {
  let best = -1;
  let bestScore = -Infinity;
  top.forEach((c, i) => {
    if (c.role.kind !== 'heading') return;
    let score = Math.min(wordCount(c.unit.text), 12);
    const neighbours = [top[i - 1], top[i + 1]];
    const byMeta = neighbours.some((n) => n && (n.role.kind === 'date' || n.role.kind === 'byline'));
    // The title sits on the byline or the date; a tagline or site name rarely does.
    if (byMeta) score += 20;
    if (c.role.style === 'setext1') score += 6;
    // A site name or section label sits right above a menu or a share bar.
    if (!byMeta && top[i + 1]?.role.kind === 'chrome') score -= 6;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** An "About the author(s)" heading turns the paragraphs under it into the bio. */
function markAboutSections(items: Classified[], end: number): void {
  for (let i = 0; i < end; i++) {
    if (items[i].role.kind !== 'heading' || !ABOUT_HEADING.test(items[i].unit.text.trim())) continue;
    items[i].role = { kind: 'chrome', reason: 'about heading (the page makes its own)' };
    for (let j = i + 1; j < end && (items[j].role.kind === 'paragraph' || items[j].role.kind === 'bio'); j++) {
      if (items[j].role.kind === 'paragraph') {
        const text = items[j].unit.text;
        items[j].role = { kind: 'bio', bio: { authors: leadingNames(text), text, weak: false } };
      }
    }
  }
}

/** A bio without names ("The writer is a …") counts only where no body paragraph follows it. */
function confirmWeakBios(items: Classified[], end: number): void {
  for (let i = 0; i < end; i++) {
    const role = items[i].role;
    if (role.kind !== 'bio' || !role.bio.weak) continue;
    if (items.slice(i + 1, end).some(isText)) items[i].role = { kind: 'paragraph' };
  }
}

/** A heading with nothing under it is the page's, not the article's. */
function trimTrailingHeadings(body: Classified[]): void {
  while (body.length && body[body.length - 1].role.kind === 'heading') body.pop();
}

/** Heading depths for the styles a body uses, strongest first from h2, so levels never skip. */
export function headingDepths(body: Classified[]): Map<HeadingStyle, number> {
  const used = new Set(body.flatMap((c) => (c.role.kind === 'heading' ? [c.role.style] : [])));
  return new Map(HEADING_STYLES.filter((s) => used.has(s)).map((style, i) => [style, Math.min(6, i + 2)]));
}
