import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { ALL_FORMATS } from './types.js';

/**
 * The project's defaults, from broadside.config.{json,js,mjs,ts} or the
 * "broadside" key of package.json in the working folder. Command-line options
 * override them.
 */
export const ConfigSchema = v.strictObject({
  /** Editions to build. */
  formats: v.optional(v.pipe(v.array(v.picklist(ALL_FORMATS)), v.minLength(1))),
  /** Output folder. */
  out: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Print paper size. */
  paper: v.optional(v.picklist(['a4', 'letter'])),
  /** Narration voice, `engine` or `engine:voice`. */
  voice: v.optional(v.pipe(v.string(), v.regex(/^[\w-]+(:.+)?$/, 'expected "engine" or "engine:voice"'))),
  /** Master audio for ACX. */
  acx: v.optional(v.boolean()),
  /** An extra lexicon file (YAML), relative to the config file, applied to every article. */
  lexicon: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Chrome or Chromium to use. */
  browser: v.optional(v.string()),
  /** Largest input accepted, in bytes. */
  maxInputBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Milliseconds one fetch of a web address may take. */
  fetchTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Fetch web addresses on loopback, private and link-local networks too. */
  allowPrivateNetwork: v.optional(v.union([v.boolean(), v.array(v.pipe(v.string(), v.check((value) => isIP(value.replace(/^\[|\]$/gu, '')) !== 0, 'expected an IP address')))])),
  /** Milliseconds one PDF layout may take. */
  renderTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1000))),
  /** Milliseconds the speech engine may take for one sentence. */
  synthesisTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Largest article, in characters of text, the print editions accept. */
  maxPrintChars: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Largest narration, in characters of text, the audio edition accepts. */
  maxNarrationChars: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Braille grade where the language has both: 2 (contracted) or 1. */
  brailleGrade: v.optional(v.picklist([1, 2])),
  /** Braille cells per line and lines per page. */
  brailleCells: v.optional(v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(100))),
  brailleLines: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(100))),
});

export type Config = v.InferOutput<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const CANDIDATES = ['broadside.config.json', 'broadside.config.js', 'broadside.config.mjs', 'broadside.config.ts'];

async function loadRaw(file: string): Promise<unknown> {
  if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8'));
  const url = pathToFileURL(file).href;
  if (file.endsWith('.ts')) {
    const { tsImport } = await import('tsx/esm/api');
    // tsx may hand back the CommonJS interop shape: { default: { default: config } }.
    const module = (await tsImport(url, import.meta.url)) as { default?: { default?: unknown } & object };
    const value = module.default;
    return value && 'default' in value && Object.keys(value).length === 1 ? value.default : value;
  }
  return ((await import(url)) as { default?: unknown }).default;
}

/** Find and validate the config in `folder`; undefined when there is none. */
export async function loadConfig(folder = process.cwd()): Promise<{ file: string; config: Config } | undefined> {
  let file = CANDIDATES.map((name) => path.join(folder, name)).find((candidate) => existsSync(candidate));
  let raw: unknown;
  if (file) {
    try {
      raw = await loadRaw(file);
    } catch (error) {
      throw new ConfigError(file, `cannot be read: ${(error as Error).message.split('\n')[0]}`);
    }
  } else {
    const pkg = path.join(folder, 'package.json');
    if (!existsSync(pkg)) return undefined;
    const json = JSON.parse(await readFile(pkg, 'utf8')) as { broadside?: unknown };
    if (json.broadside === undefined) return undefined;
    file = `${pkg} ("broadside" key)`;
    raw = json.broadside;
  }
  const parsed = v.safeParse(ConfigSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = v.getDotPath(issue);
    throw new ConfigError(file, `${where ? `${where}: ` : ''}${issue.message}`);
  }
  const config = parsed.output;
  if (config.lexicon) config.lexicon = path.resolve(path.dirname(file.replace(/ \(.*\)$/, '')), config.lexicon);
  return { file, config };
}
