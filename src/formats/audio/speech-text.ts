import type { Lexicon } from '../../document/types.js';
import { cardinal, decadeWords, numberWords, ordinal, romanValue, yearWords } from './numbers.js';
import { escapeRegExp } from '../../common/regexp.js';
import { wordsFor } from '../../document/words.js';

/** What characters an engine reads well. flite and festival spell out or drop non-ASCII letters. */
export type Charset = 'ascii' | 'unicode';

export interface SpeechTextOptions {
  /** BCP 47 language of the text. English gets the full set of rules; other languages lexicon and symbols. */
  lang?: string;
  lexicon?: Lexicon;
  charset?: Charset;
  /** The text is a heading: Roman numerals in it are read as numbers. */
  heading?: boolean;
}

/** Words for symbols (data/words.yaml, "symbols"). */
interface SymbolWords {
  and: string;
  percent: string;
  section: string;
  sections: string;
  dot: string;
  at: string;
  slash: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH = MONTHS.join('|');
const CURRENCIES: Record<string, [one: string, many: string, cent: string, cents: string]> = {
  $: ['dollar', 'dollars', 'cent', 'cents'],
  '£': ['pound', 'pounds', 'penny', 'pence'],
  '€': ['euro', 'euros', 'cent', 'cents'],
  '¥': ['yen', 'yen', 'sen', 'sen'],
  '₹': ['rupee', 'rupees', 'paisa', 'paise'],
};
const SCALE_WORDS: Record<string, string> = { thousand: 'thousand', million: 'million', billion: 'billion', trillion: 'trillion', k: 'thousand', m: 'million', bn: 'billion', tn: 'trillion' };
const UNITS: Record<string, [one: string, many: string]> = {
  km: ['kilometre', 'kilometres'],
  'km/h': ['kilometre per hour', 'kilometres per hour'],
  kph: ['kilometre per hour', 'kilometres per hour'],
  mph: ['mile per hour', 'miles per hour'],
  m: ['metre', 'metres'],
  cm: ['centimetre', 'centimetres'],
  mm: ['millimetre', 'millimetres'],
  mi: ['mile', 'miles'],
  kg: ['kilogram', 'kilograms'],
  g: ['gram', 'grams'],
  lb: ['pound', 'pounds'],
  lbs: ['pound', 'pounds'],
  t: ['tonne', 'tonnes'],
  l: ['litre', 'litres'],
  ml: ['millilitre', 'millilitres'],
  kWh: ['kilowatt hour', 'kilowatt hours'],
  MW: ['megawatt', 'megawatts'],
  GW: ['gigawatt', 'gigawatts'],
  GB: ['gigabyte', 'gigabytes'],
  MB: ['megabyte', 'megabytes'],
  '°C': ['degree Celsius', 'degrees Celsius'],
  '°F': ['degree Fahrenheit', 'degrees Fahrenheit'],
  '°': ['degree', 'degrees'],
};
/** Lexicon-less fallback: words an engine would read as ordinary words although they are initialisms. */
const READ_AS_WORD_TRAPS = new Set(['US']);

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const wordBounded = (pattern: string) => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${pattern})(?![\p{L}\p{N}])`, 'gu');

function primaryLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? 'en';
}

/** Lexicon entries replaced by what they say, longest term first so "IS-K" wins over "IS". */
export function applyLexicon(text: string, lexicon: Lexicon): string {
  const entries = lexicon.filter((entry) => entry.say && entry.say !== entry.term).sort((a, b) => b.term.length - a.term.length);
  if (!entries.length) return text;
  const say = new Map(entries.map((entry) => [entry.term, entry.say!]));
  return text.replace(wordBounded(entries.map((entry) => escapeRegExp(entry.term)).join('|')), (term) => say.get(term) ?? term);
}

function spokenAddress(address: string, words: SymbolWords): string {
  return address
    .replace(/^https?:\/\//iu, '')
    .replace(/^www\./iu, 'www.')
    .replace(/\/$/u, '')
    .replace(/@/gu, ` ${words.at} `)
    .replace(/\./gu, ` ${words.dot} `)
    .replace(/\//gu, ` ${words.slash} `)
    .replace(/[-_]/gu, ' ')
    .replace(/\bwww\b/gu, 'W W W')
    .replace(/\s+/gu, ' ')
    .trim();
}

function currency(symbol: string, amount: string, scale: string | undefined): string {
  const [one, many, cent, cents] = CURRENCIES[symbol]!;
  const scaleWord = scale ? SCALE_WORDS[scale.toLowerCase()] : undefined;
  if (scaleWord) return `${numberWords(amount)} ${scaleWord} ${many}`;
  const [whole = '0', fraction] = amount.replace(/,/gu, '').split('.');
  const main = `${cardinal(whole)} ${whole === '1' ? one : many}`;
  if (!fraction || /^0+$/u.test(fraction)) return main;
  const hundredths = Number(fraction.padEnd(2, '0').slice(0, 2));
  return `${main} and ${cardinal(hundredths)} ${hundredths === 1 ? cent : cents}`;
}

function clock(hours: string, minutes: string, meridiem: string | undefined): string {
  const h = cardinal(Number(hours));
  const m = Number(minutes);
  const suffix = meridiem ? ` ${meridiem[0]!.toUpperCase()} M` : '';
  if (m === 0) return meridiem ? `${h}${suffix}` : `${h} o'clock`;
  return `${h} ${m < 10 ? `oh ${cardinal(m)}` : cardinal(m)}${suffix}`;
}

