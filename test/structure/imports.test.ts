import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every relative import of every source file, as [importer, imported], both relative to src/. */
function imports(): [string, string][] {
  const found: [string, string][] = [];
  for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from |import\()'(\.[^']+)'/g)) {
      const target = path.normalize(path.join(path.dirname(file), match[1]!)).replace(/\.js$/, '.ts');
      found.push([path.relative('src', file), path.relative('src', target)]);
    }
  }
  return found;
}

const part = (file: string) => file.split(path.sep)[0]!;

describe('the shape of src/', () => {
  it('has no import cycle between its top-level parts', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to] of imports()) {
      if (part(from) === part(to)) continue;
      if (!edges.has(part(from))) edges.set(part(from), new Set());
      edges.get(part(from))!.add(part(to));
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      for (const next of edges.get(node) ?? []) {
        if (trail.includes(next)) cycles.push([...trail.slice(trail.indexOf(next)), next].join(' → '));
        else visit(next, [...trail, next]);
      }
    };
    for (const node of edges.keys()) visit(node, [node]);
    expect(cycles).toEqual([]);
  });

  it('lets the build name no edition: it reads the registry', () => {
    const named = imports().filter(([from, to]) => from.startsWith(`build${path.sep}`) && to.startsWith(`formats${path.sep}`) && !['formats/registry.ts', 'formats/edition.ts'].includes(to.split(path.sep).join('/')));
    expect(named).toEqual([]);
  });

  it('keeps each edition to its own folder: shared rendering lives in src/render/, below the formats', () => {
    const edition = (file: string) => (file.startsWith(`formats${path.sep}`) ? file.split(path.sep)[1] : undefined);
    const crossing = imports().filter(([from, to]) => {
      const [a, b] = [edition(from), edition(to)];
      return a && b && a !== b && !b.endsWith('.ts') && !a.endsWith('.ts');
    });
    expect(crossing).toEqual([]);
  });

  it('puts render/ below the formats: it imports no edition', () => {
    expect(imports().filter(([from, to]) => part(from) === 'render' && part(to) === 'formats')).toEqual([]);
  });
});
