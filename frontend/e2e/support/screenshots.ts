import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Page } from "@playwright/test";

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "screenshots");

/** Save a full-page screenshot to e2e/screenshots/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Let transitions and fonts settle so the picture shows the resting state.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true, animations: "disabled" });
}
