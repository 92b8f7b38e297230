import { iso639_2 } from '../formats/audio/id3.js';
import { findingsFor, quote } from './finding.js';
import type { EditionFacts, Finding } from './types.js';
import { sameTitle } from './words.js';

/** Languages compare by their primary subtag; ID3 holds ISO 639-2 codes (eng, ara), the rest BCP 47. */
function sameLanguage(a: string, b: string): boolean {
  const code = (lang: string) => (lang.length === 3 && !lang.includes('-') ? lang.toLowerCase() : iso639_2(lang));
  const primary = (lang: string) => lang.toLowerCase().split('-')[0]!;
  return primary(a) === primary(b) || code(a) === code(b);
}

/**
 * The same article in every edition: one title, one language, the same
 * sections. The manifest (or else the page) is the reference.
 */
export function acrossEditions(folder: string, facts: EditionFacts[], manifest?: { title?: string; lang?: string }): Finding[] {
  const make = findingsFor('editions', folder);
  const page = facts.find((f) => f.edition === 'page');
  const title = manifest?.title ?? page?.title;
  const lang = manifest?.lang ?? page?.lang;
  const out: Finding[] = [];
  if (facts.length < 2 || !title) return out;
  const label = (f: EditionFacts) => `${f.edition} (${f.file.split(/[\\/]/u).pop()})`;
  const wrongTitle = facts.filter((f) => !sameTitle(f.title, title));
  out.push(wrongTitle.length
    ? make.fail('editions-title', `The title differs in ${wrongTitle.map(label).join(', ')}.`, {
      impact: 'A reader who finds the article in one edition cannot find it in another: the shelf, the podcast app and the PDF reader show different names.',
      fix: 'All editions take the title from the article; rebuild them together with `broadside build`.',
      examples: quote(wrongTitle.map((f) => `${f.edition}: ${f.title ?? '(none)'}`), 4),
    })
    : make.pass('editions-title', `Same title in ${facts.length} editions: “${title}”.`));
  if (lang) {
    const wrongLang = facts.filter((f) => !f.lang || !sameLanguage(f.lang, lang));
    out.push(wrongLang.length
      ? make.fail('editions-language', `The language differs from ${lang} in ${wrongLang.map((f) => `${label(f)}: ${f.lang ?? 'none'}`).join(', ')}.`, {
        impact: 'Screen readers and players choose the voice and pronunciation from the language: the wrong one makes the edition hard to understand.',
        fix: 'Give the article one language (`lang:`) and rebuild every edition.',
      })
      : make.pass('editions-language', `Same language (${lang}) in ${facts.length} editions.`));
  }
  const sections = page?.sections;
  if (sections?.length) {
    const short = facts.filter((f) => f.edition !== 'page' && f.sections && sections.some((s) => !f.sections!.some((t) => sameTitle(s, t))));
    out.push(short.length
      ? make.fail('editions-sections', `Sections of the page are missing from ${short.map(label).join(', ')}.`, {
        impact: 'A reader who moves between editions (listening, then reading the print) cannot find the same section in each.',
        fix: 'Bookmarks and chapters come from the headings: rebuild every edition from the same source.',
        examples: quote(short.flatMap((f) => sections.filter((s) => !f.sections!.some((t) => sameTitle(s, t))).map((s) => `${f.edition}: ${s}`)), 4),
      })
      : make.pass('editions-sections', `The page’s ${sections.length} sections are in every edition’s bookmarks or chapters.`));
  }
  return out;
}
