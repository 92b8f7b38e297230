import type { Classified } from './classify.js';
import type { Judged, Quality } from './quality.js';
import { endsSentence, judge, LENGTH_HIGH } from './quality.js';
import type { PageLanguage } from './stopwords.js';

/** The article body found among the classified units. */
export interface Selection {
  /** Per unit: is it article text? */
  keep: boolean[];
  /** Index of the first and last kept unit, -1 when none. */
  first: number;
  last: number;
  /** The units' classes after the context pass (for tests and diagnostics). */
  quality: Quality[];
}

/** Characters of good text a run needs before a closing marker ends the article. */
const CLOSED_BODY = 600;
/** Characters a heading may stand above the paragraph it heads (jusText's max_heading_distance). */
const MAX_HEADING_DISTANCE = 200;

/**
 * Find the article: judge every unit on its own, let the neighbours decide the
 * short and near-good ones (jusText), then keep the densest run of good text
 * (Boilerpipe's main block), so related stories and comments elsewhere on the
 * page are left out even where they read well.
 */
export function selectBody(items: Classified[], language: PageLanguage): Selection {
  const first = selectOnce(items, language, new Set());
  // A line the page says twice, once outside the article found, is a teaser or a
  // menu item wherever it stands (an article does not repeat its own paragraphs); read again without those.
  const outside = new Map<string, boolean>();
  const counts = new Map<string, number>();
  items.forEach((c, i) => {
    counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
    if (i < first.start || i > first.end) outside.set(key(c), true);
  });
  const repeated = new Set<number>();
  items.forEach((c, i) => {
    if ((counts.get(key(c)) ?? 0) > 1 && outside.get(key(c)) && key(c).length >= 20) repeated.add(i);
  });
  return repeated.size ? selectOnce(items, language, repeated) : first;
}

const key = (c: Classified) => c.unit.text.trim();

function selectOnce(items: Classified[], language: PageLanguage, repeated: Set<number>): Selection & { start: number; end: number } {
  const judged = items.map((c, i) => judge(c, language, repeated.has(i)));
  const sum = (q: Quality) => judged.reduce((n, j) => n + (j.quality === q ? j.chars : 0), 0);
  if (sum('good') < 0.25 * sum('neargood')) {
    // A page written in short paragraphs (or with none long): near-good text is its prose.
    for (const j of judged) if (j.quality === 'neargood') j.quality = 'good';
  }
  const quality = revise(judged);
  let [start, end] = mainRun(items, quality, judged);
  // The run starts and ends with text judged good on its own: short lines at its edges belong to the page.
  const solid = (i: number) => judged[i].initial === 'good' || judged[i].initial === 'neargood';
  while (start < end && !solid(start)) start++;
  while (end > start && !solid(end)) end--;
  const keep = quality.map((q, i) => i >= start && i <= end && q === 'good');
  closingLines(items, judged, keep, end);
  return { keep, first: keep.indexOf(true), last: keep.lastIndexOf(true), quality, start, end };
}

function neighbour(quality: Quality[], i: number, step: 1 | -1, ignoreNeargood: boolean): Quality {
  for (let j = i + step; j >= 0 && j < quality.length; j += step) {
    const q = quality[j];
    if (q === 'good' || q === 'bad') return q;
    if (q === 'neargood' && !ignoreNeargood) return q;
  }
  return 'bad';
}

/** jusText's context pass: headings above good text, then short and near-good units by their neighbours. */
function revise(judged: Judged[]): Quality[] {
  const quality = judged.map((j) => j.quality);
  headingsAboveGood(judged, quality, (i) => quality[i] === 'short', 'neargood');
  const next = [...quality];
  quality.forEach((q, i) => {
    if (q !== 'short') return;
    const prev = neighbour(quality, i, -1, true);
    const after = neighbour(quality, i, 1, true);
    if (prev === 'good' && after === 'good') next[i] = 'good';
    else if (prev === 'bad' && after === 'bad') next[i] = 'bad';
    else if ((prev === 'bad' && neighbour(quality, i, -1, false) === 'neargood') || (after === 'bad' && neighbour(quality, i, 1, false) === 'neargood')) next[i] = 'good';
    else next[i] = 'bad';
  });
  quality.forEach((q, i) => {
    if (q !== 'neargood') return;
    const prev = neighbour(quality, i, -1, true);
    const after = neighbour(quality, i, 1, true);
    next[i] = prev === 'bad' && after === 'bad' ? 'bad' : 'good';
  });
  headingsAboveGood(judged, next, (i) => next[i] === 'bad' && judged[i].initial !== 'bad', 'good');
  return next;
}

