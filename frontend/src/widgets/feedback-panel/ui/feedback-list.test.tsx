import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useRef } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Feedback } from "@/entities/feedback";
import { renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { FeedbackList } from "./feedback-list";

const me = { id: "u1", email: "m@example.com", display_name: "민준", avatar: null };

function comment(index: number): Feedback {
  return {
    id: `f${index}`,
    version_id: "v1",
    version_number: 1,
    parent_id: null,
    author: me,
    guest_name: "",
    is_guest: false,
    body: `코멘트 ${index}`,
    frame: index,
    end_frame: null,
    fps: 25,
    timecode: index / 25,
    end_timecode: null,
    smpte: `00:00:00:${index}`,
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
  };
}

const many = Array.from({ length: 500 }, (_, index) => comment(index));

// jsdom lays nothing out and cannot scroll: rows are taken as 100 px high (the scroller as
// 600 px, the list's fallback), and scrolling sets scrollTop and says so.
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.rowId ? 100 : 0;
    },
  });
  // The scroller's room to scroll: the list's height less its own.
  Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return parseInt((this.firstElementChild?.nextElementSibling as HTMLElement | null)?.style.height ?? "0", 10) || 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.scroller ? 600 : 0;
    },
  });
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === "object" && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event("scroll"));
  } as HTMLElement["scrollTo"];
});
afterAll(() => {
  if (offsetHeight) Object.defineProperty(HTMLElement.prototype, "offsetHeight", offsetHeight);
  delete (HTMLElement.prototype as Partial<HTMLElement>).scrollTo;
  for (const name of ["scrollHeight", "clientHeight"]) Reflect.deleteProperty(HTMLElement.prototype, name);
});

function List({ items, selectedId = null, onSeek = () => undefined }: { items: Feedback[]; selectedId?: string | null; onSeek?: (item: Feedback) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  return (
    <ToastProvider closeLabel="닫기">
      <div ref={scrollRef} data-scroller="true" style={{ height: 600, overflowY: "auto" }}>
        <FeedbackList
          scrollRef={scrollRef}
          items={items}
          versionId="v1"
          me={me}
          members={[]}
          currentId={null}
          selectedId={selectedId}
          canComment={false}
          canResolve={false}
          canModerate={false}
          onSeek={onSeek}
        />
      </div>
    </ToastProvider>
  );
}

const renderedIds = () => screen.getAllByTestId("feedback-item").map((node) => node.closest("li")?.dataset.rowId);

describe("FeedbackList", () => {
  it("renders every row of a short list", () => {
    renderWithProviders(<List items={many.slice(0, 20)} />);
    expect(screen.getAllByTestId("feedback-item")).toHaveLength(20);
  });

  it("renders only the rows near the view of a long one, with their place in the whole list", () => {
    renderWithProviders(<List items={many} />);
    const rows = screen.getAllByRole("listitem").filter((node) => node.dataset.rowId);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(20);
    expect(rows[0]).toHaveAttribute("aria-posinset", "1");
    expect(rows[0]).toHaveAttribute("aria-setsize", "500");
    // As tall as every row: the measured ones at their height, the others estimated.
    expect(parseInt(screen.getByTestId("feedback-list").style.height, 10)).toBeGreaterThanOrEqual(500 * 100);
  });

  it("moves between comments with the arrow keys, Home and End, and seeks with Enter", async () => {
    const onSeek = vi.fn();
    renderWithProviders(<List items={many} onSeek={onSeek} />);
    const first = screen.getAllByRole("listitem")[0]!;
    expect(first).toHaveAttribute("tabindex", "0");
    first.focus();
    await userEvent.keyboard("{ArrowDown}");
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-row-id", "f1"));
    await userEvent.keyboard("{End}");
    // The last row is rendered (kept while it has the keyboard) and focused, far below the first ones.
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-row-id", "f499"));
    expect(renderedIds()).toContain("f499");
    await userEvent.keyboard("{Enter}");
    expect(onSeek).toHaveBeenCalledWith(expect.objectContaining({ id: "f499" }));
    await userEvent.keyboard("{Home}");
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-row-id", "f0"));
  });

  it("brings a selected comment far down the list into view", async () => {
    const { rerender } = renderWithProviders(<List items={many} />);
    expect(renderedIds()).not.toContain("f400");
    rerender(<List items={many} selectedId="f400" />);
    await waitFor(() => expect(renderedIds()).toContain("f400"));
  });
});
