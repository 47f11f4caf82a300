import { registerUser } from "./support/projects";
import { addComment, createAsset, createProject, makeTestClip, uploadVersionAndWait } from "./support/review";
import { screenshot } from "./support/screenshots";
import { expect, test } from "./support/security";

const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? "8765"}/api/v1`;

test("a guest sees what v1 left open and the team's new comments live, never internal notes", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const editor = await registerUser(request, "e2e-share-live", "편집자 둘");
  const auth = { Authorization: `Bearer ${editor.access}` };
  const project = await createProject(request, editor, `공유 실시간 ${Date.now() % 10000}`);
  const asset = await createAsset(request, editor, project.id, "본편");
  const first = await uploadVersionAndWait(request, editor, asset.id, makeTestClip("main-v1.mp4"));
  await addComment(request, editor, first.id, "로고가 너무 작아요", 10);
  const fixed = await addComment(request, editor, first.id, "자막 오타", 20);
  expect((await request.post(`${API_URL}/feedback/${fixed.id}/resolve/`, { headers: auth, data: {} })).status()).toBe(200);
  const note = await request.post(`${API_URL}/versions/${first.id}/feedback/`, {
    headers: auth,
    data: { body: "클라이언트에게 보이면 안 되는 메모", frame: 30, internal: true },
  });
  expect(note.status()).toBe(201);
  const second = await uploadVersionAndWait(request, editor, asset.id, makeTestClip("main-v2.mp4"));
  const created = await request.post(`${API_URL}/versions/${second.id}/share-links/`, { headers: auth, data: { permission: "comment" } });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };

  const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 1440, height: 900 } });
  const guest = await context.newPage();
  // The guest's socket: its hello, then (later) the new comment arriving over it.
  const socket = guest.waitForEvent("websocket", (ws) => ws.url().includes("/ws/share/"));
  await guest.goto(url);
  const ws = await socket;
  await ws.waitForEvent("framereceived", (frame) => String(frame.payload).includes('"type": "hello"'));
  const items = guest.getByTestId("guest-feedback-item");
  // The still-open comment of v1, marked as carried over; not the resolved one, not the internal note.
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("로고가 너무 작아요");
  await expect(items.first()).toContainText("v1에서 이어짐");

  // The team comments on v2 (and writes an internal note): the guest sees the comment without a reload.
  await request.post(`${API_URL}/versions/${second.id}/feedback/`, { headers: auth, data: { body: "팀 내부 메모", frame: 5, internal: true } });
  const live = ws.waitForEvent("framereceived", (frame) => String(frame.payload).includes('"type": "feedback.created"'));
  await addComment(request, editor, second.id, "배경 음악을 줄였어요", 15);
  await live;
  await expect(items).toHaveCount(2);
  await expect(guest.getByText("배경 음악을 줄였어요")).toBeVisible();
  await expect(guest.getByText("팀 내부 메모")).toHaveCount(0);
  await expect(guest.getByText("클라이언트에게 보이면 안 되는 메모")).toHaveCount(0);
  await screenshot(guest, "share-03-guest-live");

  await context.close();
});
