import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { canonicalTag, detectLanguage, directionOf, guessLanguage } from '../../src/document/language.js';
import type { ArticleMetadata } from '../../src/document/types.js';
import { file, md } from './helpers.js';

const SAMPLES: [string, string][] = [
  ['en', 'The council approved the outline plan by seven votes to five, and promised a review of the fishing grounds before any work begins.'],
  ['fr', 'Le conseil municipal a approuvé le projet par sept voix contre cinq et a promis une étude des zones de pêche avant le début des travaux.'],
  ['de', 'Der Gemeinderat hat den Plan mit sieben zu fünf Stimmen gebilligt und eine Prüfung der Fanggründe vor Beginn der Arbeiten versprochen.'],
  ['es', 'El ayuntamiento aprobó el plan por siete votos contra cinco y prometió un estudio de las zonas de pesca antes de empezar las obras.'],
  ['ar', 'وافق المجلس البلدي على الخطة بأغلبية سبعة أصوات مقابل خمسة، ووعد بمراجعة مناطق الصيد قبل بدء أي أعمال في الميناء.'],
  ['fa', 'شورای شهر این طرح را با هفت رأی موافق در برابر پنج رأی تصویب کرد و وعده داد که پیش از آغاز کار، مناطق ماهیگیری بررسی شود.'],
  ['ur', 'کونسل نے منصوبے کی منظوری سات کے مقابلے میں پانچ ووٹوں سے دی اور وعدہ کیا کہ کام شروع ہونے سے پہلے ماہی گیری کے علاقوں کا جائزہ لیا جائے گا۔'],
  ['he', 'מועצת העיר אישרה את התוכנית ברוב של שבעה קולות מול חמישה, והבטיחה לבחון את אזורי הדיג לפני תחילת העבודות בנמל.'],
];

function meta(lang = '', dir: 'ltr' | 'rtl' = 'ltr'): ArticleMetadata {
  return { title: 't', authors: [], date: null, lang, dir, description: '', keywords: [] };
}

describe('language detection', () => {
  it.each(SAMPLES)('detects %s', (lang, text) => {
    expect(guessLanguage(text)).toBe(lang);
  });

  it('fills lang and dir from the text when the source said nothing', () => {
    const m = meta();
    const tree: Root = md(SAMPLES[4][1]);
    detectLanguage({ stated: { lang: false, dir: false } })(tree, file(m));
    expect(m).toMatchObject({ lang: 'ar', dir: 'rtl' });
  });

  it('keeps a stated language (tidied) and derives the direction from it', () => {
    const m = meta('HE_il');
    detectLanguage({ stated: { lang: true, dir: false } })(md(SAMPLES[0][1]), file(m));
    expect(m).toMatchObject({ lang: 'he-IL', dir: 'rtl' });
  });

  it('falls back to English with a warning when the text is too short to tell', () => {
    const m = meta();
    const vfile = file(m);
    detectLanguage({ stated: { lang: false, dir: false } })(md('OK'), vfile);
    expect(m.lang).toBe('en');
    expect(vfile.messages.map((x) => x.ruleId)).toEqual(['lang-undetermined']);
  });

  it('ignores code when detecting', () => {
    const m = meta();
    detectLanguage({ stated: { lang: false, dir: false } })(md(`${SAMPLES[1][1]}\n\n\`\`\`\nconst the = and + of + with + that + this + from;\n\`\`\`\n`), file(m));
    expect(m.lang).toBe('fr');
  });
});

describe('direction', () => {
  it.each([
    ['ar', 'rtl'], ['he', 'rtl'], ['fa', 'rtl'], ['ur', 'rtl'], ['ps', 'rtl'], ['sd', 'rtl'], ['yi', 'rtl'], ['ug', 'rtl'], ['dv', 'rtl'], ['ckb', 'rtl'],
    ['ar-EG', 'rtl'], ['pa-Arab', 'rtl'], ['az-Latn', 'ltr'], ['en', 'ltr'], ['fr-CA', 'ltr'], ['zh-Hant', 'ltr'],
  ])('%s is %s', (lang, dir) => {
    expect(directionOf(lang)).toBe(dir);
  });

  it('writes tags the BCP 47 way', () => {
    expect(canonicalTag('EN_gb')).toBe('en-GB');
    expect(canonicalTag('zh-hant-tw')).toBe('zh-Hant-TW');
  });
});
