import type { Position } from 'unist';

/**
 * A problem an edition's own module met, handed up to the edition, which
 * tells it with `context.warn`: its text, its rule id (docs/building.md) and,
 * where there is one, its place in the article's source.
 */
export interface EditionWarning {
  reason: string;
  ruleId: string;
  place?: Position;
}
