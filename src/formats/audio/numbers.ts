// English number words, for the narration. Engines differ in how they read
// digits ("1990s", "31st", "1,074"), so the narration spells them out itself.

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: [bigint, string][] = [
  [10n ** 12n, 'trillion'],
  [10n ** 9n, 'billion'],
  [10n ** 6n, 'million'],
  [1000n, 'thousand'],
];

function belowThousand(n: number): string {
  const words: string[] = [];
  if (n >= 100) {
    words.push(`${ONES[Math.floor(n / 100)]} hundred`);
    n %= 100;
    if (n) words.push('and');
  }
  if (n >= 20) words.push(TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : ''));
  else if (n > 0 || !words.length) words.push(ONES[n]!);
  return words.join(' ');
}

/** Cardinal words of a whole number: 1074 → "one thousand and seventy-four". */
export function cardinal(value: number | bigint | string): string {
  let n = BigInt(typeof value === 'number' ? Math.trunc(value) : value);
  if (n < 0n) return `minus ${cardinal(-n)}`;
  if (n < 1000n) return belowThousand(Number(n));
  if (n >= 10n ** 15n) return String(n).split('').map((d) => ONES[Number(d)]).join(' ');
  const parts: string[] = [];
  for (const [scale, name] of SCALES) {
    if (n >= scale) {
      parts.push(`${cardinal(n / scale)} ${name}`);
      n %= scale;
    }
  }
  if (n > 0n) parts.push(n < 100n ? `and ${belowThousand(Number(n))}` : belowThousand(Number(n)));
  return parts.join(' ');
}

const ORDINAL_IRREGULAR: Record<string, string> = { one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth', twelve: 'twelfth' };

/** Ordinal words: 31 → "thirty-first". */
export function ordinal(value: number | string): string {
  const words = cardinal(value);
  return words.replace(/([a-z]+)$/u, (last) => {
    if (ORDINAL_IRREGULAR[last]) return ORDINAL_IRREGULAR[last]!;
    if (last.endsWith('y')) return `${last.slice(0, -1)}ieth`;
    return `${last}th`;
  });
}

/** Digits read one by one, as after a decimal point: "05" → "zero five". */
export function digits(text: string): string {
  return text.split('').map((d) => ONES[Number(d)]).join(' ');
}

/** A number as written, with separators and decimals: "1,074.5" → "one thousand and seventy-four point five". */
export function numberWords(text: string): string {
  const [whole = '0', fraction] = text.replace(/,/gu, '').split('.');
  const spoken = cardinal(whole || '0');
  return fraction ? `${spoken} point ${digits(fraction)}` : spoken;
}

/** A year the way people say it: 1990 → "nineteen ninety", 2005 → "two thousand five", 1905 → "nineteen oh five". */
export function yearWords(year: number): string {
  if (year >= 2000 && year < 2010) return year === 2000 ? 'two thousand' : `two thousand ${ONES[year - 2000]}`;
  if (year < 1100 || year >= 10000) return cardinal(year);
  const high = Math.floor(year / 100);
  const low = year % 100;
  if (low === 0) return `${cardinal(high)} hundred`;
  return `${cardinal(high)} ${low < 10 ? `oh ${ONES[low]}` : cardinal(low)}`;
}

/** A decade: 1990 → "nineteen nineties", 2000 → "two thousands". */
export function decadeWords(decade: number): string {
  if (decade % 100 === 0) return `${cardinal(decade / 100)} hundreds`.replace('twenty hundreds', 'two thousands');
  const spoken = yearWords(decade);
  return spoken.endsWith('y') ? `${spoken.slice(0, -1)}ies` : `${spoken}s`;
}

const ROMAN: [string, number][] = [['M', 1000], ['CM', 900], ['D', 500], ['CD', 400], ['C', 100], ['XC', 90], ['L', 50], ['XL', 40], ['X', 10], ['IX', 9], ['V', 5], ['IV', 4], ['I', 1]];

/** The value of a well-formed Roman numeral, or undefined. */
export function romanValue(text: string): number | undefined {
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/u.test(text) || !text) return undefined;
  let value = 0;
  let rest = text;
  for (const [symbol, amount] of ROMAN) {
    while (rest.startsWith(symbol)) {
      value += amount;
      rest = rest.slice(symbol.length);
    }
  }
  return value;
}
