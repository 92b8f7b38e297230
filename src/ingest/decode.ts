import { InputError } from '../common/errors.js';

const PNG = [0x89, 0x50, 0x4e, 0x47];
const PDF = [0x25, 0x50, 0x44, 0x46];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const GIF = [0x47, 0x49, 0x46, 0x38];
const JPEG = [0xff, 0xd8, 0xff];

/**
 * Left-to-right and right-to-left overrides (U+202D, U+202E) force characters
 * to display in an order other than the one they are read in, so the page
 * would show one word while the narration says another ("Trojan Source"
 * spoofing). Articles never need them: direction comes from the text itself,
 * from isolates (U+2066–U+2069, kept) or from markup.
 */
const BIDI_OVERRIDES = /[\u202d\u202e]/gu;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Turn an input file's bytes into text, or explain in one line why it is not text.
 * Accepts UTF-8 (with or without BOM) and UTF-16 with a BOM; normalises line endings to \n
 * and removes bidi overrides.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputError(file, 'the file is empty');
  for (const [magic, kind] of [
    [PNG, 'a PNG image'],
    [PDF, 'a PDF'],
    [ZIP, 'a ZIP archive'],
    [GIF, 'a GIF image'],
    [JPEG, 'a JPEG image'],
  ] as const) {
    if (startsWith(bytes, [...magic])) throw new InputError(file, `this is ${kind}, not an article (binary file)`);
  }
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    if (bytes.includes(0)) throw new InputError(file, 'binary file (it contains NUL bytes), not a text article');
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      const declared = declaredHtmlEncoding(file, bytes);
      if (!declared) throw new InputError(file, `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}; save the file as UTF-8`);
      text = declared.decode(bytes);
    }
  }
  text = text.replace(/\r\n?/g, '\n').replace(BIDI_OVERRIDES, '');
  if (text.trim() === '') throw new InputError(file, 'the file holds only whitespace');
  return text;
}

/**
 * Older saved web pages are often in windows-1252 or another legacy encoding
 * and say so in a `<meta charset>`. Only an HTML file's own declaration
 * counts; any other file that is not UTF-8 stays an error rather than a guess.
 */
function declaredHtmlEncoding(file: string, bytes: Uint8Array): { decode(bytes: Uint8Array): string } | undefined {
  if (!/\.html?$/i.test(file)) return undefined;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label = /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head)?.[1];
  if (!label || /^utf-?8$/i.test(label)) return undefined;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return undefined;
  }
  // Node 20 decodes windows-1252 (and its aliases latin1, iso-8859-1) as ISO-8859-1, losing € “ ” – — and the rest.
  return decoder.encoding === 'windows-1252' ? { decode: decodeWindows1252 } : decoder;
}

// windows-1252 bytes 0x80–0x9F; the five undefined ones map to themselves, as in the WHATWG Encoding Standard.
const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
