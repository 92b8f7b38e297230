import { configKey, type OptionInfo } from './schema.js';

/** The default as the usage text and the table say it; undefined for a switch that is off. */
function defaultWords(option: OptionInfo): string | undefined {
  if (option.meta.defaultText) return option.meta.defaultText;
  if (option.default === undefined || option.default === false) return undefined;
  return String(option.default);
}

/** `--flag ARG`, as the usage text and the table name an option. */
function flagWords(option: OptionInfo): string | undefined {
  const { flag, arg } = option.meta;
  return flag ? `--${flag}${arg ? ` ${arg}` : ''}` : undefined;
}

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

const FLAG_COLUMN = 24;
const WIDTH = 92;

/** The usage text's lines for the options that have a flag: the flag, then its description and default. */
export function usageLines(options: OptionInfo[]): string[] {
  const lines: string[] = [];
  for (const option of options) {
    const flag = flagWords(option);
    if (!flag) continue;
    const fallback = defaultWords(option);
    const text = fallback ? `${option.description.replace(/\.$/u, '')} (default: ${fallback}).` : option.description;
    const [first = '', ...rest] = wrap(text, WIDTH - FLAG_COLUMN);
    const head = `  ${flag}`;
    if (head.length < FLAG_COLUMN - 1) lines.push(head.padEnd(FLAG_COLUMN) + first);
    else lines.push(head, ' '.repeat(FLAG_COLUMN) + first);
    for (const line of rest) lines.push(' '.repeat(FLAG_COLUMN) + line);
  }
  return lines;
}

/** The config file's keys, for the usage text. */
export function configKeys(options: OptionInfo[]): string[] {
  return options.map(configKey).filter((key): key is string => key !== undefined);
}

/** Text for a table cell: a pipe would end the cell, and `<name>` would pass for an HTML tag. */
const cell = (text: string) => text.replace(/[|<]/gu, '\\$&');
const code = (text: string | undefined) => (text ? `\`${text.replace(/\|/gu, '\\|')}\`` : '—');

/** The options as a Markdown table: flag, config key, meaning, default (README.md's table is this, tested). */
export function optionsTable(options: OptionInfo[]): string {
  const rows = options.map((option) => {
    const fallback = option.meta.defaultText ?? (option.default === false ? 'off' : code(defaultWords(option)));
    return `| ${code(flagWords(option))} | ${code(configKey(option))} | ${cell(option.description)} | ${fallback} |`;
  });
  return ['| option | config key | meaning | default |', '|---|---|---|---|', ...rows].join('\n');
}
