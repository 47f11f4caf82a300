import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Shot, StoryboardFrame } from "@/entities/plan";
import { renderWithProviders } from "@/shared/lib/test";

import { StoryboardGrid } from "./storyboard-grid";

const SHOT: Shot = {
  number: 1,
  scene: 2,
  shot_size: "wide",
  camera_movement: "static",
  description: "도시 전경",
  audio: "",
  duration_seconds: 4,
  location: "",
  props: [],
};

const FRAME: StoryboardFrame = {
  shot: 1,
  description: "새벽의 도시",
  image_query: "city skyline at dawn",
  images: [
    {
      url: "https://images.example/full.jpg",
      thumbnail_url: "https://images.example/thumb.jpg",
      source_url: "https://pexels.example/photo/1",
      author: "Jane Doe",
      author_url: "https://pexels.example/@jane",
      license: "Pexels License",
      provider: "pexels",
    },
  ],
};

describe("StoryboardGrid", () => {
  it("shows each frame's reference image linked to its source, with author, provider and licence", () => {
    renderWithProviders(
      <StoryboardGrid frames={[FRAME]} shots={[SHOT]} imagesStatus={{ provider: "pexels", status: "ok" }} />,
    );
    const frame = screen.getByTestId("storyboard-frame");
    const image = within(frame).getByRole("img", { name: "참고 이미지: city skyline at dawn" });
    expect(image).toHaveAttribute("src", "https://images.example/thumb.jpg");
    expect(image.closest("a")).toHaveAttribute("href", "https://pexels.example/photo/1");
    const credits = within(frame).getByRole("list", { name: "이미지 출처" });
    expect(within(credits).getByRole("link", { name: "Jane Doe" })).toHaveAttribute("href", "https://pexels.example/@jane");
    expect(credits).toHaveTextContent("Jane Doe · pexels · Pexels License");
    expect(frame).toHaveTextContent("장면 2 · 4초");
    expect(screen.queryByText("참고 이미지가 꺼져 있습니다")).toBeNull();
  });

  it("keeps the search query and says why when images are off", () => {
    renderWithProviders(
      <StoryboardGrid frames={[{ ...FRAME, images: [] }]} shots={[SHOT]} imagesStatus={{ provider: null, status: "off" }} />,
    );
    expect(screen.getByText("참고 이미지가 꺼져 있습니다")).toBeInTheDocument();
    expect(screen.getByText(/PEXELS_API_KEY/)).toBeInTheDocument();
    expect(within(screen.getByTestId("storyboard-frame")).getByText("city skyline at dawn")).toBeInTheDocument();
    expect(screen.queryByRole("img")).toBeNull();
  });
});
