import { isIP } from 'node:net';
import * as v from 'valibot';

/**
 * The build's options, defined once: each entry's valibot schema is the
 * option's type, its default (`v.optional(type, default)`), its description
 * and, in its metadata, its command-line flag and config-file key. The CLI's
 * flags, the usage text, the config file's schema, the defaults the build
 * applies and the README's option table are all derived from it.
 */

/** What an option's entry says besides its type, default and description. */
export type OptionMeta = {
  /** The command-line flag, without `--`; none for an option only the config file sets. */
  flag?: string;
  /** What the flag takes, for the usage text (DIR, N…); none for a switch. */
  arg?: string;
  /** The config file's key; false for an option only the command line gives. Default: the option's own name. */
  config?: string | false;
  /** The default in words, where it is not a value (all, found automatically…). */
  defaultText?: string;
  /** What a bad value is called in the command line's error: unknown format "x". */
  noun?: string;
};

const described = <S extends v.GenericSchema, const M extends OptionMeta = {}>(schema: S, description: string, meta: M = {} as M) =>
  v.pipe(schema, v.description(description), v.metadata(meta));

const whole = (min: number, max?: number) =>
  max === undefined ? v.pipe(v.number(), v.integer(), v.minValue(min)) : v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const ipAddress = v.pipe(v.string(), v.check((value) => isIP(value.replace(/^\[|\]$/gu, '')) !== 0, 'expected an IP address'));

/** The entries of the options schema, in the order the usage text lists them; `editions` are the registered edition ids. */
export function optionEntries(editions: readonly string[]) {
  return {
    outDir: described(v.optional(v.pipe(v.string(), v.minLength(1)), 'output'), 'Output folder. Each article goes to DIR/<name>/.', { flag: 'out', arg: 'DIR', config: 'out' }),
    formats: described(v.optional(v.pipe(v.array(v.picklist(editions)), v.minLength(1))), `Editions to build, comma-separated: ${editions.join(',')}.`, { flag: 'formats', arg: 'LIST', defaultText: 'all', noun: 'format' }),
    paper: described(v.optional(v.picklist(['a4', 'letter']), 'a4'), 'Print paper: a4 or letter.', { flag: 'paper', arg: 'SIZE', noun: 'paper' }),
    voice: described(v.optional(v.pipe(v.string(), v.regex(/^[\w-]+(:.+)?$/, 'expected "engine" or "engine:voice"'))), 'Narration voice, e.g. flite:rms, espeak-ng:ar or festival.', { flag: 'voice', arg: 'ENGINE[:VOICE]', defaultText: 'by language and what is installed' }),
    acx: described(v.optional(v.boolean(), false), 'Master the audio for audiobook platforms (ACX) instead of podcasts.', { flag: 'acx' }),
    lexicon: described(v.optional(v.pipe(v.string(), v.minLength(1))), 'An extra lexicon file (YAML), relative to the config file, applied to every article.'),
    browserPath: described(v.optional(v.string()), 'Chrome or Chromium to use.', { flag: 'browser', arg: 'PATH', config: 'browser', defaultText: 'found automatically' }),
    force: described(v.optional(v.boolean(), false), 'Rebuild every edition, even those whose inputs have not changed (skipping the no-op check too).', { flag: 'force', config: false }),
    maxInputBytes: described(v.optional(whole(1), 20_000_000), 'Refuse articles (and fetched pages or images) larger than N bytes.', { flag: 'max-input-bytes', arg: 'N' }),
    fetchTimeoutMs: described(v.optional(whole(1), 30_000), 'Fail a web address whose page (or an image) takes longer than N ms to fetch, redirects included.', { flag: 'fetch-timeout-ms', arg: 'N' }),
    allowPrivateNetwork: described(v.optional(v.union([v.boolean(), v.array(ipAddress)]), false), 'Also fetch addresses on loopback, private or link-local networks (refused by default; the config may list the IP addresses allowed instead of true).', { flag: 'allow-private-network' }),
    renderTimeoutMs: described(v.optional(whole(1000), 120_000), 'Fail a print edition whose layout takes longer than N ms (the whole print edition gets twice this).', { flag: 'render-timeout-ms', arg: 'N' }),
    synthesisTimeoutMs: described(v.optional(whole(1), 60_000), 'Fail the narration when one sentence takes longer than N ms to synthesise.', { flag: 'synthesis-timeout-ms', arg: 'N' }),
    maxPrintChars: described(v.optional(whole(1), 1_000_000), 'Refuse the print editions of an article longer than N characters.', { flag: 'max-print-chars', arg: 'N' }),
    maxNarrationChars: described(v.optional(whole(1), 150_000), 'Refuse the narration when its text is longer than N characters.', { flag: 'max-narration-chars', arg: 'N' }),
    queue: described(v.optional(v.string()), 'Have workers build it: queue each edition of each article in the Redis at URL and wait (see broadside worker, and docs/workers.md).', { flag: 'queue', arg: 'URL', config: false }),
    brailleGrade: described(v.optional(v.picklist([1, 2]), 2), 'Braille grade where the language has both: 2 contracted, 1 uncontracted.', { flag: 'braille-grade', arg: '1|2' }),
    brailleCells: described(v.optional(whole(20, 100), 40), 'Braille cells per line.', { flag: 'braille-cells', arg: 'N' }),
    brailleLines: described(v.optional(whole(5, 100), 25), 'Braille lines per page.', { flag: 'braille-lines', arg: 'N' }),
    json: described(v.optional(v.boolean(), false), 'Print a machine-readable report on stdout (what was built, warnings with their rule ids, timings).', { flag: 'json', config: false }),
    quiet: described(v.optional(v.boolean(), false), 'Print only errors.', { flag: 'quiet', config: false }),
    verbose: described(v.optional(v.boolean(), false), "Also print each edition's timing and the editions left unchanged.", { flag: 'verbose', config: false }),
  };
}

