/**
 * Regions on the demo grid are named `r-<row>-<col>` (two digits each, e.g. `r-03-11`); other
 * region ids are valid but have no known neighbours.
 */
const gridId = /^r-(\d{2,3})-(\d{2,3})$/;

export interface GridCell {
  readonly row: number;
  readonly col: number;
}

export function gridRegionId(row: number, col: number): string {
  return `r-${String(row).padStart(2, '0')}-${String(col).padStart(2, '0')}`;
}

export function gridCellOf(regionId: string): GridCell | undefined {
  const match = gridId.exec(regionId);
  return match ? { row: Number(match[1]), col: Number(match[2]) } : undefined;
}

/** Regions that touch each other on the grid, diagonals included; a region is not its own. */
export function areNeighbours(a: string, b: string): boolean {
  const first = gridCellOf(a);
  const second = gridCellOf(b);
  if (!first || !second || a === b) return false;
  return Math.abs(first.row - second.row) <= 1 && Math.abs(first.col - second.col) <= 1;
}

/** The grid regions touching this one, diagonals included, in id order; none off the grid. */
export function neighboursOf(regionId: string): string[] {
  const cell = gridCellOf(regionId);
  if (!cell) return [];
  const ids: string[] = [];
  for (let row = cell.row - 1; row <= cell.row + 1; row++) {
    for (let col = cell.col - 1; col <= cell.col + 1; col++) {
      if (row >= 0 && col >= 0 && (row !== cell.row || col !== cell.col))
        ids.push(gridRegionId(row, col));
    }
  }
  return ids.sort();
}
