import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FEEDBACK_BODY_MAX_LENGTH, feedbackApi, feedbackItems, upsertInList, type Feedback } from "@/entities/feedback";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { CommentComposer } from "./comment-composer";

const me = { id: "u1", email: "minjun@example.com", display_name: "민준", avatar: null };
const reviewer = { id: "u2", email: "seoyeon@example.com", display_name: "서연", avatar: null };
const viewer = { id: "u3", email: "jiho@example.com", display_name: "지호", avatar: null };
const members = [
  { user: me, role: "editor" as const, joined_at: "2026-01-01T00:00:00Z" },
  { user: reviewer, role: "reviewer" as const, joined_at: "2026-01-01T00:00:00Z" },
  { user: viewer, role: "viewer" as const, joined_at: "2026-01-01T00:00:00Z" },
];

function serverFeedback(body: Record<string, unknown>): Feedback {
  return {
    id: "srv-1",
    version_id: "v1",
    version_number: 1,
    parent_id: null,
    author: me,
    guest_name: "",
    is_guest: false,
    body: String(body.body),
    frame: Number(body.frame),
    end_frame: null,
    fps: 25,
    timecode: Number(body.frame) / 25,
    end_timecode: null,
    smpte: "00:00:00:05",
    end_smpte: null,
    annotation: null,
    internal: false,
    mentions: [reviewer],
    reactions: [],
    resolved: false,
    resolved_by: null,
    resolved_at: null,
    edited_at: null,
    deleted: false,
    carried_over: false,
    urgent: false,
    shot: null,
    created_at: "2026-03-01T09:00:00Z",
    updated_at: "2026-03-01T09:00:00Z",
    replies: [],
  };
}

function setup(answer: (body: Record<string, unknown>) => { status: number; body?: unknown }, who = me) {
  setTokens({ access: "A", refresh: "R" });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stub = createFetchStub(async ({ method, path, body }) => {
    if (method === "GET" && path === "/api/v1/versions/v1/feedback/") return { status: 200, body: { next: null, previous: null, results: [] } };
    await gate; // hold the POST so the optimistic state can be seen
    return answer(body as Record<string, unknown>);
  });
  vi.stubGlobal("fetch", stub.fetch);
  const view = renderWithProviders(
    <ToastProvider closeLabel="닫기">
      <CommentComposer
        versionId="v1"
        fps={25}
        frame={5}
        members={members}
        me={who}
        drawing={null}
        drawingActive={false}
        onToggleDrawing={() => undefined}
        onClearDrawing={() => undefined}
      />
    </ToastProvider>,
  );
  return { ...view, stub, release: () => release() };
}

