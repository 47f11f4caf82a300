import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { useGetShotMapQuery, type ShotMap } from "@/entities/shot-map";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { ShotLane } from "./shot-lane";

const MAP: ShotMap = {
  version_id: "v1",
  plan_id: "p1",
  fps: 25,
  duration_frames: 100,
  source: "plan",
  shots: [
    { shot_id: "s1", number: 1, size: "wide", description: "새벽 지하철 승강장", start_frame: 0, end_frame: 40 },
    { shot_id: "s2", number: 2, size: "close_up", description: "이어폰 케이스를 여는 손", start_frame: 40, end_frame: 100 },
  ],
};

/** The lane as the room shows it: fed by the cached map, so a save's optimistic update shows. */
function Room({ canEdit = true, onSeekFrame = () => undefined }: { canEdit?: boolean; onSeekFrame?: (frame: number) => void }) {
  const map = useGetShotMapQuery("v1").data;
  return map ? <ShotLane map={map} lastFrame={99} fps={25} frame={50} canEdit={canEdit} onSeekFrame={onSeekFrame} /> : null;
}

function setup(answerPut: () => StubResponse, props: Parameters<typeof Room>[0] = {}) {
  setTokens({ access: "a", refresh: "r" });
  const stub = createFetchStub((request) => (request.method === "PUT" ? answerPut() : { status: 200, body: MAP }));
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(
    <ToastProvider closeLabel="닫기">
      <Room {...props} />
    </ToastProvider>,
  );
  return stub;
}

const cutFrame = () => Number(screen.getByRole("slider", { name: "샷 1–2 사이 경계" }).getAttribute("aria-valuenow"));

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("ShotLane", () => {
  it("shows each shot's number and size, the playhead's shot as current, and seeks to a shot's start", async () => {
    const seek = vi.fn();
    setup(() => ({ status: 200, body: MAP }), { canEdit: false, onSeekFrame: seek });
    const second = await screen.findByRole("button", { name: /^샷 2 · 클로즈업/ });
    expect(second).toHaveAttribute("aria-current", "true");
    expect(second).toHaveTextContent("2 클로즈업");
    fireEvent.focus(second);
    expect(screen.getByRole("tooltip")).toHaveTextContent("이어폰 케이스를 여는 손");
    fireEvent.click(second);
    expect(seek).toHaveBeenCalledWith(40);
    // Read-only for a role that may not edit: no boundaries to drag.
    expect(screen.queryAllByRole("slider")).toHaveLength(0);
  });

  it("moves a focused cut a frame per arrow key and saves the whole map once the keys rest", async () => {
    const saved: ShotMap = { ...MAP, source: "edited", shots: [{ ...MAP.shots[0]!, end_frame: 42 }, { ...MAP.shots[1]!, start_frame: 42 }] };
    const stub = setup(() => ({ status: 200, body: saved }));
    const cut = await screen.findByRole("slider", { name: "샷 1–2 사이 경계" });
    fireEvent.keyDown(cut, { key: "ArrowRight" });
    fireEvent.keyDown(cut, { key: "ArrowRight" });
    expect(cutFrame()).toBe(42);
    await waitFor(() => expect(stub.requests.filter((request) => request.method === "PUT")).toHaveLength(1));
    expect(stub.requests.find((request) => request.method === "PUT")?.body).toEqual({
      shots: [
        { shot_id: "s1", start_frame: 0, end_frame: 42 },
        { shot_id: "s2", start_frame: 42, end_frame: 100 },
      ],
    });
    await waitFor(() => expect(cutFrame()).toBe(42));
  });

  it("stops a cut where a shot would lose its last frame", async () => {
    setup(() => ({ status: 200, body: MAP }));
    const cut = await screen.findByRole("slider", { name: "샷 1–2 사이 경계" });
    expect(cut).toHaveAttribute("aria-valuemin", "1");
    expect(cut).toHaveAttribute("aria-valuemax", "99");
    for (let i = 0; i < 3; i += 1) fireEvent.keyDown(cut, { key: "ArrowRight", shiftKey: true });
    expect(cutFrame()).toBe(99);
  });

  it("goes back with the server's reason when the save is refused", async () => {
    setup(() => ({ status: 409, body: envelope("asset_not_linked", "이 영상은 기획안에 연결되어 있지 않습니다.") }));
    const cut = await screen.findByRole("slider", { name: "샷 1–2 사이 경계" });
    fireEvent.keyDown(cut, { key: "ArrowLeft" });
    expect(cutFrame()).toBe(39);
    fireEvent.blur(cut);
    expect(await screen.findByText(/샷 배치를 저장하지 못해 되돌렸습니다: 이 영상은 기획안에 연결되어 있지 않습니다/)).toBeInTheDocument();
    expect(cutFrame()).toBe(40);
  });

  it("Escape drops an unsaved move", async () => {
    const stub = setup(() => ({ status: 200, body: MAP }));
    const cut = await screen.findByRole("slider", { name: "샷 1–2 사이 경계" });
    fireEvent.keyDown(cut, { key: "ArrowLeft" });
    fireEvent.keyDown(cut, { key: "Escape" });
    expect(cutFrame()).toBe(40);
    fireEvent.blur(cut);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(stub.requests.filter((request) => request.method === "PUT")).toHaveLength(0);
  });
});
