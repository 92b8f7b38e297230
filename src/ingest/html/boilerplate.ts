import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The wording and class names of boilerplate, as data/html-boilerplate.yaml states them. */
export interface BoilerplateRules {
  maxWords: number;
  exact: string[];
  starts: string[];
  contains: string[];
  creditWords: string[];
  classWords: string[];
}

export const BOILERPLATE_PATH = fileURLToPath(new URL('../../../data/html-boilerplate.yaml', import.meta.url));

let loaded: BoilerplateRules | undefined;

/** The rules shipped in data/html-boilerplate.yaml, read once. */
export function boilerplateRules(): BoilerplateRules {
  if (!loaded) {
    const data = parse(readFileSync(BOILERPLATE_PATH, 'utf8')) as Partial<BoilerplateRules>;
    const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
    loaded = {
      maxWords: Number(data.maxWords ?? 40),
      exact: list(data.exact),
      starts: list(data.starts),
      contains: list(data.contains),
      creditWords: list(data.creditWords),
      classWords: list(data.classWords),
    };
  }
  return loaded;
}

/** Blocks whose own text is judged: they hold phrasing, not other blocks. */
const BLOCKS = 'p, li, dt, dd, figcaption, h2, h3, h4, h5, h6, blockquote, div, section, header, footer, span, small, em, strong, b, i';
const BLOCK_CHILD = 'p, div, section, ul, ol, table, figure, blockquote, h1, h2, h3, h4, h5, h6, pre, article, header, footer, dl';
/** Elements whose class words are read: inline elements only for the words that mark hidden labels and credits. */
const INLINE = new Set(['A', 'SPAN', 'EM', 'STRONG', 'B', 'I', 'SMALL', 'ABBR', 'CODE', 'TIME', 'SUP', 'SUB', 'MARK', 'CITE']);
const INLINE_WORDS = new Set(['credit', 'credits', 'copyright', 'hidden', 'visually', 'sr', 'screen', 'share', 'sharing', 'social', 'ad', 'ads', 'advert', 'advertisement']);
/** A hover card: its inner box goes, the name it hangs on ("<span class=rollover><a>Ilhan Omar</a><span class=rollover-block>…") stays. */
const HOVER_WORDS = new Set(['rollover', 'tooltip', 'popover', 'hovercard']);
const LINK_WORDS = new Set(['share', 'sharing', 'social']);
const KEEP = 'pre, code, table, math, img, picture, video';

