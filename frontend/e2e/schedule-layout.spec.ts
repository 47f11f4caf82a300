import type { APIRequestContext, Page } from "@playwright/test";

import { seedPlan } from "./support/plan-cut";
import { registerUser, signInContext, type TestUser } from "./support/projects";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

/*
 * The schedule chart and the shot list at 1440×900 (issue 21): axis labels never overlap,
 * a phase too short for its name shows it beside the bar, the last bar is whole, and editing
 * a shot never makes anything wider than its card.
 */

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
const VIEWPORT = { width: 1440, height: 900 };

// The demo project's schedule (seed_demo): long phases, a 12-day and two 5-day ones.
const PHASES = [
  ["기획", "2026-11-02", "2026-11-20"],
  ["프리프로덕션", "2026-11-23", "2026-12-04"],
  ["촬영", "2026-12-07", "2026-12-11"],
  ["편집 · 색보정", "2026-12-14", "2027-01-08"],
  ["납품", "2027-01-11", "2027-01-15"],
] as const;

test.use({ viewport: VIEWPORT });

async function post(request: APIRequestContext, user: TestUser, url: string, data: unknown): Promise<{ id: string }> {
  const response = await request.post(`${API_URL}/${url}`, { headers: { Authorization: `Bearer ${user.access}` }, data });
  if (!response.ok()) throw new Error(`${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

interface Box {
  left: number;
  right: number;
}

/** What the chart shows, in page pixels: the axis, its labels, each bar, its name and where it went. */
function chartGeometry(page: Page) {
  return page.getByTestId("phase-timeline").evaluate((chart) => {
    const box = (element: Element): Box => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left, right: rect.right };
    };
    const axis = chart.querySelector('[data-testid="phase-axis"]')!;
    return {
      axis: box(axis),
      labels: [...axis.querySelectorAll('[data-testid="phase-tick-label"]')].map((label) => {
        // The label's text, not its tick line's box.
        const range = document.createRange();
        range.selectNodeContents(label);
        const rect = range.getBoundingClientRect();
        return { left: rect.left, right: rect.right };
      }),
      rows: [...chart.querySelectorAll('[data-testid="phase-row"]')].map((row) => {
        const bar = row.querySelector('[data-testid="phase-bar"]') as HTMLElement;
        const outside = row.querySelector('[data-testid="phase-outside-name"]');
        const inside = bar.querySelector("span:not([data-mode])") as HTMLElement | null;
        return {
          name: row.querySelector('[data-testid="phase-name"]')!.textContent,
          placement: bar.dataset.namePlacement,
          title: bar.title,
          track: box(bar.parentElement!),
          bar: box(bar),
          outside: outside ? { ...box(outside), clipped: (outside as HTMLElement).scrollWidth > (outside as HTMLElement).clientWidth } : null,
          insideClipped: inside ? inside.scrollWidth > inside.clientWidth : false,
        };
      }),
    };
  });
}

async function expectReadableChart(page: Page) {
  const chart = await chartGeometry(page);
  expect(chart.labels.length).toBeGreaterThan(3);
  chart.labels.forEach((label, index) => {
    expect(label.left).toBeGreaterThanOrEqual(chart.axis.left);
    expect(label.right).toBeLessThanOrEqual(chart.axis.right);
    const next = chart.labels[index + 1];
    if (next) expect(next.left - label.right, "axis labels apart").toBeGreaterThanOrEqual(4);
  });
  expect(chart.rows).toHaveLength(PHASES.length);
  for (const row of chart.rows) {
    expect(row.title).toBe(row.name);
    expect(row.bar.left, `${row.name} starts inside`).toBeGreaterThanOrEqual(row.track.left);
    expect(row.bar.right, `${row.name} ends inside`).toBeLessThanOrEqual(row.track.right);
    if (row.placement === "inside") {
      expect(row.insideClipped, `${row.name} whole inside its bar`).toBe(false);
    } else {
      expect(row.outside, `${row.name} beside its bar`).not.toBeNull();
      expect(row.outside!.clipped, `${row.name} whole beside its bar`).toBe(false);
      expect(row.outside!.left).toBeGreaterThanOrEqual(row.track.left);
      expect(row.outside!.right).toBeLessThanOrEqual(row.track.right);
      if (row.placement === "after") expect(row.outside!.left).toBeGreaterThanOrEqual(row.bar.right);
      else expect(row.outside!.right).toBeLessThanOrEqual(row.bar.left);
    }
  }
  return chart;
}

test("the schedule chart and the shot list fit at 1440×900, in Korean and English", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const owner = await registerUser(request, "e2e-schedule-owner", "김감독");
  const project = await post(request, owner, "projects/", { name: "2027 브랜드 필름", deadline: "2027-01-15" });
  for (const [name, start, end] of PHASES) await post(request, owner, `projects/${project.id}/phases/`, { name, start, end });
  const planId = seedPlan(project.id, owner.email);
  // A cut linked to the plan: the shot list gets its review comment column too.
  const asset = await post(request, owner, `projects/${project.id}/assets/`, { title: "본편" });
  const link = await request.put(`${API_URL}/assets/${asset.id}/plan-link/`, { headers: { Authorization: `Bearer ${owner.access}` }, data: { plan_id: planId } });
  expect(link.ok()).toBe(true);

  const context = await browser.newContext({ viewport: VIEWPORT });
  await signInContext(context, owner);
  const page = await context.newPage();

  // --- the overview's schedule ---
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByTestId("phase-bar")).toHaveCount(PHASES.length);
  await expect(page.getByTestId("phase-tick-label").first()).toBeVisible();
  const chart = await expectReadableChart(page);
  // The short ones name themselves beside their bars ("프리프로덕션" is no longer "프리…").
  expect(chart.rows.find((row) => row.name === "프리프로덕션")?.placement).not.toBe("inside");
  expect(chart.rows.find((row) => row.name === "납품")?.placement).toBe("before");
  await screenshot(page, "schedule-layout-01-overview-ko");

  // --- the plan's shot list, a shot in edit mode: nothing wider than its card ---
  await page.goto(`/plans/${planId}`);
  await expect(page.getByTestId("shot-list")).toBeVisible();
  await page.getByRole("button", { name: "샷 1 수정" }).click();
  const editing = page.getByTestId("shot-row-editing");
  await expect(editing).toBeVisible();
  await expect(editing.getByLabel("화면 설명")).toBeFocused();
  const overflow = await page.getByTestId("shot-list").evaluate((table) => {
    const scroller = table.closest("form")!.parentElement!;
    return {
      scroller: scroller.scrollWidth - scroller.clientWidth,
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      // Every field of the edited row lies inside the table's visible box.
      fields: [...table.querySelectorAll('[data-testid="shot-row-editing"] input, [data-testid="shot-row-editing"] select, [data-testid="shot-row-editing"] textarea, [data-testid="shot-row-editing"] button')].filter(
        (field) => field.getBoundingClientRect().right > scroller.getBoundingClientRect().right,
      ).length,
    };
  });
  expect(overflow).toEqual({ scroller: 0, page: 0, fields: 0 });
  await editing.scrollIntoViewIfNeeded();
  await screenshot(page, "schedule-layout-02-shot-edit");

  // --- the same chart in English ---
  const english = await request.patch(`${API_URL}/users/me/`, { headers: { Authorization: `Bearer ${owner.access}` }, data: { locale: "en" } });
  expect(english.ok()).toBe(true);
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByRole("heading", { name: "Schedule" })).toBeVisible();
  await expectReadableChart(page);
  await screenshot(page, "schedule-layout-03-overview-en");
  await context.close();
});
