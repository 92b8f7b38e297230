import type { Root } from 'mdast';
import { franc } from 'franc-min';
import type { VFile } from 'vfile';
import { metaOf } from './file-data.js';
import { textBlocks } from './text-runs.js';

/** ISO 639-3 codes that franc-min returns → the BCP 47 tag for the same language (two letters where one exists). */
const BCP47: Record<string, string> = {
  amh: 'am', arb: 'ar', azj: 'az', bel: 'be', ben: 'bn', bos: 'bs', bul: 'bg', ces: 'cs', cmn: 'zh', deu: 'de',
  ell: 'el', eng: 'en', fra: 'fr', guj: 'gu', hau: 'ha', hin: 'hi', hrv: 'hr', hun: 'hu', ibo: 'ig', ind: 'id',
  ita: 'it', jav: 'jv', jpn: 'ja', kan: 'kn', kaz: 'kk', kin: 'rw', kor: 'ko', lin: 'ln', mal: 'ml', mar: 'mr',
  mya: 'my', nld: 'nl', npi: 'ne', nya: 'ny', pan: 'pa', pbu: 'ps', pes: 'fa', plt: 'mg', pol: 'pl', por: 'pt',
  ron: 'ro', run: 'rn', rus: 'ru', sin: 'si', som: 'so', spa: 'es', srp: 'sr', sun: 'su', swe: 'sv', swh: 'sw',
  tam: 'ta', tel: 'te', tgl: 'tl', tha: 'th', tur: 'tr', ukr: 'uk', urd: 'ur', uzn: 'uz', vie: 'vi', yor: 'yo',
  zlm: 'ms', zul: 'zu',
};

// Scripts franc-min does not model, each written by one main language.
const SCRIPT_LANGUAGES: [RegExp, string][] = [
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Armenian}/gu, 'hy'],
  [/\p{Script=Thaana}/gu, 'dv'],
  [/\p{Script=Khmer}/gu, 'km'],
  [/\p{Script=Lao}/gu, 'lo'],
];

/** Languages written right to left (primary subtags). */
export const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'sd', 'yi', 'ug', 'dv', 'ckb', 'syr', 'arc', 'ks', 'ku-arab']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);

export interface LanguageOptions {
  /** Whether the source stated the language / the direction (then it is kept as given). */
  stated: { lang: boolean; dir: boolean };
  /** Tag to use when the text is too short or too mixed to tell. Default `en`. */
  fallback?: string;
}

/**
 * The article's language, from the source where it says so, otherwise detected
 * from the text with franc-min; and its direction, from the language.
 */
export function detectLanguage({ stated, fallback = 'en' }: LanguageOptions) {
  return (tree: Root, file: VFile): void => {
    // The metadata being completed: `lang` and `dir` are filled in when missing.
    const meta = metaOf(file);
    if (stated.lang && meta.lang) {
      meta.lang = canonicalTag(meta.lang);
    } else {
      const text = plainText(tree);
      const detected = guessLanguage(text);
      if (detected) meta.lang = detected;
      else {
        meta.lang = fallback;
        file.message(`could not tell the language from the text; assuming "${fallback}" (state it in the source to be sure)`, { ruleId: 'lang-undetermined', source: 'broadside' });
      }
    }
    if (!stated.dir) meta.dir = directionOf(meta.lang);
  };
}

/** A BCP 47 tag for the language of `text`, or undefined when it cannot be told. */
export function guessLanguage(text: string): string | undefined {
  const sample = text.slice(0, 5000);
  // Many languages share the Latin script, and below a few sentences franc's
  // guess among them is noise (five English words come out as Uzbek).
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  const latin = (sample.match(/\p{Script=Latin}/gu) ?? []).length;
  const code = franc(sample, { minLength: letters && latin / letters > 0.5 ? 120 : 20 });
  if (code !== 'und') return BCP47[code] ?? code;
  for (const [script, lang] of SCRIPT_LANGUAGES) {
    if (letters && (sample.match(script) ?? []).length / letters > 0.5) return lang;
  }
  return undefined;
}

export function directionOf(lang: string): 'ltr' | 'rtl' {
  const subtags = lang.toLowerCase().split(/[-_]/);
  if (subtags.slice(1).some((s) => s.length === 4 && RTL_SCRIPTS.has(s))) return 'rtl';
  if (subtags.slice(1).some((s) => s.length === 4)) return 'ltr';
  return RTL_LANGUAGES.has(subtags[0]) ? 'rtl' : 'ltr';
}

/** `EN_gb` → `en-GB`: the case conventions of BCP 47. */
export function canonicalTag(tag: string): string {
  return tag
    .trim()
    .split(/[-_]/)
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part[0].toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}

function plainText(tree: Root): string {
  return textBlocks(tree)
    .map((block) => block.map((item) => item.node.value).join(''))
    .join('\n');
}
