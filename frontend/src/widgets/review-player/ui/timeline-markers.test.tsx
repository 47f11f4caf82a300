import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import { Timeline } from "./timeline";

// 1000 frames on the 640 px assumed before layout: markers a frame or two apart overlap.
const dense = [
  { id: "a", frame: 500, endFrame: null, label: "민준: 로고" },
  { id: "b", frame: 501, endFrame: null, label: "서연: 음악" },
  { id: "c", frame: 502, endFrame: 540, label: "지호: 자막", resolved: true },
  { id: "lone", frame: 100, endFrame: null, label: "민준: 첫 장면" },
];

function setup(selectedId: string | null = null) {
  const onSeekFrame = vi.fn();
  const onMarkerSelect = vi.fn();
  renderWithProviders(
    <Timeline frame={0} lastFrame={999} fps={25} markers={dense} playheads={[]} selectedId={selectedId} onSeekFrame={onSeekFrame} onMarkerSelect={onMarkerSelect} />,
  );
  return { onSeekFrame, onMarkerSelect };
}

describe("Timeline marker clusters", () => {
  it("merges markers too close to tell apart into one counted, named cluster; a lone one stays a marker", () => {
    setup("b");
    expect(screen.getAllByTestId("timeline-marker")).toHaveLength(1);
    const cluster = screen.getByRole("button", { name: "코멘트 3개: 00:00:20:00–00:00:20:02" });
    expect(cluster).toHaveTextContent("3");
    expect(cluster).toHaveAttribute("aria-haspopup", "menu");
    expect(cluster).toHaveAttribute("aria-expanded", "false");
  });

  it("seeks to the cluster's first comment and lists its comments; picking one seeks and selects it", async () => {
    const { onSeekFrame, onMarkerSelect } = setup();
    await userEvent.click(screen.getByTestId("timeline-cluster"));
    expect(onSeekFrame).toHaveBeenLastCalledWith(500);
    expect(onMarkerSelect).toHaveBeenLastCalledWith("a");

    const menu = screen.getByRole("menu", { name: "00:00:20:00–00:00:20:02의 코멘트" });
    const items = within(menu).getAllByRole("menuitem");
    expect(items.map((item) => item.textContent)).toEqual(["00:00:20:00민준: 로고", "00:00:20:01서연: 음악", "00:00:20:02지호: 자막"]);
    expect(items[0]).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(onSeekFrame).toHaveBeenLastCalledWith(502);
    expect(onMarkerSelect).toHaveBeenLastCalledWith("c");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  });

  it("closes the list with Escape, focus back on the cluster", async () => {
    setup();
    const cluster = screen.getByTestId("timeline-cluster");
    await userEvent.click(cluster);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(cluster).toHaveFocus();
  });
});
