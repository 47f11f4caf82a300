import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { AttentionPerson, VersionAttention } from "@/entities/attention";
import { renderWithProviders } from "@/shared/lib/test";

import { AttentionPeople } from "./attention-people";
import { AttentionStrip } from "./attention-strip";
import { heatGradient } from "./heat";

function person(name: string, seconds: number[][], extra: Partial<AttentionPerson> = {}): AttentionPerson {
  return {
    kind: "member",
    user: null,
    name,
    role: "reviewer",
    in_strip: true,
    seconds,
    percent: 50,
    watched_frames: 125,
    frame_count: 250,
    fps: 25,
    watched: [],
    unwatched: [],
    last_watched_at: "2026-03-01T09:00:00Z",
    ...extra,
  };
}

// 10 s at 25 fps: Kim watched 0–5 s, Lee 3–8 s; nobody the last two seconds.
const attention: VersionAttention = {
  version_id: "v1",
  fps: 25,
  frame_count: 250,
  duration: 10,
  audience: 2,
  seconds: [1, 1, 1, 2, 2, 1, 1, 1, 0, 0],
  people: [
    person("Kim", [[0, 5]], { unwatched: [{ start_frame: 125, end_frame: 250, start: 5, end: 10 }] }),
    person("Lee", [[3, 8]], { kind: "guest", role: null, percent: 99.9 }),
    person("Editor", [[0, 10]], { role: "editor", in_strip: false, percent: 100 }),
  ],
  decisions: [],
};

/** The strip as 1000 px wide (jsdom lays nothing out). */
function widen(element: HTMLElement) {
  element.getBoundingClientRect = () => ({ left: 0, width: 1000, top: 0, height: 8, right: 1000, bottom: 8, x: 0, y: 0, toJSON: () => ({}) });
}

describe("attention strip", () => {
  it("says who watched the second under the pointer", () => {
    renderWithProviders(<AttentionStrip attention={attention} lastFrame={249} />);
    const strip = screen.getByTestId("attention-strip");
    widen(strip);

    fireEvent.pointerMove(strip, { clientX: 410 }); // second 4
    expect(screen.getByTestId("attention-seen-by")).toHaveTextContent("00:04 · Kim, Lee");

    fireEvent.pointerMove(strip, { clientX: 950 }); // second 9
    expect(screen.getByTestId("attention-seen-by")).toHaveTextContent("00:09 · 아무도 보지 않음");

    fireEvent.pointerLeave(strip);
    expect(screen.queryByTestId("attention-seen-by")).toBeNull();
  });

  it("walks the seconds with the arrow keys", async () => {
    renderWithProviders(<AttentionStrip attention={attention} lastFrame={249} />, { locale: "en" });
    screen.getByTestId("attention-strip").focus();

    await userEvent.keyboard("{ArrowRight}{ArrowRight}");

    expect(screen.getByTestId("attention-seen-by")).toHaveTextContent("00:01 · Kim");
    expect(screen.getByRole("img", { name: /how many of 2 reviewers and guests/ })).toBeInTheDocument();
  });

  it("paints one band per run of equal counts, red where nobody watched", () => {
    const gradient = heatGradient([1, 1, 2, 0], 25, 99);

    expect(gradient.match(/rgba/g)).toHaveLength(3);
    expect(gradient).toContain("rgba(255, 92, 92, 0.38) 75.758% 100%");
  });

  it("stays a neutral empty track while nobody has played the version", () => {
    expect(heatGradient([0, 0, 0, 0], 25, 99)).toBe("none");
    expect(heatGradient([], 25, 99)).toBe("none");
  });
});

describe("attention people", () => {
  it("lists each person's share and what they skipped; the team apart", async () => {
    renderWithProviders(<AttentionPeople attention={attention} />);
    await userEvent.click(screen.getByRole("button", { name: /시청 현황/ }));

    const rows = screen.getAllByTestId("attention-person");
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining("50% 시청안 본 구간: 00:05–00:10"),
      expect.stringMatching(/Lee게스트99% 시청끝까지 봄/),
      expect.stringMatching(/Editor팀 \(분포에 포함 안 됨\)100% 시청/),
    ]);
  });
});
