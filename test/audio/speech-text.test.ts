import { describe, expect, it } from 'vitest';
import { speechText } from '../../src/formats/audio/speech-text.js';
import { cardinal, ordinal, yearWords } from '../../src/formats/audio/numbers.js';
import type { Lexicon } from '../../src/document/types.js';

const lexicon: Lexicon = [
  { term: 'IS-K', expansion: 'Islamic State Khorasan Province', say: 'I S K' },
  { term: 'ISKP', expansion: 'Islamic State Khorasan Province', say: 'I S K P' },
  { term: 'TTP', expansion: 'Tehrik-i-Taliban Pakistan', say: 'T T P' },
  { term: 'US', expansion: 'United States', say: 'U S' },
  { term: 'ISIS', expansion: 'Islamic State of Iraq and Syria' },
];
const en = (text: string, extra: Parameters<typeof speechText>[1] = {}) => speechText(text, { lang: 'en', lexicon, charset: 'ascii', ...extra });

describe('number words', () => {
  it('says cardinals, ordinals and years', () => {
    expect(cardinal(1074)).toBe('one thousand and seventy-four');
    expect(cardinal(2_500_000)).toBe('two million five hundred thousand');
    expect(ordinal(31)).toBe('thirty-first');
    expect(ordinal(12)).toBe('twelfth');
    expect(ordinal(100)).toBe('one hundredth');
    expect(yearWords(2023)).toBe('twenty twenty-three');
    expect(yearWords(1905)).toBe('nineteen oh five');
    expect(yearWords(2000)).toBe('two thousand');
  });
});

describe('speechText (English)', () => {
  it('speaks lexicon terms as the lexicon says, whole words only', () => {
    expect(en('IS-K and ISKP fight the TTP.')).toBe('I S K and I S K P fight the T T P.');
    expect(en('The US’s withdrawal')).toBe("The U S's withdrawal");
    expect(en('IS-Khorasan')).toBe('IS-Khorasan');
    expect(en('ISIS emerged')).toBe('ISIS emerged');
  });
  it('spells US even without a lexicon, but not in shouted text', () => {
    expect(speechText('US forces', { lang: 'en' })).toBe('U S forces');
    expect(speechText('WHAT ABOUT US', { lang: 'en' })).toBe('WHAT ABOUT US');
  });
  it('reads ordinals, years and decades', () => {
    expect(en('On the 31st of August')).toBe('On the thirty-first of August');
    expect(en('in January 2015')).toBe('in January twenty fifteen');
    expect(en('that of the 1990s.')).toBe('that of the nineteen nineties.');
    expect(en('music of the ’80s')).toBe('music of the eighties');
  });
  it('reads numbers with separators and decimals', () => {
    expect(en('1,074 words')).toBe('one thousand and seventy-four words');
    expect(en('a rate of 3.5')).toBe('a rate of three point five');
    expect(en('20 years')).toBe('twenty years');
  });
  it('reads currencies and percentages', () => {
    expect(en('$1.6 billion')).toBe('one point six billion dollars');
    expect(en('£20')).toBe('twenty pounds');
    expect(en('$5.50')).toBe('five dollars and fifty cents');
    expect(en('€1')).toBe('one euro');
    expect(en('45% of them')).toBe('forty-five percent of them');
    expect(en('2.5 %')).toBe('two point five percent');
  });
  it('reads times and dates', () => {
    expect(en('at 10:30')).toBe('at ten thirty');
    expect(en('at 9:05 p.m.')).toBe('at nine oh five P M');
    expect(en('at 7:00')).toBe("at seven o'clock");
    expect(en('December 8, 2023')).toBe('December eighth, twenty twenty-three');
    expect(en('8 December 2023')).toBe('the eighth of December, twenty twenty-three');
    expect(en('2023-12-08')).toBe('December eighth, twenty twenty-three');
  });
  it('reads units and ranges', () => {
    expect(en('a 5 km walk')).toBe('a five kilometres walk');
    expect(en('1 kg')).toBe('one kilogram');
    expect(en('25 °C')).toBe('twenty-five degrees Celsius');
    expect(en('pages 10–12')).toBe('pages ten to twelve');
  });
  it('reads Roman numerals in headings only', () => {
    expect(en('Part II: World War II', { heading: true })).toBe('Part two: World War two');
    expect(en('Chapter IV', { heading: true })).toBe('Chapter four');
    expect(en('What I saw', { heading: true })).toBe('What I saw');
    expect(en('Part II')).toBe('Part II');
  });
  it('reads symbols, URLs and e-mail addresses', () => {
    expect(en('Peace & Conflict')).toBe('Peace and Conflict');
    expect(en('under § 5')).toBe('under section five');
    expect(en('see https://www.example.com/about.')).toBe('see W W W dot example dot com slash about.');
    expect(en('write to asma.hussain@ndu.edu.pk')).toBe('write to asma dot hussain at ndu dot edu dot pk');
  });
  it('turns typographic characters into what an ASCII engine reads', () => {
    expect(en('“Yes” — she said… it’s café')).toBe('"Yes", she said... it\'s cafe');
    expect(speechText('“Yes” — café', { lang: 'en', charset: 'unicode' })).toBe('"Yes", café');
  });
});

describe('speechText (other languages)', () => {
  it('uses the language’s words for symbols and leaves numbers to the engine', () => {
    expect(speechText('الولايات المتحدة & طالبان 45%', { lang: 'ar' })).toBe('الولايات المتحدة و طالبان 45 بالمئة');
    expect(speechText('Paix & guerre, 1990', { lang: 'fr' })).toBe('Paix et guerre, 1990');
  });
});
