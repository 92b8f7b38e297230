import { deflateRawSync } from 'node:zlib';

/** One file of the archive. */
export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  data: Uint8Array | string;
  /** Stored without compression (the EPUB's `mimetype`, and media that do not shrink). */
  store?: boolean;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// A fixed time (1 January 2000, 00:00) keeps the archive the same for the same book.
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

interface HeaderFields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
}

/**
 * A local file header (30 bytes, fields from byte 4) or a central directory
 * record (46 bytes, fields from byte 6): the same fields in the same order,
 * only where they start differs.
 */
function header(signature: number, length: number, at: number, fields: HeaderFields): Buffer {
  const bytes = Buffer.alloc(length);
  bytes.writeUInt32LE(signature, 0);
  bytes.writeUInt16LE(20, at); // version needed to extract: 2.0 (deflate)
  bytes.writeUInt16LE(0x0800, at + 2); // names are UTF-8
  bytes.writeUInt16LE(fields.method, at + 4);
  bytes.writeUInt16LE(DOS_TIME, at + 6);
  bytes.writeUInt16LE(DOS_DATE, at + 8);
  bytes.writeUInt32LE(fields.crc, at + 10);
  bytes.writeUInt32LE(fields.compressed, at + 14);
  bytes.writeUInt32LE(fields.size, at + 18);
  bytes.writeUInt16LE(fields.nameLength, at + 22);
  return bytes;
}

/**
 * A ZIP archive of the entries, in the order given: deflated, or stored when
 * asked. No data descriptors, no extra fields and no ZIP64, as OCF requires of
 * the first entry (`mimetype`, stored) and as every reading system reads.
 */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const body = entry.store ? raw : deflateRawSync(raw, { level: 9 });
    const method = entry.store ? 0 : 8;
    const crc = crc32(raw);
    const fields = { method, crc, compressed: body.length, size: raw.length, nameLength: name.length };
    locals.push(header(0x04034b50, 30, 4, fields), name, body);
    const record = header(0x02014b50, 46, 6, fields);
    record.writeUInt16LE(20, 4); // made by: version 2.0
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  if (offset > 0xffffffff || entries.length > 0xffff) throw new Error('the EPUB is too large for a ZIP archive without ZIP64 (over 4 GB)');
  return Buffer.concat([...locals, directory, end]);
}
