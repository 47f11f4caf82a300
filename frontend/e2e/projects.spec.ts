import type { Page } from "@playwright/test";

import { invitationLinkFor, registerUser, signInContext } from "./support/projects";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

function isoDay(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

async function addPhase(page: Page, name: string, start: string, end: string) {
  await page.getByTestId("add-phase").click();
  const dialog = page.getByRole("dialog", { name: "새 단계" });
  await dialog.getByLabel("단계 이름").fill(name);
  await dialog.getByLabel("시작일").fill(start);
  await dialog.getByLabel("종료일").fill(end);
  await dialog.getByRole("button", { name: "추가" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("phase-name").filter({ hasText: name })).toBeVisible();
}

test("two people work on one project live: invite, accept, presence, schedule edits, roles, removal", async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const owner = await registerUser(request, "e2e-owner", "한지민");
  const member = await registerUser(request, "e2e-member", "Alex Kim");

  const ownerContext = await browser.newContext();
  await signInContext(ownerContext, owner);
  const a = await ownerContext.newPage();

  // --- the owner's empty list, then a new project --------------------------------
  await a.goto("/projects");
  await expect(a.getByRole("heading", { level: 1, name: "프로젝트" })).toBeVisible();
  await expect(a.getByText("아직 프로젝트가 없습니다")).toBeVisible();

  await a.getByTestId("create-project").first().click();
  const create = a.getByRole("dialog", { name: "새 프로젝트" });
  await create.getByRole("button", { name: "프로젝트 만들기" }).click();
  await expect(create.getByLabel("프로젝트 이름")).toHaveAttribute("aria-invalid", "true");
  await create.getByLabel("프로젝트 이름").fill("브랜드 필름 2026");
  await create.getByLabel("설명").fill("봄 캠페인용 90초 브랜드 필름");
  await create.getByLabel("마감일").fill(isoDay(40));
  await create.getByRole("button", { name: "프로젝트 만들기" }).click();
  await expect(a).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const projectUrl = a.url();
  await expect(a.getByTestId("project-name")).toHaveText("브랜드 필름 2026");
  await expect(a.getByTestId("my-role")).toHaveAttribute("data-role", "owner");

  // --- schedule by form ------------------------------------------------------------
  await addPhase(a, "기획", isoDay(-2), isoDay(6));
  await addPhase(a, "촬영", isoDay(7), isoDay(14));
  await addPhase(a, "편집", isoDay(15), isoDay(30));

  // A phase whose end is before its start is refused before anything is sent.
  await a.getByTestId("add-phase").click();
  const bad = a.getByRole("dialog", { name: "새 단계" });
  await bad.getByLabel("단계 이름").fill("색보정");
  await bad.getByLabel("시작일").fill(isoDay(20));
  await bad.getByLabel("종료일").fill(isoDay(18));
  await bad.getByRole("button", { name: "추가" }).click();
  await expect(bad.getByLabel("종료일")).toHaveAccessibleDescription("종료일은 시작일보다 빠를 수 없습니다.");
  await bad.getByRole("button", { name: "취소" }).click();

  // Status is optimistic and saved.
  const saved = a.waitForResponse((r) => r.url().includes("/api/v1/projects/") && r.request().method() === "PATCH");
  await a.getByLabel("상태", { exact: true }).selectOption("pre_production");
  expect((await saved).status()).toBe(200);
  await expect(a.getByTestId("activity-item").first()).toContainText("상태를 기획 → 프리 프로덕션");

  // --- invite the second person ------------------------------------------------------
  await a.getByRole("link", { name: "멤버 및 초대" }).first().click();
  await expect(a).toHaveURL(/\/members$/);
  await a.getByLabel("이메일").fill(member.email);
  await a.getByLabel("역할", { exact: true }).selectOption("editor");
  await a.getByRole("button", { name: "초대 보내기" }).click();
  await expect(a.getByTestId("invitation-row").first()).toContainText(member.email);
  await expect(a.getByTestId("invitation-row").first()).toHaveAttribute("data-state", "pending");
  // The owner cannot be demoted while they are the only owner; the reason is on screen.
  const ownerRow = a.locator(`[data-testid="member-row"][data-user-id="${owner.id}"]`);
  await expect(ownerRow.getByTestId("member-role")).toBeDisabled();
  await expect(ownerRow.getByTestId("member-role-reason")).toContainText("소유자가 한 명 이상");
  await screenshot(a, "projects-03-members-invited");

  const link = await invitationLinkFor(request, member);
  expect(link).toMatch(/^\/invitations\/.+/);

  // Logged out, the link explains itself and offers login that comes back here.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await expect(guest.getByTestId("invitation-project")).toContainText("브랜드 필름 2026");
  await expect(guest.getByRole("link", { name: "로그인하고 수락하기" })).toHaveAttribute(
    "href",
    `/login?next=${encodeURIComponent(link)}`,
  );
  await screenshot(guest, "projects-04-invitation-logged-out");
  await guestContext.close();

  // The owner watches the overview while the invitation is accepted.
  await a.goto(projectUrl);
  await expect(a.getByTestId("overview-member")).toHaveCount(1);
  await expect(a.getByTestId("presence-user")).toHaveCount(1);

  const memberContext = await browser.newContext();
  await signInContext(memberContext, member);
  const b = await memberContext.newPage();
  await b.goto(link);
  await expect(b.getByTestId("invitation-project")).toContainText("브랜드 필름 2026");
  await expect(b.getByText(`한지민님이 ${member.email} 주소로 편집자 역할에 초대했습니다.`)).toBeVisible();
  await screenshot(b, "projects-05-invitation");
  await b.getByRole("button", { name: "초대 수락" }).click();
  await expect(b).toHaveURL(projectUrl);
  await expect(b.getByTestId("my-role")).toHaveAttribute("data-role", "editor");

  // --- live on the owner's page: the new member and their presence ----------------------
  await expect(a.locator(`[data-testid="overview-member"]`)).toHaveCount(2);
  await expect(a.getByTestId("overview-members")).toContainText("Alex Kim");
  await expect(a.locator(`[data-testid="presence-user"][data-user-id="${member.id}"]`)).toBeVisible();
  await expect(b.locator(`[data-testid="presence-user"][data-user-id="${owner.id}"]`)).toBeVisible();
  await expect(a.getByTestId("activity-feed")).toContainText("Alex Kim님이 편집자(으)로 참여했습니다");

  // --- the owner drags a phase; the member's page follows without reload ---------------------
  const bar = a.getByTestId("phase-bar").first();
  const before = await a.getByTestId("phase-dates").first().textContent();
  const box = await bar.boundingBox();
  if (!box) throw new Error("no phase bar");
  const saveMove = a.waitForResponse((r) => r.url().includes("/api/v1/phases/") && r.request().method() === "PATCH");
  await a.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await a.mouse.down();
  await a.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
  await a.mouse.move(box.x + box.width / 2 + 90, box.y + box.height / 2, { steps: 4 });
  await a.mouse.up();
  expect((await saveMove).status()).toBe(200);
  const after = await a.getByTestId("phase-dates").first().textContent();
  expect(after).not.toBe(before);
  await expect(b.getByTestId("phase-dates").first()).toHaveText(after ?? "");

  // Keyboard: Shift+→ twice lengthens the phase, Enter saves; B sees it too.
  const second = a.getByTestId("phase-bar").nth(1);
  await second.focus();
  await a.keyboard.press("Shift+ArrowRight");
  await a.keyboard.press("Shift+ArrowRight");
  const saveKeys = a.waitForResponse((r) => r.url().includes("/api/v1/phases/") && r.request().method() === "PATCH");
  await a.keyboard.press("Enter");
  expect((await saveKeys).status()).toBe(200);
  const lengthened = await a.getByTestId("phase-dates").nth(1).textContent();
  expect(lengthened).toContain("10일");
  await expect(b.getByTestId("phase-dates").nth(1)).toHaveText(lengthened ?? "");
  await expect(b.getByTestId("activity-feed")).toContainText("한지민님이 ‘촬영’ 단계를 수정했습니다");
  // And a status change from the owner shows for the member.
  await a.getByLabel("상태", { exact: true }).selectOption("production");
  await expect(b.locator('[data-status="production"]').first()).toBeVisible();
  await screenshot(a, "projects-02-overview");
  await screenshot(b, "projects-06-overview-member");

  // --- a role change is reflected live ---------------------------------------------------
  await a.getByRole("link", { name: "멤버 및 초대" }).first().click();
  const memberRole = a.getByLabel("Alex Kim님의 역할");
  await memberRole.selectOption("viewer");
  await expect(b.getByTestId("my-role")).toHaveAttribute("data-role", "viewer");
  // As a viewer the schedule turns read-only at once, with the reason.
  await expect(b.getByTestId("add-phase")).toHaveCount(0);
  await expect(b.getByText("매니저 이상만 할 수 있습니다.")).toBeVisible();
  await expect(b.getByRole("slider")).toHaveCount(0);

  // --- removal while viewing: the member is told and sent back to the list ----------------------
  await a.getByRole("button", { name: "Alex Kim님 제외" }).click();
  await a.getByRole("alertdialog").getByRole("button", { name: "제외" }).click();
  await expect(a.locator(`[data-testid="member-row"][data-user-id="${member.id}"]`)).toHaveCount(0);
  await expect(b.getByText("이 프로젝트에서 제외되었습니다")).toBeVisible();
  await expect(b).toHaveURL(/\/projects$/, { timeout: 15_000 });

  // --- the list with the project ----------------------------------------------------------
  await a.goto("/projects");
  await expect(a.getByTestId("project-row")).toHaveCount(1);
  await expect(a.getByTestId("project-row").first()).toContainText("촬영");
  await a.getByLabel("이름으로 검색").fill("없는 이름");
  await expect(a.getByText("조건에 맞는 프로젝트가 없습니다")).toBeVisible();
  await a.getByRole("button", { name: "필터 지우기" }).click();
  await expect(a.getByTestId("project-row")).toHaveCount(1);
  await screenshot(a, "projects-01-list");

  // The dashboard lists it; the overview in the dark theme.
  await a.goto("/");
  await expect(a.getByTestId("dashboard-projects")).toContainText("브랜드 필름 2026");
  await screenshot(a, "projects-07-dashboard");
  await a.goto(projectUrl);
  await a.getByRole("button", { name: "다크 모드로 전환" }).click();
  await expect(a.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(a.getByTestId("phase-bar")).toHaveCount(3);
  await screenshot(a, "projects-08-overview-dark");

  await memberContext.close();
  await ownerContext.close();
});
