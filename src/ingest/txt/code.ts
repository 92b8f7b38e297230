/**
 * Source code in a scraped page: a block of lines that reads as code, not
 * prose. The page shows it as code and the narration mentions it instead of
 * reading it out.
 */

/** Characters far commoner in code than in prose. */
const SYMBOLS = /[{}[\]()<>=;+*/\\|&$#_`~^%]/g;
/** A line that ends or opens the way code lines do. */
const CODE_LINE = /(?:[;{}]|\)\s*:|=>|->)\s*$|^\s*(?:\/\/|\/\*|\*\/|#include|#!|\$ |>>> |def |class |function |return\b|const |let |var |import |from \S+ import|public |private |static |int |void |fn |func |package |if \(|for \(|while \(|else\b|}\s*else|\(module|\(func|<\/?[a-z][\w-]*[\s>])/;
/** A shell command: a prompt, then a lower-case command word. */
const SHELL = /^\s*(?:\$|%|>)\s+[a-z][\w.-]*(?:\s|$)/;

function symbolDensity(lines: string[]): number {
  const text = lines.join('');
  const visible = text.replace(/\s/g, '').length;
  return visible ? (text.match(SYMBOLS) ?? []).length / visible : 0;
}

/** Whether a blank-line-separated block of raw lines is source code. */
export function isCodeBlock(raw: string[]): boolean {
  const lines = raw.filter((l) => l.trim());
  if (!lines.length) return false;
  if (lines.every((l) => SHELL.test(l))) return true;
  const density = symbolDensity(lines);
  const codeLines = lines.filter((l) => CODE_LINE.test(l)).length;
  const indented = lines.filter((l) => /^(\t| {2,})\S/.test(l)).length;
  // Prose has sentences: many words per line and a full stop at the end.
  const prose = lines.filter((l) => /\p{L}[.!?]["'\u201D)]?$/u.test(l.trim()) && l.trim().split(/\s+/).length >= 8).length;
  if (prose > lines.length / 3) return false;
  if (codeLines >= Math.max(1, lines.length / 2) && density >= 0.06) return true;
  return lines.length >= 3 && indented >= lines.length / 2 && density >= 0.1;
}

/** The block's lines with their common indentation removed. */
export function dedent(raw: string[]): string {
  const lines = raw.map((l) => l.replace(/\s+$/, ''));
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n').replace(/^\n+|\n+$/g, '');
}
