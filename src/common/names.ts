import path from 'node:path';

// Separators, characters Windows forbids in names, and control characters.
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f]/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/iu;
const MAX_NAME_BYTES = 120;

/**
 * The name an article's outputs are filed under, from its file name.
 *
 * An input is named by whoever uploaded it, so its name must not steer where
 * outputs go: `...md` would otherwise give the folder `..`, one level above
 * `--out`. Spaces and letters of any script are kept (people read these
 * names); separators, control characters and leading dots are not, and the
 * result is never empty, `.` or `..`.
 */
export function outputName(source: string): string {
  const base = (isWebAddress(source) ? lastSegment(source) : path.basename(source, path.extname(source))).normalize('NFC');
  let name = base.replace(UNSAFE, '-').replace(/^[.\s]+|[.\s]+$/gu, '');
  if (!name || WINDOWS_RESERVED.test(name)) name = `article${name ? `-${name}` : ''}`;
  while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = [...name].slice(0, -1).join('');
  return name;
}

/** An input given as an address (`https://…`, or any `scheme://`) rather than a file path. */
export function isWebAddress(source: string): boolean {
  return /^[a-z][a-z\d+.-]*:\/\//iu.test(source);
}

/** "https://example.org/2024/some-post/" → "some-post"; the host when the path is empty; any extension dropped. */
function lastSegment(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return path.basename(address);
  }
  const segment = url.pathname.split('/').filter(Boolean).pop();
  if (!segment) return url.hostname;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Kept as written.
  }
  return path.basename(decoded, path.extname(decoded)) || url.hostname;
}

/** Thrown when a path built from input would land outside the folder it belongs in. */
export class OutsideFolderError extends Error {
  constructor(target: string, folder: string) {
    super(`refusing to write ${target}: it is outside the output folder ${folder}`);
    this.name = 'OutsideFolderError';
  }
}

/** `folder/name`, checked to stay inside `folder` whatever `name` holds. */
export function childPath(folder: string, name: string): string {
  const root = path.resolve(folder);
  const target = path.resolve(root, name);
  if (path.dirname(target) !== root) throw new OutsideFolderError(target, root);
  return target;
}
