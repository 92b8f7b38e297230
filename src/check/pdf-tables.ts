/**
 * Tables compared cell by cell. A tagged table reads row by row, cell by
 * cell; a print edition may lay a wide table out with its rows and columns
 * swapped (src/formats/pdf/wide-tables.ts: the original's columns become
 * rows, in parts that repeat the column names). Its cells are the same, in
 * another order, so the cells are compared as a set: each cell's words in
 * order, the cells in an order of their own (by their text), after the words
 * outside the tables, on both sides alike. A cell missing, or a cell whose
 * words are lost, joined or reordered, still counts against the edition.
 */
export function cellsApart(outside: string[], cells: string[][]): string[] {
  const keyed = cells.filter((cell) => cell.length).map((cell) => ({ cell, key: cell.join(' ') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [...outside, ...keyed.flatMap((entry) => entry.cell)];
}
