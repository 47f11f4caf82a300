import type { APIRequestContext, Locator, Page } from "@playwright/test";

import { registerUser, signInContext, type TestUser } from "./support/projects";
import { addComment, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

/*
 * The review room at 1440×900 (issue 21): the picture is the frame the timecode says from the
 * first paint (no poster left standing), the comment list keeps a usable height beside resizable,
 * collapsible panels, the reaction picker is never clipped, and compare mode lays one timeline
 * and control bar under both pictures. On laptop screens (1280×800, 1366×768) the decision's
 * buttons show whole as the room opens, in Korean and English.
 */

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;
const VIEWPORT = { width: 1440, height: 900 };

test.use({ viewport: VIEWPORT });

async function react(request: APIRequestContext, user: TestUser, feedbackId: string, emoji: string): Promise<void> {
  const response = await request.post(`${API_URL}/feedback/${feedbackId}/reactions/`, {
    headers: { Authorization: `Bearer ${user.access}` },
    data: { emoji },
  });
  if (!response.ok()) throw new Error(`react: ${response.status()} ${await response.text()}`);
}

/** The video element as the screen shows it, once no seek is under way. */
async function picture(page: Page): Promise<Buffer> {
  const video = page.getByTestId("review-video").first();
  // A decoded frame on screen: no seek under way, and the poster (shown until the first frame is
  // decoded, then taken away) gone — on a busy machine readyState can be 4 a moment before that.
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.seeking || element.readyState < 2 || element.poster !== ""))
    .toBe(false);
  return video.screenshot({ animations: "disabled" });
}

/** Mean absolute difference of two same-sized screenshots, per channel (0 = identical, 255 = opposite). */
async function difference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const decode = async (base64: string) => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: "image/png" }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [x, y] = await Promise.all([decode(first), decode(second)]);
      if (x.length !== y.length) return 255;
      let sum = 0;
      for (let i = 0; i < x.length; i += 4) sum += Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!);
      return sum / ((x.length / 4) * 3);
    },
    [a.toString("base64"), b.toString("base64")] as const,
  );
}

/** The visible height of the comment list (its scrolling viewport). */
function listHeight(page: Page): Promise<number> {
  return page.getByTestId("feedback-list").evaluate((list) => list.parentElement!.clientHeight);
}

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not visible");
  return box;
}

