import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's epubcheck package puts the jar; its /usr/bin wrapper needs a binfmt handler containers lack. */
export const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar';

export interface CheckMessage {
  severity: string;
  id: string;
  message: string;
  /** `path:line` of the first place it was found, when the checker says. */
  where?: string;
}

export interface EpubcheckResult {
  errors: number;
  warnings: number;
  /** Fatal errors, errors and warnings (not infos or usage notes). */
  messages: CheckMessage[];
}

interface EpubcheckJson {
  messages: { severity: string; ID: string; message: string; locations?: { path: string; line: number }[] }[];
}

/**
 * Run EPUBCheck on a book (`java -jar epubcheck.jar book.epub --json`).
 * Resolves with its errors and warnings; rejects only when it cannot run.
 */
export async function epubcheck(file: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<EpubcheckResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'broadside-epubcheck-'));
  const report = path.join(dir, 'report.json');
  try {
    // EPUBCheck exits 1 when it finds errors: the report says what they are.
    await run('java', ['-jar', EPUBCHECK_JAR, path.resolve(file), '--json', report, '--quiet'], {
      signal: options.signal,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: NodeJS.ErrnoException & { code?: unknown }) => {
      if (typeof error.code !== 'number') throw new Error(`EPUBCheck could not run (java -jar ${EPUBCHECK_JAR}): ${error.message.split('\n')[0]}`);
    });
    const parsed = JSON.parse(await readFile(report, 'utf8')) as EpubcheckJson;
    const messages = parsed.messages
      .filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity))
      .map((m) => ({ severity: m.severity, id: m.ID, message: m.message, where: m.locations?.[0] ? `${m.locations[0].path}:${m.locations[0].line}` : undefined }));
    return {
      errors: messages.filter((m) => m.severity !== 'WARNING').length,
      warnings: messages.filter((m) => m.severity === 'WARNING').length,
      messages,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface AceViolation {
  /** The rule (axe's id, or Ace's own such as `metadata-accessmode`). */
  rule: string;
  impact: string;
  /** The document it was found in. */
  where: string;
  description: string;
}

export interface AceResult {
  outcome: string;
  violations: AceViolation[];
  /** Accessibility metadata Ace found missing (informative, not violations). */
  missingMetadata: string[];
}

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions?: {
    'earl:testSubject': { url: string };
    assertions?: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'earl:outcome': string; 'dct:description'?: string } }[];
  }[];
  'a11y-metadata'?: { missing?: string[] };
}

function aceScript(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@daisy/ace-cli/package.json')), 'bin', 'ace.js');
}

/**
 * Run Ace by DAISY on a book. It drives Chromium through Puppeteer: the
 * browser is PUPPETEER_EXECUTABLE_PATH, or `browserPath`, or /usr/bin/chromium.
 */
export async function ace(file: string, options: { signal?: AbortSignal; timeoutMs?: number; browserPath?: string } = {}): Promise<AceResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'broadside-ace-'));
  try {
    const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: options.browserPath ?? process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium', PUPPETEER_SKIP_DOWNLOAD: '1' };
    await run(process.execPath, [aceScript(), '--silent', '--force', '--outdir', dir, path.resolve(file)], {
      env,
      signal: options.signal,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: Error) => {
      throw new Error(`Ace could not check ${file}: ${error.message.split('\n')[0]}`);
    });
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as AceReport;
    const violations: AceViolation[] = [];
    for (const subject of report.assertions ?? []) {
      for (const assertion of subject.assertions ?? []) {
        if (assertion['earl:result']['earl:outcome'] !== 'fail') continue;
        violations.push({
          rule: assertion['earl:test']['dct:title'],
          impact: assertion['earl:test']['earl:impact'],
          where: subject['earl:testSubject'].url,
          description: assertion['earl:result']['dct:description'] ?? '',
        });
      }
    }
    return { outcome: report['earl:result']['earl:outcome'], violations, missingMetadata: report['a11y-metadata']?.missing ?? [] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
