/**
 * Just enough of a PDF content-stream reader to find operators and their
 * operands: strings, hex strings, names, numbers, arrays, dictionaries and
 * inline images are skipped correctly, nothing is interpreted.
 */
export interface Operation {
  operator: string;
  /** Offset of the first operand (or of the operator when there is none). */
  start: number;
  /** Offset just after the operator. */
  end: number;
  /** Source text of the operands, for the few operators whose operands matter. */
  operands: string;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const KEYWORDS = new Set(['true', 'false', 'null']);

// Byte classes in a table: the parser looks at every byte of every page, and
// a typed-array lookup is several times cheaper than Set.has on a number.
const SPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const c of WHITESPACE) CLASS[c] = SPACE;
for (const c of DELIMITERS) CLASS[c] = DELIMITER;
const isSpace = (c: number | undefined): boolean => c !== undefined && CLASS[c] === SPACE;
/** Whitespace or a delimiter: where a regular token (number, name, operator) ends. */
const ends = (c: number): boolean => CLASS[c] !== 0;

/** A PDF number (`12`, `-3.5`, `.25`, `4.`), checked byte by byte rather than with a regular expression per token. */
function isNumber(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
  let digits = 0;
  let dots = 0;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && dots === 0) dots++;
    else return false;
  }
  return digits > 0;
}

export function parseOperations(bytes: Uint8Array): Operation[] {
  const operations: Operation[] = [];
  const text = latin1(bytes);
  const n = bytes.length;
  let i = 0;
  let operandStart = -1;
  while (i < n) {
    const c = bytes[i];
    if (CLASS[c] === SPACE) {
      i++;
      continue;
    }
    if (CLASS[c] === DELIMITER) {
      // A comment, a dictionary's end and a stray closing bracket are not operands; the rest open one.
      if (operandStart < 0 && c !== 0x25 && c !== 0x29 && c !== 0x3e) operandStart = i;
      i = skipDelimited(bytes, i);
      continue;
    }
    const start = i;
    while (i < n && !ends(bytes[i])) i++;
    const word = isNumber(bytes, start, i) ? '' : text.slice(start, i);
    if (!word || KEYWORDS.has(word)) {
      if (operandStart < 0) operandStart = start;
      continue;
    }
    const from = operandStart < 0 ? start : operandStart;
    if (word === 'BI') {
      i = inlineImageEnd(bytes, text, i);
      operations.push({ operator: 'BI', start: from, end: i, operands: '' });
    } else {
      operations.push({ operator: word, start: from, end: i, operands: text.slice(from, start) });
    }
    operandStart = -1;
  }
  return operations;
}

/** Past the token that opens with the delimiter at `i`: a comment, string, hex string, name, bracket. */
function skipDelimited(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  const c = bytes[i];
  if (c === 0x25) {
    while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    return i;
  }
  if (c === 0x28) return skipString(bytes, i);
  if ((c === 0x3c || c === 0x3e) && bytes[i + 1] === c) return i + 2;
  if (c === 0x3c) {
    while (i < n && bytes[i] !== 0x3e) i++;
    return i + 1;
  }
  if (c === 0x2f) {
    i++;
    while (i < n && !ends(bytes[i])) i++;
    return i;
  }
  return i + 1;
}

/** An inline image's data runs from ID to EI and may hold any bytes: the offset just after its EI. */
function inlineImageEnd(bytes: Uint8Array, text: string, from: number): number {
  const n = bytes.length;
  let end = text.indexOf('ID', from) + 2;
  while (end < n) {
    end = text.indexOf('EI', end);
    if (end < 0) end = n;
    else if (isSpace(bytes[end - 1]) && (end + 2 >= n || isSpace(bytes[end + 2]))) break;
    else end += 2;
  }
  return Math.min(n, end + 2);
}

function skipString(bytes: Uint8Array, at: number): number {
  let depth = 0;
  let i = at;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === 0x5c) {
      i += 2;
      continue;
    }
    if (c === 0x28) depth++;
    else if (c === 0x29) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/** Each byte as one character (offsets in the text are offsets in the bytes); Node's decoder, not a loop of fromCharCode. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const PATH_CONSTRUCTION = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const CLIPPING = new Set(['W', 'W*']);

export interface Insertion {
  at: number;
  text: string;
}

const TEXT_ARTIFACT = '\n/Artifact <</Type /Pagination>> BDC\n';
const ARTIFACT = '\n/Artifact BMC\n';
const END = '\nEMC\n';

/**
 * Where to put /Artifact marks so that nothing is painted outside marked
 * content: text, images and paths that Chromium drew outside any marked
 * sequence (Paged.js's running heads and page numbers, page backgrounds,
 * images without alt text) become artifacts.
 */