test("the room at 1440×900: true first frame, roomy resizable sidebar, unclipped picker, compare under one bar", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const editor = await registerUser(request, "e2e-room-layout", "편집자 하나");
  const project = await createProject(request, editor, `룸 레이아웃 ${Date.now() % 10000}`);
  const asset = await createAsset(request, editor, project.id, "레이아웃 본편");
  // testsrc2 prints its clock on the picture: every frame differs from the poster (made 1 s in).
  const v1 = await uploadVersionAndWait(request, editor, asset.id, makeTestClip("layout-v1.mp4", { seconds: 12, source: "testsrc2" }));
  const comments: { id: string }[] = [];
  for (let i = 0; i < 14; i += 1) {
    comments.push(await addComment(request, editor, v1.id, `코멘트 ${i + 1}: 색감과 자막 위치를 조금 더 조정해 주세요.`, 10 + i * 20));
  }
  for (const comment of comments) await react(request, editor, comment.id, "👍");

  const context = await browser.newContext({ viewport: VIEWPORT });
  await signInContext(context, editor);
  const page = await context.newPage();

  // --- the first paint is frame 0, the frame the timecode says (not the poster at 1 s) ---
  await page.goto(`/assets/${asset.id}`);
  await expect(page.getByTestId("review-video")).toHaveJSProperty("readyState", 4, { timeout: 30_000 });
  await expect(page.getByTestId("timecode")).toHaveText("00:00:00:00");
  await expect(page.getByTestId("composer-timecode")).toHaveText("00:00:00:00");
  const opened = await picture(page);
  await page.getByTestId("timeline").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("timecode")).toHaveText("00:00:00:01");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("timecode")).toHaveText("00:00:00:00");
  const stepped = await picture(page);
  await page.keyboard.press("Shift+ArrowRight");
  await expect(page.getByTestId("timecode")).toHaveText("00:00:01:00");
  const oneSecond = await picture(page);
  expect(await difference(page, opened, stepped)).toBeLessThan(1);
  expect(await difference(page, opened, oneSecond)).toBeGreaterThan(3);
  await screenshot(page, "room-layout-01-open-1440");

  // --- a deep link lands on its frame, and the picture shows that frame ---
  await page.goto(`/assets/${asset.id}?version=${v1.id}&frame=50`);
  await expect(page.getByTestId("timecode")).toHaveText("00:00:02:00", { timeout: 30_000 });
  const linked = await picture(page);
  await page.getByTestId("timeline").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("timecode")).toHaveText("00:00:02:00");
  expect(await difference(page, linked, await picture(page))).toBeLessThan(1);
  await page.goto(`/assets/${asset.id}?version=${v1.id}&feedback=${comments[3]!.id}`);
  await expect(page.getByTestId("timecode")).toHaveText("00:00:02:20", { timeout: 30_000 }); // frame 70

  // --- the comment list keeps ≥ 400 px, with the digest open too ---
  await page.goto(`/assets/${asset.id}?version=${v1.id}`);
  await expect(page.getByTestId("feedback-item")).toHaveCount(14);
  expect(await listHeight(page)).toBeGreaterThanOrEqual(400);
  await page.getByTestId("version-digest").getByRole("button", { name: "AI 라운드 요약" }).click();
  await expect(page.getByTestId("version-digest").getByRole("button", { name: "AI 라운드 요약" })).toHaveAttribute("aria-expanded", "true");
  expect(await listHeight(page)).toBeGreaterThanOrEqual(400);
  await screenshot(page, "room-layout-02-digest-open-1440");

  // --- the panels above the comments: fold them (Home), get them back (double-click) ---
  const panels = page.getByRole("separator", { name: /승인·요약 패널 높이 조절/ });
  await panels.focus();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("side-top")).toHaveCSS("max-height", "0px");
  expect(await listHeight(page)).toBeGreaterThan(500);
  await panels.dblclick();
  expect(await listHeight(page)).toBeGreaterThanOrEqual(400);

  // --- the sidebar's width: arrows, a drag, kept across a reload, double-click resets ---
  const sidebar = page.getByRole("complementary", { name: "코멘트와 승인" });
  const splitter = page.getByRole("separator", { name: /코멘트 패널 너비 조절/ });
  const initial = (await boxOf(sidebar)).width;
  await splitter.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await expect.poll(async () => (await boxOf(sidebar)).width).toBeCloseTo(initial + 16 + 64, 0);
  const handle = await boxOf(splitter);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 300);
  await page.mouse.down();
  await page.mouse.move(VIEWPORT.width - 600, handle.y + 300, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await boxOf(sidebar)).width)).toBe(600);
  await page.reload();
  await expect(page.getByTestId("feedback-item").first()).toBeVisible();
  expect(Math.round((await boxOf(sidebar)).width)).toBe(600);
  await screenshot(page, "room-layout-03-wide-sidebar");
  await page.getByRole("separator", { name: /코멘트 패널 너비 조절/ }).dblclick();
  await expect.poll(async () => Math.round((await boxOf(sidebar)).width)).toBe(Math.round(initial));

  // --- the reaction picker of a comment at the very bottom of the list opens whole, over the page ---
  const third = page.getByTestId("feedback-item").filter({ hasText: "코멘트 3:" });
  const add = third.getByRole("button", { name: "반응 추가" });
  // Scroll the list so the button sits on its bottom edge (the list used to clip the picker there).
  await add.evaluate((button) => {
    const scroller = button.closest('[data-testid="feedback-list"]')!.parentElement!;
    scroller.scrollTop += button.getBoundingClientRect().bottom - (scroller.getBoundingClientRect().bottom - 4);
  });
  await add.click();
  const picker = page.getByRole("menu", { name: "반응 추가" });
  await expect(picker).toBeVisible();
  const box = await boxOf(picker);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
  expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
  // Not under anything: the point at its centre belongs to it.
  expect(await picker.evaluate((menu) => {
    const rect = menu.getBoundingClientRect();
    return menu.contains(document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2));
  })).toBe(true);
  await screenshot(page, "room-layout-04-reaction-picker");
  await page.keyboard.press("Escape");
  await expect(picker).toBeHidden();

  // --- compare: one timeline and control bar under both pictures ---
  await uploadVersionAndWait(request, editor, asset.id, makeTestClip("layout-v2.mp4", { seconds: 12, source: "testsrc" }));
  await page.goto(`/assets/${asset.id}?version=${v1.id}`);
  await page.getByTestId("compare-select").selectOption({ index: 1 });
  const pair = page.getByTestId("compare-players");
  await expect(page.getByTestId("review-video")).toHaveCount(2);
  const bar = page.getByTestId("compare-controls");
  await expect(bar.getByTestId("timeline")).toBeVisible();
  await expect(bar.getByTestId("timecode")).toBeVisible();
  const pairBox = await boxOf(pair);
  const barBox = await boxOf(bar);
  expect(barBox.width).toBeCloseTo(pairBox.width, 0);
  expect((await boxOf(bar.getByTestId("timeline"))).width).toBeGreaterThan(pairBox.width * 0.9);
  // Both pictures end above the bar, at the same height.
  const [left, right] = [await boxOf(page.getByTestId("review-video").nth(0)), await boxOf(page.getByTestId("review-video").nth(1))];
  expect(Math.abs(left.y - right.y)).toBeLessThan(2);
  expect(Math.max(left.y + left.height, right.y + right.height)).toBeLessThanOrEqual(barBox.y + 1);
  await bar.getByTestId("timeline").focus();
  await page.keyboard.press("ArrowRight");
  await expect(bar.getByTestId("timecode")).toHaveText("00:00:00:01");
  await screenshot(page, "room-layout-05-compare");

  await context.close();
});

