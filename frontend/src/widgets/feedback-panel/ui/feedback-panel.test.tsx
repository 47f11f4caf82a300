import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { DEFAULT_FEEDBACK_FILTER, type Feedback, type FeedbackFilter } from "@/entities/feedback";
import { renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { FeedbackPanel } from "./feedback-panel";

const minjun = { id: "u1", email: "m@example.com", display_name: "민준", avatar: null };
const seoyeon = { id: "u2", email: "s@example.com", display_name: "서연", avatar: null };

function comment(overrides: Partial<Feedback>): Feedback {
  return {
    id: "f",
    version_id: "v1",
    version_number: 1,
    parent_id: null,
    author: minjun,
    guest_name: "",
    is_guest: false,
    body: "",
    frame: 0,
    end_frame: null,
    fps: 25,
    timecode: 0,
    end_timecode: null,
    smpte: "00:00:00:00",
    end_smpte: null,
    annotation: null,
    internal: false,
    mentions: [],
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
    ...overrides,
  };
}

const items = [
  comment({ id: "a", frame: 10, smpte: "00:00:00:10", body: "로고가 커요", triage: { category: "picture", priority: "high", actionable: true } }),
  comment({ id: "b", frame: 40, smpte: "00:00:01:15", body: "음악이 커요", author: seoyeon, resolved: true }),
  comment({ id: "c", frame: 60, smpte: "00:00:02:10", body: "팀 메모", internal: true, carried_over: true, version_number: 1 }),
];

type Members = Parameters<typeof FeedbackPanel>[0]["members"];

type LoadState = Pick<Parameters<typeof FeedbackPanel>[0], "loadingMore" | "loadFailed" | "onRetryLoad">;

function Harness({
  currentId,
  onSeek,
  members = [],
  ...load
}: {
  currentId: string | null;
  onSeek: (item: Feedback) => void;
  members?: Members;
} & LoadState) {
  const [filter, setFilter] = useState<FeedbackFilter>(DEFAULT_FEEDBACK_FILTER);
  return (
    <ToastProvider closeLabel="닫기">
      <FeedbackPanel
        versionId="v1"
        items={items}
        loading={false}
        error={null}
        filter={filter}
        onFilterChange={setFilter}
        currentId={currentId}
        selectedId={null}
        onSeek={onSeek}
        me={minjun}
        members={members}
        canComment
        canResolve
        canModerate={false}
        typing={["서연"]}
        {...load}
      />
    </ToastProvider>
  );
}

describe("FeedbackPanel", () => {
  it("marks the comment at the playhead, shows badges and seeks from a timecode", async () => {
    const onSeek = vi.fn();
    renderWithProviders(<Harness currentId="b" onSeek={onSeek} />);
    const rows = screen.getAllByTestId("feedback-item");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveAttribute("aria-current", "true");
    expect(rows[0]).not.toHaveAttribute("aria-current");
    expect(within(rows[0] as HTMLElement).getByTestId("triage-badge")).toHaveTextContent("화면");
    expect(within(rows[2] as HTMLElement).getByText("팀 전용")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText("v1에서 이어짐")).toBeInTheDocument();
    expect(screen.getByTestId("typing-indicator")).toHaveTextContent("서연님이 입력 중…");

    await userEvent.click(screen.getByRole("button", { name: "00:00:01:15 위치로 이동" }));
    expect(onSeek).toHaveBeenCalledWith(expect.objectContaining({ id: "b" }));
  });

  it("offers no visibility filter to a reviewer (the client), who never gets team-only notes", () => {
    const asReviewer = [{ user: minjun, role: "reviewer" as const, joined_at: "2026-01-01T00:00:00Z" }];
    const { unmount } = renderWithProviders(<Harness currentId={null} onSeek={() => undefined} members={asReviewer} />);
    expect(screen.queryByRole("combobox", { name: "공개 범위" })).not.toBeInTheDocument();
    unmount();
    const asViewer = [{ user: minjun, role: "viewer" as const, joined_at: "2026-01-01T00:00:00Z" }];
    renderWithProviders(<Harness currentId={null} onSeek={() => undefined} members={asViewer} />);
    expect(screen.getByRole("combobox", { name: "공개 범위" })).toBeInTheDocument();
  });

  it("filters by status, author, visibility and drawing", async () => {
    renderWithProviders(<Harness currentId={null} onSeek={() => undefined} />);
    const bodies = () => screen.queryAllByTestId("feedback-body").map((node) => node.textContent);

    await userEvent.click(screen.getByRole("button", { name: "미해결" }));
    expect(bodies()).toEqual(["로고가 커요", "팀 메모"]);
    await userEvent.click(screen.getByRole("button", { name: "전체" }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "작성자" }), "u2");
    expect(bodies()).toEqual(["음악이 커요"]);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "작성자" }), "");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "공개 범위" }), "internal");
    expect(bodies()).toEqual(["팀 메모"]);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "공개 범위" }), "all");
    await userEvent.click(screen.getByRole("checkbox", { name: "그림 있음" }));
    expect(screen.getByText("조건에 맞는 코멘트가 없습니다.")).toBeInTheDocument();
  });

  it("says while later comments are still loading, and offers a retry when they could not be", async () => {
    const onRetryLoad = vi.fn();
    const { unmount } = renderWithProviders(<Harness currentId={null} onSeek={() => undefined} loadingMore />);
    expect(screen.getByRole("status")).toHaveTextContent("코멘트를 더 불러오는 중…");
    expect(screen.getAllByTestId("feedback-item")).toHaveLength(3);
    unmount();
    renderWithProviders(<Harness currentId={null} onSeek={() => undefined} loadFailed onRetryLoad={onRetryLoad} />);
    expect(screen.getByRole("alert")).toHaveTextContent("코멘트를 모두 불러오지 못했습니다.");
    await userEvent.click(screen.getByRole("button", { name: "다시 시도" }));
    expect(onRetryLoad).toHaveBeenCalledOnce();
  });
});
