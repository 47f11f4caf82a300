import { registerUser } from "./support/projects";
import { createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;

test("a guest reads a share link in their browser's language and can switch it", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const editor = await registerUser(request, "e2e-share-locale", "편집자 하나");
  const project = await createProject(request, editor, `공유 언어 ${Date.now() % 10000}`);
  const asset = await createAsset(request, editor, project.id, "티저 15초");
  const version = await uploadVersionAndWait(request, editor, asset.id, makeTestClip("teaser.mp4"));
  const created = await request.post(`${API_URL}/versions/${version.id}/share-links/`, {
    headers: { Authorization: `Bearer ${editor.access}` },
    data: { permission: "comment" },
  });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };

  // An English browser, no choice made yet: English from the first paint.
  const guestContext = await browser.newContext({ locale: "en-US", viewport: { width: 1440, height: 900 } });
  const guest = await guestContext.newPage();
  await guest.goto(url);
  await expect(guest.locator("html")).toHaveAttribute("lang", "en");
  await expect(guest.getByRole("heading", { level: 1 })).toContainText("티저 15초");
  await expect(guest.getByText("Can comment")).toBeVisible();
  await expect(guest.getByRole("button", { name: "Comment", exact: true })).toBeVisible();
  const language = guest.getByRole("group", { name: "Language" });
  await expect(language.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await screenshot(guest, "share-01-guest-en");

  // The switch: Korean at once, and still Korean after a reload (the choice beats the browser's).
  await language.getByRole("button", { name: "한국어" }).click();
  await expect(guest.locator("html")).toHaveAttribute("lang", "ko");
  await expect(guest.getByText("코멘트 가능")).toBeVisible();
  await expect(guest.getByRole("button", { name: "코멘트 남기기", exact: true })).toBeVisible();
  await guest.reload();
  await expect(guest.getByRole("group", { name: "언어" }).getByRole("button", { name: "한국어" })).toHaveAttribute("aria-pressed", "true");
  await expect(guest.getByText("코멘트 가능")).toBeVisible();
  await screenshot(guest, "share-02-guest-ko");

  // A Korean browser gets Korean without choosing.
  const koreanContext = await browser.newContext({ locale: "ko-KR" });
  const korean = await koreanContext.newPage();
  await korean.goto(url);
  await expect(korean.locator("html")).toHaveAttribute("lang", "ko");
  await expect(korean.getByText("코멘트 가능")).toBeVisible();

  await koreanContext.close();
  await guestContext.close();
});