/**
 * Where `target` is cut off: by the window, or by an ancestor that clips what overflows it (a
 * scroller, `overflow: hidden`): one line per box it does not lie inside; none when it shows whole.
 */
function clipped(target: Locator): Promise<string[]> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const problems: string[] = [];
    const within = (what: string, left: number, top: number, right: number, bottom: number) => {
      if (box.left < left - 0.5 || box.top < top - 0.5 || box.right > right + 0.5 || box.bottom > bottom + 0.5) {
        const round = (values: number[]) => values.map((value) => Math.round(value)).join(",");
        problems.push(`${what} [${round([left, top, right, bottom])}] cuts [${round([box.left, box.top, box.right, box.bottom])}]`);
      }
    };
    within("window", 0, 0, window.innerWidth, window.innerHeight);
    // The document's own scrolling is the window's; every element between it and the target counts.
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const rect = node.getBoundingClientRect();
      const left = rect.left + node.clientLeft;
      const top = rect.top + node.clientTop;
      const name = `${node.tagName.toLowerCase()}${node.dataset.testid ? `[${node.dataset.testid}]` : ""}.${String(node.className).split(" ")[0]}`;
      within(`${name} (overflow ${style.overflowX}/${style.overflowY})`, left, top, left + node.clientWidth, top + node.clientHeight);
    }
    // Nothing lies over it either (a splitter's grab area, a floating bar): its centre is its own.
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !element.contains(hit)) problems.push(`covered at its centre by ${hit?.outerHTML.slice(0, 80) ?? "nothing"}`);
    return problems;
  });
}

