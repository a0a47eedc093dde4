/** A position in the Timeline's keyboard grid: a lane, and an item in it (0 is the lane's label). */
export interface GridPosition {
  lane: number;
  item: number;
}

/**
 * Where a key moves the focus in the Timeline: up and down between lanes (keeping the column as far as
 * the lane allows), left and right along a lane's marks, Home and End to its label and its last mark.
 * `null` when the key is not a navigation key or there is nothing to move to.
 */
export function moveInGrid(
  key: string,
  pos: GridPosition,
  laneSizes: readonly number[],
): GridPosition | null {
  if (laneSizes.length === 0) return null;
  const clampLane = (i: number) => Math.min(laneSizes.length - 1, Math.max(0, i));
  const lastItem = (lane: number) => Math.max(0, (laneSizes[lane] ?? 1) - 1);
  const at = (lane: number, item: number) => ({ lane, item: Math.min(lastItem(lane), Math.max(0, item)) });
  switch (key) {
    case 'ArrowDown':
      return at(clampLane(pos.lane + 1), pos.item);
    case 'ArrowUp':
      return at(clampLane(pos.lane - 1), pos.item);
    case 'ArrowRight':
      return at(pos.lane, pos.item + 1);
    case 'ArrowLeft':
      return at(pos.lane, pos.item - 1);
    case 'Home':
      return at(pos.lane, 0);
    case 'End':
      return at(pos.lane, lastItem(pos.lane));
    default:
      return null;
  }
}
