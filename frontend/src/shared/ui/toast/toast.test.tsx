import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ToastProvider, useToast } from "./toast";

function Trigger({ message, tone }: { message: string; tone?: "error" | "success" | "info" }) {
  const toast = useToast();
  return (
    <button type="button" onClick={() => toast.show({ tone, message, durationMs: 5000 })}>
      {`show ${message} ${tone ?? "info"}`}
    </button>
  );
}

function renderToasts() {
  return render(
    <ToastProvider closeLabel="닫기">
      <Trigger message="saved" tone="success" />
      <Trigger message="other" tone="success" />
      <Trigger message="saved" tone="error" />
    </ToastProvider>,
  );
}

describe("ToastProvider", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const click = (name: string) => fireEvent.click(screen.getByRole("button", { name }));

  it("shows the same message once however often it is asked, and keeps it for the full time after the last ask", () => {
    renderToasts();
    click("show saved success");
    act(() => vi.advanceTimersByTime(4000));
    click("show saved success");
    expect(screen.getAllByText("saved")).toHaveLength(1);

    // 5 s after the first ask it would have gone; the second ask keeps it until 5 s after itself.
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByText("saved")).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(3100));
    expect(screen.queryByText("saved")).not.toBeInTheDocument();
  });

  it("stacks different messages, and the same words in another tone, side by side", () => {
    renderToasts();
    click("show saved success");
    click("show other success");
    click("show saved error");
    expect(screen.getAllByRole("status")).toHaveLength(2);
    expect(screen.getByRole("alert")).toHaveTextContent("saved");
    expect(screen.getAllByText("saved")).toHaveLength(2);
  });

  it("closes a toast from its button, and the same message can come back afterwards", () => {
    renderToasts();
    click("show saved success");
    click("닫기");
    expect(screen.queryByText("saved")).not.toBeInTheDocument();
    click("show saved success");
    expect(screen.getByText("saved")).toBeInTheDocument();
  });

  it("keeps at most four toasts, dropping the oldest", () => {
    function Many() {
      const toast = useToast();
      return (
        <button type="button" onClick={() => [1, 2, 3, 4, 5].forEach((n) => toast.show({ message: `m${n}` }))}>
          many
        </button>
      );
    }
    render(
      <ToastProvider closeLabel="닫기">
        <Many />
      </ToastProvider>,
    );
    click("many");
    expect(screen.getAllByRole("status").map((node) => node.textContent)).toEqual(["m2×", "m3×", "m4×", "m5×"]);
  });
});
