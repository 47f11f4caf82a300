import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "@/shared/lib/test";

import { ComparePlayers } from "./compare-players";
import { ReviewPlayer } from "./review-player";

const media = { src: "/media/v1.mp4", poster: "/media/v1.jpg", fps: 25, frameCount: 250, duration: 10, label: "본편 v1" };

describe("ReviewPlayer's first picture", () => {
  it("drops the poster and lands on the frame the timecode shows once a frame is decoded", () => {
    renderWithProviders(<ReviewPlayer {...media} />);
    const video = screen.getByTestId("review-video") as HTMLVideoElement;
    // Until then the poster (made ~1 s in) stands in for the picture.
    expect(video).toHaveAttribute("poster", "/media/v1.jpg");
    fireEvent.loadedData(video);
    expect(video).not.toHaveAttribute("poster");
    // A seek (to frame 0's middle) is what makes a browser show the frame instead of the poster.
    expect(video.currentTime).toBeCloseTo(0.5 / 25);
    expect(screen.getByTestId("timecode")).toHaveTextContent("00:00:00:00");
  });

  it("keeps a deep link's frame: it seeks to the middle of the frame already asked for", () => {
    renderWithProviders(<ReviewPlayer {...media} />);
    const video = screen.getByTestId("review-video") as HTMLVideoElement;
    video.currentTime = 2.02; // ?frame=50 landed before the data
    fireEvent.loadedData(video);
    expect(video.currentTime).toBeCloseTo(50.5 / 25);
  });
});

describe("ComparePlayers", () => {
  it("lays one timeline and control bar under both pictures", () => {
    renderWithProviders(
      <ComparePlayers left={{ ...media, caption: "v2" }} right={{ ...media, src: "/media/v0.mp4", label: "본편 v0", caption: "v1" }} />,
    );
    const bar = screen.getByTestId("compare-controls");
    expect(screen.getAllByTestId("review-video")).toHaveLength(2);
    expect(screen.getAllByTestId("timeline")).toHaveLength(1);
    expect(bar).toContainElement(screen.getByTestId("timeline"));
    expect(bar).toContainElement(screen.getByTestId("timecode"));
    for (const player of screen.getAllByTestId("review-player")) expect(player).not.toContainElement(screen.getByTestId("timeline"));
  });
});
