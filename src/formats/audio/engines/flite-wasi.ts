// The small WASI that flite runs against in a worker: its command line, one
// preopened folder, and two files that live in memory. `in.txt` is read from
// the sentence queue; `out.wav` keeps only its 44-byte header, and hands the
// samples written after it to whoever asked for them.

const IN = 4;
const ERRNO_BADF = 8;
const ERRNO_NOENT = 44;
const O_TRUNC = 8;

/** How the worker's sentence bookkeeping hears what flite does with its two files. */
export interface FliteFiles {
  /** The next text flite reads from in.txt; empty for the end of the file. */
  nextText(): Uint8Array;
  /** out.wav was opened; answers whether the samples written through this handle belong to the sentence. */
  openedWav(): boolean;
  /** Samples (16-bit little-endian, past the header) written through a handle that belongs to the sentence. */
  samples(chunk: Uint8Array): void;
  /** A handle on out.wav was closed. */
  closedWav(): void;
}

/** flite called `exit()`. */
export class FliteExit extends Error {
  constructor(readonly code: number) {
    super(`flite exited with code ${code}`);
  }
}

type OpenFile = { kind: 'in' } | { kind: 'wav'; at: number; keep: boolean };

export class InMemoryWasi {
  memory?: WebAssembly.Memory;
  /** out.wav's header, as flite last wrote it. */
  readonly header = new Uint8Array(44);
  /** The last lines flite wrote to stderr. */
  stderr = '';
  private wavSize = 0;
  private pending: Uint8Array = new Uint8Array(0);
  private readonly files = new Map<number, OpenFile>();
  private nextFd = IN;
  private readonly args: Uint8Array[];
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(
    args: string[],
    private readonly hooks: FliteFiles,
  ) {
    this.args = args.map((arg) => this.encoder.encode(`${arg}\0`));
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.memory!.buffer);
  }

  /** The sample rate flite wrote into out.wav's header. */
  sampleRate(): number {
    return new DataView(this.header.buffer).getUint32(24, true);
  }

  /** The functions of `wasi_snapshot_preview1` that flite calls. */
  imports(): Record<string, (...args: never[]) => number> {
    return {
      args_sizes_get: (count: number, size: number) => this.argsSizes(count, size),
      args_get: (pointers: number, buffer: number) => this.argsGet(pointers, buffer),
      clock_time_get: (_id: number, _precision: bigint, out: number) => (this.view().setBigUint64(out, process.hrtime.bigint(), true), 0),
      fd_prestat_get: (fd: number, out: number) => this.prestat(fd, out),
      fd_prestat_dir_name: (fd: number, path: number) => (fd === 3 ? ((this.bytes()[path] = 0x2e), 0) : ERRNO_BADF),
      fd_fdstat_get: (fd: number, out: number) => this.fdstat(fd, out),
      fd_fdstat_set_flags: () => 0,
      path_open: (_dir: number, _flags: number, path: number, length: number, openFlags: number, _r: bigint, _i: bigint, _f: number, out: number) =>
        this.open(this.decoder.decode(this.bytes().subarray(path, path + length)), openFlags, out),
      fd_read: (fd: number, vectors: number, count: number, out: number) => this.read(fd, vectors, count, out),
      fd_write: (fd: number, vectors: number, count: number, out: number) => this.write(fd, vectors, count, out),
      fd_seek: (fd: number, offset: bigint, whence: number, out: number) => this.seek(fd, offset, whence, out),
      fd_close: (fd: number) => this.close(fd),
      proc_exit: (code: number): never => {
        throw new FliteExit(code);
      },
    };
  }

  private view(): DataView {
    return new DataView(this.memory!.buffer);
  }

  private iovecs(pointer: number, count: number): { at: number; length: number }[] {
    const view = this.view();
    return Array.from({ length: count }, (_, i) => ({ at: view.getUint32(pointer + 8 * i, true), length: view.getUint32(pointer + 8 * i + 4, true) }));
  }

  private argsSizes(count: number, size: number): number {
    this.view().setUint32(count, this.args.length, true);
    this.view().setUint32(size, this.args.reduce((sum, arg) => sum + arg.length, 0), true);
    return 0;
  }

  private argsGet(pointers: number, buffer: number): number {
    let at = buffer;
    this.args.forEach((arg, i) => {
      this.view().setUint32(pointers + 4 * i, at, true);
      this.bytes().set(arg, at);
      at += arg.length;
    });
    return 0;
  }

  /** One preopened directory, ".", as fd 3. */
  private prestat(fd: number, out: number): number {
    if (fd !== 3) return ERRNO_BADF;
    this.view().setUint8(out, 0);
    this.view().setUint32(out + 4, 1, true);
    return 0;
  }

  private fdstat(fd: number, out: number): number {
    const view = this.view();
    view.setUint8(out, fd === 3 ? 3 : fd <= 2 ? 2 : 4);
    view.setUint16(out + 2, 0, true);
    view.setBigUint64(out + 8, 0xffffffffffffffffn, true);
    view.setBigUint64(out + 16, 0xffffffffffffffffn, true);
    return 0;
  }

  private open(name: string, openFlags: number, out: number): number {
    const fd = this.nextFd++;
    if (name === 'in.txt') this.files.set(fd, { kind: 'in' });
    else if (name === 'out.wav') {
      // O_TRUNC: the empty file flite makes before its first utterance.
      if (openFlags & O_TRUNC) this.wavSize = 0;
      this.files.set(fd, { kind: 'wav', at: 0, keep: this.hooks.openedWav() });
    } else return ERRNO_NOENT;
    this.view().setUint32(out, fd, true);
    return 0;
  }

  private read(fd: number, vectors: number, count: number, out: number): number {
    const file = this.files.get(fd);
    if (!file) return ERRNO_BADF;
    let total = 0;
    for (const vector of this.iovecs(vectors, count)) {
      const n = file.kind === 'in' ? this.readText(vector, total > 0) : this.readWav(file, vector);
      total += n;
      if (n < vector.length) break;
    }
    this.view().setUint32(out, total, true);
    return 0;
  }

  /** Never blocks once something was read: flite gets what there is. */
  private readText(vector: { at: number; length: number }, readSome: boolean): number {
    if (!this.pending.length) {
      if (readSome) return 0;
      this.pending = this.hooks.nextText();
    }
    const n = Math.min(vector.length, this.pending.length);
    this.bytes().set(this.pending.subarray(0, n), vector.at);
    this.pending = this.pending.subarray(n);
    return n;
  }

  /** The header as flite last wrote it; the samples are not kept, and read as silence. */
  private readWav(file: { at: number }, vector: { at: number; length: number }): number {
    const n = Math.max(0, Math.min(vector.length, this.wavSize - file.at));
    const target = this.bytes();
    for (let i = 0; i < n; i++) target[vector.at + i] = file.at + i < 44 ? this.header[file.at + i]! : 0;
    file.at += n;
    return n;
  }

  private write(fd: number, vectors: number, count: number, out: number): number {
    const file = this.files.get(fd);
    let total = 0;
    for (const vector of this.iovecs(vectors, count)) {
      const chunk = this.bytes().subarray(vector.at, vector.at + vector.length);
      if (file?.kind === 'wav') {
        if (file.at < 44) this.header.set(chunk.subarray(0, 44 - file.at), file.at);
        if (file.at + chunk.length > 44 && file.keep) this.hooks.samples(chunk.slice(Math.max(0, 44 - file.at)));
        file.at += chunk.length;
        this.wavSize = Math.max(this.wavSize, file.at);
      } else if (fd === 2) this.stderr = (this.stderr + this.decoder.decode(chunk)).slice(-500);
      total += chunk.length;
    }
    this.view().setUint32(out, total, true);
    return 0;
  }

  private seek(fd: number, offset: bigint, whence: number, out: number): number {
    const file = this.files.get(fd);
    if (!file || file.kind !== 'wav') return ERRNO_BADF;
    file.at = (whence === 0 ? 0 : whence === 1 ? file.at : this.wavSize) + Number(offset);
    this.view().setBigUint64(out, BigInt(file.at), true);
    return 0;
  }

  private close(fd: number): number {
    const file = this.files.get(fd);
    this.files.delete(fd);
    if (file?.kind === 'wav') this.hooks.closedWav();
    return 0;
  }
}
