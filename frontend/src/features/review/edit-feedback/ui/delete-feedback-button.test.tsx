import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Feedback } from "@/entities/feedback";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { DeleteFeedbackButton } from "./edit-feedback-form";

const comment = { id: "f1", version_id: "v1", parent_id: null, body: "컷이 튀어요" } as Feedback;

function setup(answer: StubResponse) {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(() => answer);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(
    <ToastProvider closeLabel="닫기">
      <DeleteFeedbackButton versionId="v1" feedback={comment} />
    </ToastProvider>,
  );
  return stub;
}

afterEach(() => vi.unstubAllGlobals());

describe("deleting a comment", () => {
  it("asks in the app's own dialog first and deletes only when confirmed", async () => {
    const user = userEvent.setup();
    const stub = setup({ status: 204 });

    await user.click(screen.getByRole("button", { name: "삭제" }));
    const dialog = screen.getByRole("alertdialog", { name: "이 코멘트를 삭제할까요?" });
    expect(dialog).toHaveTextContent("달린 답글은 남습니다");
    await user.click(within(dialog).getByRole("button", { name: "취소" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(stub.requests).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "삭제" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "삭제" }));
    await waitFor(() => expect(stub.requests).toEqual([expect.objectContaining({ method: "DELETE", path: "/api/v1/feedback/f1/" })]));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
  });

  it("does not talk about replies when the comment is a reply", async () => {
    const user = userEvent.setup();
    setTokens({ access: "A", refresh: "R" });
    vi.stubGlobal("fetch", createFetchStub(() => ({ status: 204 })).fetch);
    renderWithProviders(<DeleteFeedbackButton versionId="v1" feedback={{ ...comment, id: "f2", parent_id: "f1" }} />);

    await user.click(screen.getByRole("button", { name: "삭제" }));
    expect(screen.getByRole("alertdialog", { name: "이 코멘트를 삭제할까요?" })).not.toHaveTextContent("답글");
  });

  it("says why when the server refuses", async () => {
    const user = userEvent.setup();
    setup({ status: 403, body: envelope("permission_denied", "작성자만 삭제할 수 있습니다.") });

    await user.click(screen.getByRole("button", { name: "삭제" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "삭제" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("삭제하지 못했습니다");
  });
});