test("the decision's buttons show whole in the sidebar as the room opens on laptop screens, in Korean and English", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const owner = await registerUser(request, "e2e-room-decision", "결정 편집자");
  const project = await createProject(request, owner, `결정 버튼 ${Date.now() % 10000}`);
  const asset = await createAsset(request, owner, project.id, "결정 본편");
  const version = await uploadVersionAndWait(request, owner, asset.id, makeTestClip("decision.mp4", { seconds: 4 }));
  for (let i = 0; i < 6; i += 1) await addComment(request, owner, version.id, `코멘트 ${i + 1}: 컷 길이를 조금 줄여 주세요.`, 10 + i * 12);
  // A round digest done (as in the demo): its folded header carries a 'summarise again' button.
  const auth = { Authorization: `Bearer ${owner.access}` };
  expect((await request.post(`${API_URL}/versions/${version.id}/digest/`, { headers: auth })).status()).toBe(202);
  await expect
    .poll(async () => {
      const answer = await request.get(`${API_URL}/versions/${version.id}/digest/`, { headers: auth });
      return ((await answer.json()) as { digest: { status: string } | null }).digest?.status;
    }, { timeout: 60_000 })
    .toBe("succeeded");
  const labels = {
    ko: { approve: "승인", requestChanges: "수정 요청" },
    en: { approve: "Approve", requestChanges: "Request changes" },
  } as const;

  for (const locale of ["ko", "en"] as const) {
    // A member's language is their profile's (the cookie follows it).
    const profile = await request.patch(`${API_URL}/users/me/`, { headers: auth, data: { locale } });
    expect(profile.ok()).toBe(true);
    const context = await browser.newContext({ locale: locale === "ko" ? "ko-KR" : "en-US" });
    await context.addCookies([{ name: "vp_locale", value: locale, url: `http://127.0.0.1:${process.env.E2E_WEB_PORT ?? "3100"}` }]);
    await signInContext(context, owner);
    const page = await context.newPage();
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }, { width: 1440, height: 900 }]) {
      await page.setViewportSize(viewport);
      // The first impression: the room as it opens at this size (a new browser: no height chosen).
      await page.goto(`/assets/${asset.id}?version=${version.id}`);
      await expect(page.getByTestId("feedback-item")).toHaveCount(6, { timeout: 30_000 });
      const panel = page.getByTestId("decision-panel");
      for (const name of [labels[locale].approve, labels[locale].requestChanges]) {
        const button = panel.getByRole("button", { name, exact: true });
        await expect(button).toBeEnabled();
        await expect.poll(() => clipped(button), { message: `${name} at ${viewport.width}×${viewport.height} (${locale})` }).toEqual([]);
      }
      // What the comments are left with, for the report.
      const panels = (await boxOf(page.getByTestId("side-top"))).height;
      test.info().annotations.push({ type: "layout", description: `${viewport.width}×${viewport.height} ${locale}: panels ${panels} px, comment list ${await listHeight(page)} px` });
      // The folded panels' titles read on one line (squeezed beside a button, one broke letter by letter).
      for (const title of await page.getByTestId("side-top").locator("h2").all()) {
        expect(await title.evaluate((heading) => heading.getBoundingClientRect().height / parseFloat(getComputedStyle(heading).lineHeight))).toBeLessThan(1.5);
      }
      // The composer's submit at the right end of its options' row, whatever the language (the English one wrapped alone onto a line).
      const actions = await boxOf(page.getByTestId("composer-actions"));
      const submit = await boxOf(page.getByTestId("composer-actions").getByRole("button", { name: locale === "ko" ? "코멘트 남기기" : "Comment", exact: true }));
      expect(Math.abs(submit.x + submit.width - (actions.x + actions.width))).toBeLessThanOrEqual(1);
      expect(Math.abs(submit.y + submit.height / 2 - (actions.y + actions.height / 2))).toBeLessThanOrEqual(2);
      // Folded panels sharing a line: their titles on one baseline.
      const titles = await page.getByTestId("side-top").locator("h2").evaluateAll((headings) => headings.map((heading) => heading.getBoundingClientRect()));
      for (let i = 1; i < titles.length; i += 1) {
        if (Math.abs(titles[i]!.top - titles[i - 1]!.top) < 12) expect(Math.abs(titles[i]!.bottom - titles[i - 1]!.bottom)).toBeLessThanOrEqual(1);
      }
      if (viewport.width === 1280) await screenshot(page, `room-layout-06-decision-1280-${locale}`);
      if (viewport.width === 1440) await screenshot(page, `room-layout-07-decision-1440-${locale}`);
    }
    // Still collapsible and back to the default: Home folds the panels, a double-click brings the buttons back whole.
    const separator = page.getByTestId("side-splitter");
    await separator.focus();
    await page.keyboard.press("Home");
    await expect(page.getByTestId("side-top")).toHaveCSS("max-height", "0px");
    await separator.dblclick();
    await expect.poll(() => clipped(page.getByTestId("decision-panel").getByRole("button", { name: labels[locale].approve, exact: true }))).toEqual([]);
    await context.close();
  }
});
