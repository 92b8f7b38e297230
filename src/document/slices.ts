import type { Nodes, Text } from 'mdast';
import type { Point, Position } from 'unist';

/*
 * A transform that cuts a text node in pieces (a sentence, an abbreviation,
 * an acronym kept on one line) gives each piece its own place in the source,
 * where that can be known: when the node's text is as the source has it (as
 * long as the span its position covers). Text the pipeline has rewritten (a
 * `--` made a dash, an entity decoded) gives its pieces no position; a warning
 * about one is placed at the nearest ancestor that has one (./places.ts).
 */

/** Where `value.slice(from, to)` of the text node is in the source, when it can be known. */
export function slicePosition(node: Pick<Text, 'value' | 'position'>, from: number, to: number): Position | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined || end.offset - start.offset !== node.value.length) return undefined;
  return { start: advance(start, node.value, from), end: advance(start, node.value, to) };
}

function advance(start: Point, value: string, count: number): Point {
  let { line, column } = start;
  for (let i = 0; i < count; i++) {
    if (value[i] === '\n') [line, column] = [line + 1, 1];
    else column += 1;
  }
  return { line, column, offset: start.offset! + count };
}

/** The piece `[from, to)` of a text node as a text node of its own, placed where it can be. */
export function textSlice(node: Text, from: number, to: number): Text {
  const position = slicePosition(node, from, to);
  const { position: _whole, ...rest } = node;
  return { ...rest, value: node.value.slice(from, to), ...(position ? { position } : {}) };
}

/** The span of a run of nodes, from the first one's start to the last one's end, when both are known. */
export function spanOf(nodes: Nodes[]): Position | undefined {
  const start = nodes[0]?.position?.start;
  const end = nodes.at(-1)?.position?.end;
  return start && end ? { start, end } : undefined;
}
