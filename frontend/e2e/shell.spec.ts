import { notifyUser } from "./support/backend";
import { createUser } from "./support/monitoring";
import { verificationLinkFor } from "./support/outbox";
import { API_URL, login, PASSWORD } from "./support/planning";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

test("a new user registers, works in Korean and English, gets a live notification and logs out", async ({ page }) => {
  const email = uniqueEmail("e2e-shell");
  const name = "김하늘";
  const password = "Vp-e2e-Passw0rd!";

  // --- register -----------------------------------------------------------
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1, name: "계정 만들기" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page).toHaveTitle("계정 만들기 · VideoPlanet");
  await screenshot(page, "01-register-ko");

  await page.getByLabel("이름").fill(name);
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByLabel("비밀번호 확인").fill(password);
  await page.getByRole("button", { name: "계정 만들기" }).click();

  // --- confirm the address from the e-mail, then log in ------------------------
  const sent = page.getByRole("main").getByRole("status").first();
  await expect(sent).toContainText("이메일을 확인해 주세요");
  await expect(sent).toContainText(email);
  await screenshot(page, "01b-register-check-email-ko");
  await page.goto(await verificationLinkFor(email));
  // The one who opens the link sets the password (the sign-up one here).
  await expect(page.getByRole("heading", { level: 1, name: "이메일 확인" })).toBeVisible();
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByLabel("비밀번호 확인").fill(password);
  await page.getByRole("button", { name: "이메일 확인하고 비밀번호 설정" }).click();
  await expect(page.getByText("이메일 주소가 확인되었습니다")).toBeVisible();
  await screenshot(page, "01c-email-verified-ko");
  await page.getByRole("main").getByRole("link", { name: "로그인", exact: true }).click();
  await expect(page.getByLabel("이메일")).toHaveValue(email);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByRole("button", { name: "로그인" }).click();

  // --- the shell, in Korean -----------------------------------------------
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}님, 안녕하세요`);
  const nav = page.getByRole("navigation", { name: "주 메뉴" });
  await expect(nav.getByRole("link", { name: "대시보드" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "알림" })).toBeVisible();
  await expect(page.getByRole("button", { name: "알림", exact: true })).toBeVisible();
  await expect(page.getByTestId("realtime-status")).toHaveAttribute("data-status", "open");
  await screenshot(page, "02-dashboard-ko");

  // --- switch to English (saved to the profile) ------------------------------
  const saved = page.waitForResponse(
    (response) => response.url().endsWith("/api/v1/users/me/") && response.request().method() === "PATCH",
  );
  await page.getByRole("group", { name: "언어" }).getByRole("button", { name: "English" }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toBeVisible();

  // Still English after a reload: cookie and profile agree.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}`);
  await expect(page.getByTestId("realtime-status")).toHaveAttribute("data-status", "open");
  await expect(page.getByTestId("notification-badge")).toHaveCount(0);
  await screenshot(page, "03-dashboard-en");

  // --- a notification arrives live ----------------------------------------------
  const title = `Review requested: Teaser 15s v${Date.now() % 1000}`;
  notifyUser(email, title, "Jiwoo left 3 comments on the new cut.");

  const bell = page.getByTestId("notification-bell");
  await expect(page.getByTestId("notification-badge")).toHaveText("1");
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await expect(page.getByTestId("recent-notifications")).toContainText(title);

  await bell.click();
  const dropdown = page.getByRole("dialog", { name: "Notifications" });
  await expect(dropdown).toBeVisible();
  await expect(dropdown.getByTestId("notification-item").first()).toContainText(title);
  await screenshot(page, "04-notification-dropdown-en");

  // --- the notifications page: mark read ------------------------------------------
  await dropdown.getByRole("link", { name: "View all notifications" }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page).toHaveTitle("Notifications · VideoPlanet");
  const item = page.getByTestId("notification-list").getByTestId("notification-item").first();
  await expect(item).toContainText(title);
  await expect(item).toHaveAttribute("data-unread", "true");
  await screenshot(page, "05-notifications-en");

  await page.getByRole("button", { name: `Mark as read: ${title}` }).click();
  await expect(item).not.toHaveAttribute("data-unread", "true");
  await expect(page.getByTestId("notification-badge")).toHaveCount(0);

  // --- profile --------------------------------------------------------------------
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  await screenshot(page, "06-profile-en");

  // Tablet width: the same shell, compacted.
  await page.setViewportSize({ width: 820, height: 1100 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}`);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" })).toBeVisible();
  await screenshot(page, "06b-dashboard-tablet-en");
  await page.setViewportSize({ width: 1280, height: 800 });

  // --- log out ----------------------------------------------------------------------
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("You have been logged out.");
  await screenshot(page, "07-login-after-logout-en");

  // The session is really gone: the app sends us back to log in.
  await page.goto("/notifications");
  await expect(page).toHaveURL(/\/login\?next=%2Fnotifications$/);
});

test("logging in with a wrong password shows the error and stays on the page", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "로그인" })).toBeVisible();
  await screenshot(page, "08-login-ko");

  await page.getByLabel("이메일").fill(uniqueEmail("nobody"));
  await page.getByLabel("비밀번호", { exact: true }).fill("definitely-wrong");
  await page.getByRole("button", { name: "로그인" }).click();

  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("이메일 또는 비밀번호가 올바르지 않습니다.");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("비밀번호", { exact: true })).toHaveValue("definitely-wrong");
  await screenshot(page, "09-login-error-ko");
});

test("the forms explain what is wrong before anything is sent", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("button", { name: "계정 만들기" }).click();
  await expect(page.getByLabel("이름")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("이름")).toBeFocused();
  await expect(page.getByLabel("이메일")).toHaveAccessibleDescription("필수 입력 항목입니다.");
  await screenshot(page, "10-register-validation-ko");

  await page.goto("/reset-password");
  await expect(page.getByRole("heading", { level: 1, name: "비밀번호 재설정" })).toBeVisible();
  await page.getByLabel("이메일").fill(uniqueEmail("reset"));
  await page.getByRole("button", { name: "재설정 링크 보내기" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("메일을 확인하세요");
  await screenshot(page, "11-reset-requested-ko");

  await page.goto("/reset-password/confirm");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("링크를 사용할 수 없습니다");
});

test("dark theme is remembered", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "다크 모드로 전환" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await screenshot(page, "12-login-dark-ko");
});

test("every page keeps one content frame at 1440×900: same width, same left edge as the header", async ({ page, request }) => {
  // Staff, so the monitoring and analytics consoles show their real (dense) pages.
  const email = uniqueEmail("e2e-frame");
  createUser(email, PASSWORD, { staff: true, name: "프레임" });
  const token = await request.post(`${API_URL}/auth/login/`, { data: { email, password: PASSWORD } });
  const { access } = (await token.json()) as { access: string };
  const created = await request.post(`${API_URL}/projects/`, {
    headers: { Authorization: `Bearer ${access}` },
    data: { name: "프레임 확인", description: "page widths" },
  });
  const projectId = ((await created.json()) as { id: string }).id;

  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, email);
  const paths = [
    "/",
    "/projects",
    `/projects/${projectId}`,
    `/projects/${projectId}/members`,
    `/projects/${projectId}/planning`,
    "/monitoring",
    "/analytics",
    "/notifications",
    "/profile",
    "/profile/notifications",
  ];
  const frames: { path: string; x: number; width: number; headingX: number; logoX: number }[] = [];
  for (const path of paths) {
    await page.goto(path);
    const heading = page.getByRole("main").getByRole("heading", { level: 1 });
    await expect(heading).toBeVisible();
    const frame = await page.getByTestId("page").boundingBox();
    const title = await heading.boundingBox();
    const logo = await page.getByRole("banner").getByRole("link", { name: "VideoPlanet" }).boundingBox();
    frames.push({
      path,
      x: Math.round(frame!.x),
      width: Math.round(frame!.width),
      headingX: Math.round(title!.x),
      logoX: Math.round(logo!.x),
    });
  }
  await screenshot(page, "13-frame-profile-1440");
  const first = frames[0]!;
  for (const frame of frames) expect(frame, frame.path).toEqual({ ...first, path: frame.path });
  // The header's logo starts where every page's title does.
  expect(first.logoX).toBe(first.headingX);
});