function cached(store: ReturnType<typeof setup>["store"]) {
  return feedbackItems(feedbackApi.endpoints.listFeedback.select("v1")(store.getState()).data);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("adding a comment", () => {
  it("shows it at once, then swaps in the server's copy with the mention resolved to an id", async () => {
    const { store, stub, release } = setup((body) => ({ status: 201, body: serverFeedback(body) }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));

    const input = screen.getByRole("textbox", { name: "코멘트" });
    await userEvent.type(input, "@서");
    await userEvent.click(await screen.findByRole("option", { name: /서연/ }));
    await userEvent.type(input, "로고 확인 부탁해요");
    expect(screen.getByTestId("composer-timecode")).toHaveTextContent("00:00:00:05");
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));

    expect(cached(store)).toHaveLength(1);
    expect(cached(store)[0]).toMatchObject({ pending: true, frame: 5, body: "@서연 로고 확인 부탁해요" });
    release();
    await waitFor(() => expect(cached(store)[0]?.id).toBe("srv-1"));
    expect(cached(store)).toHaveLength(1);
    const post = stub.requests.find((request) => request.method === "POST");
    expect(post?.body).toMatchObject({
      frame: 5,
      end_frame: null,
      mention_ids: ["u2"],
      internal: false,
      urgent: false,
      annotation: null,
    });
  });

  it("keeps one copy when the room's event brings the server's comment before the answer does", async () => {
    const { store, release } = setup((body) => ({ status: 201, body: serverFeedback(body) }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));
    await userEvent.type(screen.getByRole("textbox", { name: "코멘트" }), "로고 확인");
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));
    store.dispatch(feedbackApi.util.updateQueryData("listFeedback", "v1", (draft) => upsertInList(draft, serverFeedback({ body: "로고 확인", frame: 5 }))));
    expect(cached(store).map((item) => item.id).sort()).toEqual([expect.stringMatching(/^pending-/), "srv-1"]);
    release();
    await waitFor(() => expect(cached(store).map((item) => item.id)).toEqual(["srv-1"]));
  });

  it("sends a comment marked urgent for immediate AI triage, then clears the mark", async () => {
    const { store, stub, release } = setup((body) => ({ status: 201, body: serverFeedback(body) }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));

    await userEvent.type(screen.getByRole("textbox", { name: "코멘트" }), "오디오가 끊겨요");
    await userEvent.click(screen.getByRole("checkbox", { name: "긴급" }));
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));
    release();

    await waitFor(() => expect(stub.requests.find((request) => request.method === "POST")?.body).toMatchObject({ urgent: true }));
    expect(screen.getByRole("checkbox", { name: "긴급" })).not.toBeChecked();
  });

  it("takes the optimistic comment back on an error, tells why and gives the text back", async () => {
    const { store, release } = setup(() => ({
      status: 409,
      body: envelope("version_not_ready", "이 버전은 아직 준비되지 않았습니다."),
    }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));

    const input = screen.getByRole("textbox", { name: "코멘트" });
    await userEvent.type(input, "사운드가 튀어요");
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));
    expect(cached(store)).toHaveLength(1);
    expect(input).toHaveValue("");

    release();
    await waitFor(() => expect(cached(store)).toHaveLength(0));
    // A toast says why, and the form keeps the error beside the text.
    expect(await screen.findByText("코멘트를 남기지 못했습니다: 이 버전은 아직 준비되지 않았습니다.")).toBeInTheDocument();
    expect(screen.getByText("이 버전은 아직 준비되지 않았습니다.", { selector: "p" })).toBeInTheDocument();
    expect(input).toHaveValue("사운드가 튀어요");
  });

  it("offers the team-only flag to an editor and sends it", async () => {
    const { store, stub, release } = setup((body) => ({ status: 201, body: serverFeedback(body) }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));

    await userEvent.type(screen.getByRole("textbox", { name: "코멘트" }), "단가 확인 필요");
    await userEvent.click(screen.getByRole("checkbox", { name: "팀 전용" }));
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));
    release();

    await waitFor(() => expect(stub.requests.find((request) => request.method === "POST")?.body).toMatchObject({ internal: true }));
  });

  it("in a team-only note offers only members who can read it (not the reviewer) and mentions no one else", async () => {
    const { store, stub, release } = setup((body) => ({ status: 201, body: serverFeedback(body) }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));
    const input = screen.getByRole("textbox", { name: "코멘트" });

    await userEvent.click(screen.getByRole("checkbox", { name: "팀 전용" }));
    await userEvent.type(input, "@");
    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent).join(" ")).not.toContain("서연");
    await userEvent.click(screen.getByRole("option", { name: /지호/ }));
    await userEvent.type(input, "@서연 단가 확인");
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));
    release();

    await waitFor(() =>
      expect(stub.requests.find((request) => request.method === "POST")?.body).toMatchObject({ internal: true, mention_ids: ["u3"] }),
    );
  });

  it("does not offer the team-only flag to a reviewer (the client), who never sees team notes", async () => {
    const { store, stub, release } = setup((body) => ({ status: 201, body: serverFeedback(body) }), reviewer);
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));

    expect(screen.queryByRole("checkbox", { name: "팀 전용" })).not.toBeInTheDocument();
    await userEvent.type(screen.getByRole("textbox", { name: "코멘트" }), "로고가 작아요");
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));
    release();

    await waitFor(() => expect(stub.requests.find((request) => request.method === "POST")?.body).toMatchObject({ internal: false }));
  });

  it("counts characters live and blocks sending over the server's limit, without cutting the text", async () => {
    const { stub, store } = setup(() => ({ status: 201 }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));
    const input = screen.getByRole("textbox", { name: "코멘트" });

    await userEvent.click(input);
    await userEvent.paste("가".repeat(FEEDBACK_BODY_MAX_LENGTH + 1));

    expect(input).toHaveValue("가".repeat(FEEDBACK_BODY_MAX_LENGTH + 1)); // nothing cut
    expect(screen.getByTestId("body-counter")).toHaveTextContent(/^5001 \/ 5000/);
    expect(screen.getByRole("status")).toHaveTextContent("코멘트는 5000자까지 쓸 수 있습니다. 1자를 줄여야 보낼 수 있습니다.");
    expect(input).toHaveAttribute("aria-invalid", "true");
    const send = screen.getByRole("button", { name: "코멘트 남기기" });
    expect(send).toBeDisabled();
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    expect(stub.requests.some((request) => request.method === "POST")).toBe(false);

    await userEvent.keyboard("{Backspace}");
    expect(screen.getByTestId("body-counter")).toHaveTextContent(/^5000 \/ 5000$/);
    expect(screen.getByRole("status")).toHaveTextContent("");
    expect(send).toBeEnabled();
  });

  it("refuses an empty comment without calling the server", async () => {
    const { stub, store } = setup(() => ({ status: 201 }));
    await store.dispatch(feedbackApi.endpoints.listFeedback.initiate("v1"));
    await userEvent.click(screen.getByRole("button", { name: "코멘트 남기기" }));
    expect(screen.getByRole("alert")).toHaveTextContent("코멘트 내용을 입력하세요.");
    expect(stub.requests.some((request) => request.method === "POST")).toBe(false);
  });
});
