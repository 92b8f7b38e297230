import { configKey, type Config, type OptionInfo } from '../index.js';

/** A mistake in the command itself: the CLI exits 2 and points at --help. */
export class UsageError extends Error {}

type FlagType = { type: 'string' | 'boolean' };

/** A valibot schema's fields the flag parsing reads. */
interface SchemaShape {
  type: string;
  options?: unknown[];
  item?: SchemaShape;
  pipe?: { type: string; requirement?: unknown }[];
}

const shapeOf = (option: OptionInfo) => option.type as unknown as SchemaShape;

/** A switch when the option is true or false (`allowPrivateNetwork`'s list of addresses is the config's alone). */
function isSwitch(option: OptionInfo): boolean {
  const { type } = shapeOf(option);
  return type === 'boolean' || type === 'union';
}

/** parseArgs' options for these build options: one per flag. */
export function flagTypes(options: OptionInfo[]): Record<string, FlagType> {
  return Object.fromEntries(options.filter((option) => option.meta.flag).map((option) => [option.meta.flag!, { type: isSwitch(option) ? 'boolean' : 'string' }]));
}

/** A whole number from the command line, within the bounds its schema sets. */
export function parseWhole(flag: string, value: string, min: number, max = Infinity): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${flag} takes a whole number ${max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`}, not "${value}"`);
  }
  return number;
}

/** The bound a `min_value` or `max_value` action of the schema sets. */
const bound = (shape: SchemaShape, action: string) => shape.pipe?.find((item) => item.type === action)?.requirement as number | undefined;

/** A flag's text as the option's value, or a usage error saying what the flag takes. */
function flagValue(option: OptionInfo, value: string): unknown {
  const shape = shapeOf(option);
  const flag = option.meta.flag!;
  const noun = option.meta.noun ?? flag;
  if (shape.type === 'number') return parseWhole(flag, value, bound(shape, 'min_value') ?? 1, bound(shape, 'max_value'));
  if (shape.type === 'picklist' && typeof shape.options?.[0] === 'number') {
    const choice = shape.options.find((choice) => String(choice) === value);
    if (choice === undefined) throw new UsageError(`--${flag} takes ${shape.options.join(' or ')}, not "${value}"`);
    return choice;
  }
  if (shape.type === 'picklist') {
    const choice = value.toLowerCase();
    if (!shape.options!.includes(choice)) throw new UsageError(`unknown ${noun} "${value}"; expected ${shape.options!.join(' or ')}`);
    return choice;
  }
  if (shape.type === 'array') {
    const items = value.split(',').map((item) => item.trim()).filter(Boolean);
    const known = shape.item?.options ?? [];
    const unknown = items.find((item) => !known.includes(item));
    if (unknown !== undefined) throw new UsageError(`unknown ${noun} "${unknown}"; expected ${known.join(', ')}`);
    return items;
  }
  return value;
}

/**
 * The build options the command line and the config give, by option name:
 * a flag wins over the config's key; an option neither gives is left out, for
 * the build to apply its default.
 */
export function optionValues(options: OptionInfo[], flags: Record<string, string | boolean | undefined>, config: Config): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const option of options) {
    const flag = option.meta.flag === undefined ? undefined : flags[option.meta.flag];
    // An empty --formats stands for the default, as it always has.
    const given = typeof flag === 'string' ? (flag === '' && shapeOf(option).type === 'array' ? undefined : flagValue(option, flag)) : flag;
    const key = configKey(option);
    const value = given ?? (key === undefined ? undefined : (config as Record<string, unknown>)[key]);
    if (value !== undefined) values[option.name] = value;
  }
  return values;
}