function headingsAboveGood(judged: Judged[], quality: Quality[], applies: (i: number) => boolean, to: Quality): void {
  judged.forEach((j, i) => {
    if (!j.heading || !applies(i)) return;
    let distance = 0;
    for (let k = i + 1; k < judged.length && distance <= MAX_HEADING_DISTANCE; k++) {
      if (quality[k] === 'good') {
        quality[i] = to;
        return;
      }
      distance += judged[k].chars;
    }
  });
}

/**
 * The run of units with the most good text, bad text counting against it.
 * A closing marker ("Related Articles", "Comments") ends a run, and a run
 * after one counts for less: comments can outweigh a short article.
 */
function mainRun(items: Classified[], quality: Quality[], judged: Judged[]): [number, number] {
  let best: [number, number] = [-1, -2];
  let bestScore = 0;
  let start = 0;
  let score = 0;
  let weight = 1;
  let text = 0;
  const bonus = metadataBonus(items, quality);
  for (let i = 0; i < items.length; i++) {
    // Only a closing marker under a real body closes it: "0 Comments" by the byline, or a
    // "Related articles" box after the first paragraph, is chrome inside the article.
    const role = items[i].role;
    if (role.kind === 'end' && text >= (role.comments ? 1 : CLOSED_BODY)) {
      weight = 0.3;
      [score, text, start] = [0, 0, i + 1];
      continue;
    }
    score += weight * (value(quality[i], judged[i]) + (bonus.get(i) ?? 0));
    if (quality[i] === 'good') text += judged[i].chars;
    if (score <= 0) {
      [score, text, start] = [0, 0, i + 1];
    } else if (score > bestScore) {
      bestScore = score;
      best = [start, i];
    }
  }
  return best;
}

/** What a unit adds to a run: good text its length, bad text a cost growing with its length, up to a paragraph's worth. */
function value(quality: Quality, j: Judged): number {
  if (quality === 'good') return j.chars;
  return -Math.min(LENGTH_HIGH, 20 + j.chars);
}

/** What the article's own date or byline is worth to the text right under it. */
const METADATA_BONUS = 600;
/** How many units below the date or byline the text may begin. */
const METADATA_REACH = 4;

/**
 * An article begins under its date or byline: the first good unit just below
 * the page's first such lines gets a head start, so a longer run of teasers
 * elsewhere on the page does not win over a short story.
 */
function metadataBonus(items: Classified[], quality: Quality[]): Map<number, number> {
  const bonus = new Map<number, number>();
  const meta = items.flatMap((c, i) => (c.role.kind === 'date' || c.role.kind === 'byline' ? [i] : [])).slice(0, 2);
  for (const m of meta) {
    for (let i = m + 1; i <= m + METADATA_REACH && i < items.length; i++) {
      if (quality[i] !== 'good') continue;
      bonus.set(i, METADATA_BONUS);
      break;
    }
  }
  return bonus;
}

/** How many short sentences may close the article after its last paragraph ("Thanks for reading."). */
const CLOSING_LINES = 2;

/** Short sentences right after the body's last unit are its closing lines, not the page's. */
function closingLines(items: Classified[], judged: Judged[], keep: boolean[], end: number): void {
  if (end < 0 || !keep[end]) return;
  for (let i = end + 1; i <= end + CLOSING_LINES && i < items.length; i++) {
    const c = items[i];
    if (c.role.kind !== 'paragraph' || judged[i].initial !== 'short' || !endsSentence(c.unit.text)) return;
    keep[i] = true;
  }
}
