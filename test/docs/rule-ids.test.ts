import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every rule id the code gives a message: `ruleId: '…'` in a vfile message, or the rule id argument of `warn(…)`/`buildMessage(…)`. */
function ruleIdsInCode(): Set<string> {
  const ids = new Set<string>();
  for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/ruleId: '([a-z0-9-]+)'/g)) ids.add(match[1]!);
    for (const line of text.split('\n').filter((line) => /\b(warn|buildMessage)\(/.test(line))) {
      for (const match of line.matchAll(/[`'"],\s*'([a-z0-9]+(?:-[a-z0-9]+)*)'\s*[,)]/g)) ids.add(match[1]!);
    }
  }
  return ids;
}

/** The rule ids docs/building.md lists in its table. */
function ruleIdsInDocs(): Set<string> {
  const text = readFileSync('docs/building.md', 'utf8');
  const section = text.slice(text.indexOf('## Warnings and their rule ids'));
  return new Set([...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]!));
}

/** The rows of the table: each says what the problem means for a reader and what to change in the source. */
function rows(): string[][] {
  const text = readFileSync('docs/building.md', 'utf8');
  const section = text.slice(text.indexOf('## Warnings and their rule ids'));
  return [...section.matchAll(/^\| `[a-z0-9-]+` \|.*$/gm)].map((match) => match[0].split(/ \| /).map((cell) => cell.replace(/^\| |\|$/g, '').trim()));
}

describe('rule ids', () => {
  it('each row says who raises it, what it means for a reader and what to change in the source', () => {
    expect(rows().length).toBe(ruleIdsInDocs().size);
    for (const row of rows()) {
      expect(row, row[0]).toHaveLength(4);
      expect(row.every(Boolean), row[0]).toBe(true);
    }
  });

  it('docs/building.md lists every rule id the code uses, and no other', () => {
    const code = ruleIdsInCode();
    expect(code.size).toBeGreaterThan(15);
    expect([...ruleIdsInDocs()].sort()).toEqual([...code].sort());
  });
});