const words = (text: string) => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word));
const squash = (text: string) => text.toLowerCase().replace(/[’‘`]/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

function classWords(element: Element): string[] {
  return `${element.getAttribute('class') ?? ''} ${element.id}`.toLowerCase().split(/[\s_-]+/).filter(Boolean);
}

function linkText(element: Element): number {
  return [...element.querySelectorAll('a')].reduce((sum, link) => sum + normal(link.textContent ?? '').length, 0);
}

/** Whether a block's own words are boilerplate by the wording rules. */
export function isBoilerplateText(raw: string, rules: BoilerplateRules = boilerplateRules(), { listItem = false } = {}): boolean {
  const text = normal(raw);
  const count = words(text).length;
  if (count === 0 || count > rules.maxWords) return false;
  const plain = squash(text);
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  if (rules.exact.some((phrase) => squash(phrase) === plain)) return true;
  // An item of a list is the list's: "Sign up for an account" may be a step, not a prompt.
  if (listItem) return isCredit(text, rules);
  if (rules.starts.some((prefix) => lower.startsWith(prefix.toLowerCase().replace(/[’‘]/g, "'")))) return true;
  if (rules.contains.some((phrase) => lower.includes(phrase.toLowerCase()))) return true;
  return isCredit(text, rules) || isDateLine(text);
}

/**
 * "(Image: © NASA/ESA)", "Image copyright Getty Images", "Alex Wong | Getty Images",
 * "© Aaron Schwartz", "Photo: Jane Doe/AFP": a photo credit standing as text.
 */
function isCredit(text: string, rules: BoilerplateRules): boolean {
  const count = words(text).length;
  if (count > 14) return false;
  if (/^\(?\s*(image|photo|picture|pictures|photograph|illustration|video|credit|source)s?\s*(credit|copyright|courtesy|by)?\s*(:|©|\bcopyright\b)/i.test(text)) return true;
  if (/^(image|photo|picture)\s+(copyright|courtesy|credit)\b/i.test(text)) return true;
  if (/^©/.test(text) && count <= 8) return true;
  const agencies = rules.creditWords.map((word) => word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const tail = new RegExp(`(^|[|/,;(]|\\s)\\s*(${agencies})\\s*\\)?\\s*$`, 'i');
  // A caption ending with a credit is a caption; a credit alone has no sentence before it.
  return count <= 8 && tail.test(text) && !/[.!?]\s/.test(text) && /[|/]|^\(|^\p{Lu}/u.test(text);
}

const DATE = /\b(\d{1,2}[:.]\d{2}\s*(am|pm)?|\d{1,2}\/\d{1,2}\/\d{2,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|\d{4}-\d{2}-\d{2}|\d+\s+(minute|hour|day|week|month)s?\s+ago)\b/i;

/** "Published: 10:48, Tue, Nov 19, 2019", "Updated 10:01 pm PST, Tuesday…", "By Jane Doe – 11/18/19 11:04 PM EST". */
function isDateLine(text: string): boolean {
  if (words(text).length > 20 || !DATE.test(text)) return false;
  return /^(\|\s*)?(first\s+)?(published|updated|posted|last\s+updated|last\s+modified|modified|date|by|publié|mis à jour|publicado|actualizado|veröffentlicht|aktualisiert)\b/i.test(text);
}

/**
 * Take the boilerplate out of an extracted article, in place: elements whose
 * class or id marks them (unless they hold a quarter of the text), blocks that
 * are only boilerplate wording, photo credits and date lines, link-only
 * paragraphs, and lists of links under a "Related" label.
 */
export function removeBoilerplate(root: Element, rules: BoilerplateRules = boilerplateRules()): void {
  const total = Math.max(1, normal(root.textContent ?? '').length);
  const marks = new Set(rules.classWords);
  for (const element of [...root.querySelectorAll('[class], [id]')]) {
    if (!root.contains(element) || element.matches(KEEP) || element.querySelector('pre, table')) continue;
    const hit = INLINE.has(element.tagName) ? inlineHit(element, marks) : classWords(element).some((word) => marks.has(word));
    if (hit && normal(element.textContent ?? '').length < total / 4) element.remove();
  }
  for (const element of [...root.querySelectorAll(BLOCKS)]) {
    if (!root.contains(element) || element.closest(KEEP) || element.querySelector(BLOCK_CHILD)) continue;
    // A label inside a sentence ("<b>Read more</b> about it below") is the sentence's.
    if (INLINE.has(element.tagName) && !standsAlone(element)) continue;
    if (isBoilerplateText(element.textContent ?? '', rules, { listItem: element.closest('li') !== null })) {
      const list = element.tagName !== 'LI' ? relatedList(element) : null;
      list?.remove();
      removeWithEmptyParents(element, root);
    }
  }
  for (const paragraph of [...root.querySelectorAll('p, div')]) {
    if (!root.contains(paragraph) || paragraph.querySelector(BLOCK_CHILD) || paragraph.querySelector('img')) continue;
    const text = normal(paragraph.textContent ?? '');
    // A bare address is a source cited, not a link to elsewhere on the site.
    if (/^(https?:\/\/|www\.)\S+$/i.test(text)) continue;
    if (text && words(text).length <= 25 && linkText(paragraph) >= 0.9 * text.length) removeWithEmptyParents(paragraph, root);
  }
}

/** Whether an inline element's class marks it as boilerplate: never a link's words, unless it shares the page. */
function inlineHit(element: Element, marks: Set<string>): boolean {
  const words = classWords(element);
  if (element.tagName === 'A') return words.some((word) => LINK_WORDS.has(word));
  if (words.some((word) => INLINE_WORDS.has(word))) return true;
  const parent = element.parentElement;
  return words.some((word) => HOVER_WORDS.has(word)) && !!parent && INLINE.has(parent.tagName) && classWords(parent).some((word) => marks.has(word));
}

/** An inline element that is the only text of its block. */
function standsAlone(element: Element): boolean {
  const parent = element.parentElement;
  return !!parent && normal(parent.textContent ?? '') === normal(element.textContent ?? '');
}

/** The list of links that follows a "Related:" or "More:" label. */
function relatedList(label: Element): Element | null {
  const next = label.nextElementSibling;
  if (!next || !/^(UL|OL)$/.test(next.tagName)) return null;
  const text = normal(next.textContent ?? '');
  return text && linkText(next) >= 0.8 * text.length ? next : null;
}

function removeWithEmptyParents(element: Element, root: Element): void {
  let target: Element = element;
  while (target.parentElement && target.parentElement !== root && !normal(target.parentElement.textContent ?? '').replace(normal(target.textContent ?? ''), '').trim() && !target.parentElement.querySelector('img')) {
    target = target.parentElement;
  }
  target.remove();
}