/** The English rules for numbers, dates, times, money and units. */
function englishNumbers(text: string): string {
  return (
    text
      // ISO dates.
      .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/gu, (all, y: string, mo: string, d: string) =>
        Number(mo) >= 1 && Number(mo) <= 12 ? `${MONTHS[Number(mo) - 1]} ${ordinal(Number(d))}, ${yearWords(Number(y))}` : all,
      )
      .replace(new RegExp(String.raw`\b(${MONTH}) (\d{1,2})(?:st|nd|rd|th)?(,? (\d{4}))?\b`, 'gu'), (_all, month: string, d: string, _y, y?: string) =>
        `${month} ${ordinal(Number(d))}${y ? `, ${yearWords(Number(y))}` : ''}`,
      )
      .replace(new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)? (${MONTH})(,? (\d{4}))?\b`, 'gu'), (_all, d: string, month: string, _y, y?: string) =>
        `the ${ordinal(Number(d))} of ${month}${y ? `, ${yearWords(Number(y))}` : ''}`,
      )
      .replace(/\b(\d{1,2}):(\d{2})(?:\s?([ap])\.?m\.?(?![\p{L}]))?/giu, (_all, h: string, m: string, ap?: string) => clock(h, m, ap?.toLowerCase()))
      .replace(new RegExp(String.raw`([$£€¥₹])\s?(${NUMBER})(?:\s?(thousand|million|billion|trillion|bn|tn|[mk])\b)?`, 'giu'), (_all, symbol: string, amount: string, scale?: string) =>
        currency(symbol, amount, scale),
      )
      .replace(new RegExp(String.raw`(${NUMBER})\s?%`, 'gu'), (_all, n: string) => `${numberWords(n)} percent`)
      .replace(/\b(\d+)(st|nd|rd|th)\b/gu, (_all, n: string) => ordinal(n))
      .replace(/\b(1[1-9]|20)(\d)0s\b/gu, (_all, century: string, decade: string) => decadeWords(Number(`${century}${decade}0`)))
      .replace(/[’'](\d)0s\b/gu, (_all, decade: string) => decadeWords(1900 + Number(decade) * 10).replace(/^nineteen /u, ''))
      .replace(new RegExp(String.raw`(${NUMBER})\s?[–—]\s?(${NUMBER})`, 'gu'), '$1 to $2')
      .replace(new RegExp(String.raw`(?<![\p{L}\p{N}.])(${NUMBER}) ?(km/h|°C|°F|°|${Object.keys(UNITS).filter((u) => /^[\p{L}/]+$/u.test(u)).join('|')})(?![\p{L}\p{N}])`, 'gu'), (_all, n: string, unit: string) =>
        `${n} ${n === '1' ? UNITS[unit]![0] : UNITS[unit]![1]}`,
      )
      .replace(/(?<![\p{N},.])(1[1-9]\d\d|20\d\d)(?![\p{N}]|,\d|\.\d)/gu, (_all, y: string) => yearWords(Number(y)))
      .replace(new RegExp(String.raw`(?<![\p{N}])(${NUMBER})`, 'gu'), (n: string) => numberWords(n))
  );
}

/** Roman numerals in headings ("Part II", "World War II") read as numbers. */
function headingNumerals(text: string, lexicon: Lexicon): string {
  const terms = new Set(lexicon.map((entry) => entry.term));
  return text.replace(/(?<![\p{L}\p{N}])([IVXLCDM]+)(?![\p{L}\p{N}])/gu, (numeral: string, _n, offset: number) => {
    const value = romanValue(numeral);
    if (value === undefined || terms.has(numeral)) return numeral;
    // A lone "I" is the pronoun unless a word like "Part" says otherwise.
    const before = text.slice(0, offset);
    if (numeral.length === 1 && !/(part|chapter|section|book|volume|act|appendix|war|phase|article)\s+$/iu.test(before)) return numeral;
    return String(value);
  });
}

function toCharset(text: string, charset: Charset): string {
  let out = text
    .replace(/[‘’‚‛′]/gu, "'")
    .replace(/[“”„‟″«»]/gu, '"')
    .replace(/\s*[—―]\s*/gu, ', ')
    .replace(/\s+–\s+/gu, ', ')
    .replace(/–/gu, '-')
    .replace(/…/gu, '...')
    .replace(/\u00a0|\u202f/gu, ' ');
  if (charset === 'ascii') {
    out = out
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/gu, '')
      .replace(/[^\x20-\x7e]/gu, ' ');
  }
  return out.replace(/\s+/gu, ' ').trim();
}

/**
 * The text an engine should be given for a piece of displayed text: the
 * lexicon's pronunciations, numbers and symbols spelled out the way people
 * say them, and only characters the engine reads well.
 */
export function speechText(text: string, options: SpeechTextOptions = {}): string {
  const lang = primaryLanguage(options.lang ?? 'en');
  const lexicon = options.lexicon ?? [];
  const words = wordsFor<SymbolWords>('symbols', lang);
  let out = text.replace(/\s+/gu, ' ');
  out = out
    .replace(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu, (address) => spokenAddress(address, words))
    .replace(/\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)]/giu, (address) => spokenAddress(address, words));
  out = applyLexicon(out, lexicon);
  if (options.heading) out = headingNumerals(out, lexicon);
  if (lang === 'en') {
    const known = new Set(lexicon.map((entry) => entry.term));
    const shouting = out.replace(/[^\p{L}]/gu, '').length > 3 && out === out.toUpperCase();
    if (!shouting) {
      out = out.replace(wordBounded('[A-Z]{2,5}'), (word) => {
        if (known.has(word)) return word;
        if (READ_AS_WORD_TRAPS.has(word) || !/[AEIOUY]/u.test(word)) return word.split('').join(' ');
        return word;
      });
    }
    out = englishNumbers(out);
  }
  out = out
    .replace(/§§\s?/gu, `${words.sections} `)
    .replace(/§\s?/gu, `${words.section} `)
    .replace(/\s?&\s?/gu, ` ${words.and} `)
    .replace(/%/gu, ` ${words.percent}`);
  return toCharset(out, options.charset ?? 'unicode');
}
