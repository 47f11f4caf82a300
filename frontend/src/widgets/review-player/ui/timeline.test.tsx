import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import { Timeline } from "./timeline";

const markers = [
  { id: "a", frame: 5, endFrame: null, label: "민준: 로고" },
  { id: "b", frame: 25, endFrame: 40, label: "서연: 음악", resolved: true },
];

function setup() {
  const onSeekFrame = vi.fn();
  const onMarkerSelect = vi.fn();
  renderWithProviders(
    <Timeline
      frame={10}
      lastFrame={49}
      fps={25}
      markers={markers}
      playheads={[{ id: "u2", name: "서연", seconds: 1 }]}
      selectedId="a"
      onSeekFrame={onSeekFrame}
      onMarkerSelect={onMarkerSelect}
    />,
  );
  return { onSeekFrame, onMarkerSelect };
}

describe("Timeline", () => {
  it("places markers by frame and seeks to one when clicked", async () => {
    const { onSeekFrame, onMarkerSelect } = setup();
    const marker = screen.getByRole("button", { name: "00:00:01:00 코멘트: 서연: 음악" });
    expect(marker.style.left).toBe(`${(25 / 49) * 100}%`);
    await userEvent.click(marker);
    expect(onSeekFrame).toHaveBeenCalledWith(25);
    expect(onMarkerSelect).toHaveBeenCalledWith("b");
  });

  it("is a slider with the current timecode and shows where others are", () => {
    setup();
    const slider = screen.getByRole("slider", { name: "타임라인" });
    expect(slider).toHaveAttribute("aria-valuenow", "10");
    expect(slider).toHaveAttribute("aria-valuetext", "00:00:00:10");
    expect(screen.getByTestId("remote-playhead")).toHaveAttribute("title", "서연");
  });

  it("scrubs to the frame under the pointer and jumps with Home/End", () => {
    const { onSeekFrame } = setup();
    const slider = screen.getByRole("slider", { name: "타임라인" });
    slider.getBoundingClientRect = () => ({ left: 100, width: 490, top: 0, height: 22, right: 590, bottom: 22, x: 100, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(slider, { clientX: 345, pointerId: 1 });
    expect(onSeekFrame).toHaveBeenLastCalledWith(25);
    fireEvent.keyDown(slider, { key: "End" });
    expect(onSeekFrame).toHaveBeenLastCalledWith(49);
    fireEvent.keyDown(slider, { key: "Home" });
    expect(onSeekFrame).toHaveBeenLastCalledWith(0);
  });
});