export function artifactInsertions(operations: Operation[]): Insertion[] {
  const insertions: Insertion[] = [];
  const marks = new MarkStack();
  let pathStart = -1;
  for (let index = 0; index < operations.length; index++) {
    const op = operations[index];
    if (marks.track(op)) continue;
    if (op.operator === 'BT') {
      const close = findTextObjectEnd(operations, index);
      index = markTextObject(operations, index, close, insertions, marks);
      continue;
    }
    if (marks.covered) {
      pathStart = -1;
      continue;
    }
    if (PATH_CONSTRUCTION.has(op.operator)) {
      if (pathStart < 0) pathStart = op.start;
    } else if (PATH_PAINTING.has(op.operator)) {
      wrap(insertions, pathStart < 0 ? op.start : pathStart, op.end, ARTIFACT);
      pathStart = -1;
    } else if (op.operator === 'n') {
      pathStart = -1;
    } else if (op.operator === 'Do' || op.operator === 'sh' || op.operator === 'BI') {
      wrap(insertions, op.start, op.end, ARTIFACT);
    } else if (!CLIPPING.has(op.operator)) {
      // Nothing else may sit inside a path object, so a pending path start is stale.
      pathStart = -1;
    }
  }
  return insertions;
}

/**
 * The open marked-content sequences. Only a sequence with an MCID (tied to
 * the structure tree) or an /Artifact covers what it paints; Chromium also
 * opens plain ones (/Span with ActualText, /ReversedChars for right-to-left
 * runs) that cover nothing.
 */
class MarkStack {
  private readonly open: boolean[] = [];

  get covered(): boolean {
    return this.open.includes(true);
  }

  /** Follow BDC/BMC/EMC; true when `op` was one of them. */
  track(op: Operation): boolean {
    if (op.operator === 'BDC' || op.operator === 'BMC') {
      const operands = op.operands.trim();
      this.open.push(operands.startsWith('/Artifact') || /\/MCID\s+\d/.test(operands));
      return true;
    }
    if (op.operator === 'EMC') {
      this.open.pop();
      return true;
    }
    return false;
  }
}

function findTextObjectEnd(operations: Operation[], begin: number): number {
  for (let i = begin + 1; i < operations.length; i++) if (operations[i].operator === 'ET') return i;
  return operations.length - 1;
}

/** Each text-showing operator in the text object that no MCID or /Artifact sequence covers is wrapped as an artifact. */
function markTextObject(operations: Operation[], begin: number, close: number, insertions: Insertion[], marks: MarkStack): number {
  const inner = operations.slice(begin + 1, close);
  const hasMarks = inner.some((op) => op.operator === 'BDC' || op.operator === 'BMC');
  if (!hasMarks) {
    if (!marks.covered && inner.some((op) => TEXT_SHOWING.has(op.operator))) {
      wrap(insertions, operations[begin].start, operations[close].end, TEXT_ARTIFACT);
    }
    return close;
  }
  for (const op of inner) {
    if (marks.track(op)) continue;
    if (!marks.covered && TEXT_SHOWING.has(op.operator)) wrap(insertions, op.start, op.end, TEXT_ARTIFACT);
  }
  return close;
}

function wrap(insertions: Insertion[], start: number, end: number, open: string): void {
  insertions.push({ at: start, text: open }, { at: end, text: END });
}

/** Apply insertions (in any order) to the stream's bytes. */
export function applyInsertions(bytes: Uint8Array, insertions: Insertion[]): Uint8Array {
  if (!insertions.length) return bytes;
  const sorted = insertions.map((insertion, order) => ({ ...insertion, order })).sort((a, b) => a.at - b.at || a.order - b.order);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const insertion of sorted) {
    parts.push(bytes.subarray(at, insertion.at), encoder.encode(insertion.text));
    at = insertion.at;
  }
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
