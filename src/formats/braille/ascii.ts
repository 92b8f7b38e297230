/**
 * North American Braille ASCII, the code of BRF files: the character at index
 * n stands for the six-dot cell whose dots are the bits of n (dot 1 = 1,
 * dot 2 = 2, dot 3 = 4, dot 4 = 8, dot 5 = 16, dot 6 = 32), which is also
 * the cell's offset from U+2800 in Unicode's braille block.
 */
export const BRAILLE_ASCII = ' A1B\'K2L@CIF/MSP"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=';

const CELL_OF = new Map<string, number>([...BRAILLE_ASCII].map((char, cell) => [char, cell]));
const BLANK = 0x2800;

/** What became of Unicode braille turned into BRF. */
export interface Converted {
  brf: string;
  /** Where cells had dots 7 or 8, which six-dot BRF cannot hold: those dots were dropped. Indexes into `brf`. */
  eightDot: number[];
  /** Characters that were not braille at all (a table left them untranslated): they were dropped. */
  foreign: string[];
}

/** Unicode braille (liblouis with unicode.dis) to upper-case braille ASCII; U+2800 and spaces become spaces. */
export function unicodeToBrf(text: string): Converted {
  let brf = '';
  const eightDot: number[] = [];
  const foreign: string[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === ' ') {
      brf += ' ';
    } else if (code >= BLANK && code <= 0x28ff) {
      if (code - BLANK > 63) eightDot.push(brf.length);
      brf += BRAILLE_ASCII[(code - BLANK) & 63];
    } else {
      foreign.push(char);
    }
  }
  return { brf, eightDot, foreign };
}

/** Braille ASCII (either case) to Unicode braille cells, a space to the blank cell U+2800. */
export function brfToUnicode(brf: string): string {
  let out = '';
  for (const char of brf) {
    const cell = CELL_OF.get(toUpper(char));
    out += cell === undefined ? char : String.fromCodePoint(BLANK + cell);
  }
  return out;
}

/** Lower-case braille ASCII, liblouis's own form (a–z, and `{|}~ for @[\]^), which its back-translation reads. */
export function brfToLowerAscii(brf: string): string {
  return brf.replace(/[A-Z@[\\\]^]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 32));
}

function toUpper(char: string): string {
  const code = char.charCodeAt(0);
  return code >= 0x60 && code <= 0x7e ? String.fromCharCode(code - 32) : char;
}

/** A braille page number: the number sign and the digits as the letters a–j (UEB and most literary codes). */
export function brailleNumber(n: number): string {
  return `#${[...String(n)].map((digit) => 'JABCDEFGHI'[Number(digit)]).join('')}`;
}

/** The number a braille page number stands for, or undefined. */
export function readBrailleNumber(sign: string): number | undefined {
  const match = /^#([A-J]+)$/.exec(sign);
  if (!match) return undefined;
  return Number([...match[1]].map((letter) => 'JABCDEFGHI'.indexOf(letter)).join(''));
}