export type OptionEntries = ReturnType<typeof optionEntries>;
export type OptionName = keyof OptionEntries;
/** Every option with its default applied. */
export type OptionValues = v.InferOutput<v.ObjectSchema<OptionEntries, undefined>>;

/** Each option's default (undefined where the default is worked out at run time). */
export const OPTION_DEFAULTS: OptionValues = v.getDefaults(v.object(optionEntries([]))) as OptionValues;

/** The options an edition may read (EditionOptions), in the order its cache key lists them. */
export const EDITION_OPTION_NAMES = ['paper', 'acx', 'renderTimeoutMs', 'synthesisTimeoutMs', 'maxPrintChars', 'maxNarrationChars', 'voice', 'brailleGrade', 'brailleCells', 'brailleLines'] as const;
export type EditionOptionName = (typeof EDITION_OPTION_NAMES)[number];

type MetaOf<N extends OptionName> = OptionEntries[N]['pipe'][2]['metadata'];
type ConfigKeyOf<N extends OptionName> = MetaOf<N> extends { config: false } ? never : MetaOf<N> extends { config: infer K extends string } ? K : N;
type ConfigEntries = { [N in OptionName as ConfigKeyOf<N>]: v.OptionalSchema<OptionEntries[N]['wrapped'], undefined> };

/** The config file's entries: each option the config may set, under its config key, with no default filled in. */
export function configEntries(entries: OptionEntries): ConfigEntries {
  return Object.fromEntries(optionList(entries).flatMap((option) => {
    const key = configKey(option);
    return key ? [[key, v.optional(option.type)]] : [];
  })) as ConfigEntries;
}

/** The options only the command line gives: how it reports, and where it sends the work. */
export type CliOnlyOption = 'json' | 'quiet' | 'verbose' | 'queue';

/** An option's entry as the derivations read it. */
export interface OptionInfo {
  name: string;
  description: string;
  meta: OptionMeta;
  /** The default value, undefined when there is none or it is worked out at run time. */
  default: unknown;
  /** The option's type without its default. */
  type: v.GenericSchema;
}

/** The entries as a list the derivations (flags, usage text, config schema, tables) walk. */
export function optionList(entries: OptionEntries): OptionInfo[] {
  return Object.entries(entries).map(([name, schema]) => ({
    name,
    description: v.getDescription(schema) ?? '',
    meta: v.getMetadata(schema) as OptionMeta,
    default: v.getDefault(schema),
    type: schema.wrapped as v.GenericSchema,
  }));
}

/** The key an option has in the config file, or undefined when the config cannot set it. */
export function configKey(option: OptionInfo): string | undefined {
  return option.meta.config === false ? undefined : (option.meta.config ?? option.name);
}
