/**
 * Sizes of the review screen's resizable panels: the sidebar's width beside the
 * player and the height of the panels above the comments. Kept per browser.
 */

/** The sidebar is never narrower than this, nor wider than SIDEBAR_MAX. */
export const SIDEBAR_MIN = 320;
export const SIDEBAR_MAX = 720;
/** The player keeps at least this much width beside the sidebar. */
export const STAGE_MIN = 480;
/** Arrow keys move a splitter by STEP px, with Shift by BIG_STEP. */
export const STEP = 16;
export const BIG_STEP = 64;

export const SIDEBAR_WIDTH_KEY = "vp.review.sidebar-width";
export const SIDE_TOP_HEIGHT_KEY = "vp.review.side-top-height";

export function clamp(value: number, min: number, max: number): number {
  return Math.round(Math.min(Math.max(value, min), Math.max(min, max)));
}

/** About a third of the window: 461 px at 1440, never below 360 or above 480 unless dragged. */
export function defaultSidebarWidth(viewportWidth: number): number {
  return clamp(viewportWidth * 0.32, 360, 480);
}

/** The widest the sidebar may be in a body `bodyWidth` px wide (the player keeps STAGE_MIN). */
export function sidebarMax(bodyWidth: number): number {
  return clamp(bodyWidth - STAGE_MIN, SIDEBAR_MIN, SIDEBAR_MAX);
}

/**
 * A splitter's size after a key: `increase`/`decrease` arrows move it by STEP
 * (BIG_STEP with Shift), Home and End go to the ends; null for any other key.
 */
export function sizeForKey(
  key: string,
  shift: boolean,
  size: number,
  { min, max, increase, decrease }: { min: number; max: number; increase: string; decrease: string },
): number | null {
  const step = shift ? BIG_STEP : STEP;
  if (key === increase) return clamp(size + step, min, max);
  if (key === decrease) return clamp(size - step, min, max);
  if (key === "Home") return min;
  if (key === "End") return max;
  return null;
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled: sizes last for the visit only
  }
}

/** The size kept under `key`, or null (none, unreadable, not a number). */
export function readSize(key: string): number | null {
  const value = Number.parseInt(storage()?.getItem(key) ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

export function storeSize(key: string, size: number | null): void {
  const store = storage();
  if (!store) return;
  if (size === null) store.removeItem(key);
  else store.setItem(key, String(Math.round(size)));
}
