import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { configEntries, optionEntries } from '../options/schema.js';
import { ALL_FORMATS } from './editions.js';

/** The build's options, with the registered editions as the choices for `formats`. */
export const BUILD_OPTIONS = optionEntries(ALL_FORMATS);

/**
 * The project's defaults, from broadside.config.{json,js,mjs,ts} or the
 * "broadside" key of package.json in the working folder: each option the
 * config may set (src/options/schema.ts), under its config key, with no
 * default filled in: the command line's options override them, and the build
 * applies the defaults.
 */
export const ConfigSchema = v.strictObject(configEntries(BUILD_OPTIONS));

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
