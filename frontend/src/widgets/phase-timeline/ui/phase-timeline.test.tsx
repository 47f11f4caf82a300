import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { projectApi, type Phase, type Project } from "@/entities/project";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders, type StubResponse } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { PhaseTimeline } from "./phase-timeline";

const project: Project = {
  id: "p1",
  name: "브랜드 필름",
  description: "",
  status: "production",
  deadline: "2026-05-30",
  owner: { id: "u1", email: "owner@example.com", display_name: "한지민", avatar: null },
  my_role: "manager",
  member_count: 2,
  created_at: "2026-03-01T09:00:00Z",
  updated_at: "2026-03-01T09:00:00Z",
};

const phases: Phase[] = [
  { id: "ph1", name: "기획", start: "2026-05-04", end: "2026-05-08", order: 1, created_at: "", updated_at: "" },
  { id: "ph2", name: "촬영", start: "2026-05-11", end: "2026-05-15", order: 2, created_at: "", updated_at: "" },
];

/** jsdom has no PointerEvent; a MouseEvent with a pointerId is all the timeline reads. */
class FakePointerEvent extends MouseEvent {
  pointerId: number;
  constructor(type: string, init: PointerEventInit = {}) {
    super(type, init);
    this.pointerId = init.pointerId ?? 1;
  }
}

function setup(patchAnswer: (body: unknown) => StubResponse) {
  setTokens({ access: "A", refresh: "R" });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stub = createFetchStub(async ({ method, body }) => {
    if (method === "GET") return { status: 200, body: phases };
    await gate;
    return patchAnswer(body);
  });
  vi.stubGlobal("fetch", stub.fetch);
  return { stub, release: () => release() };
}

function cached(store: ReturnType<typeof renderWithProviders>["store"], id: string) {
  return projectApi.endpoints.listPhases.select("p1")(store.getState()).data?.find((phase) => phase.id === id);
}

async function renderTimeline(role: Project["my_role"] = "manager") {
  const result = renderWithProviders(
    <ToastProvider closeLabel="닫기">
      <PhaseTimeline project={{ ...project, my_role: role }} />
    </ToastProvider>,
  );
  await screen.findAllByTestId("phase-bar");
  return result;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-05-06T09:00:00+09:00"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("PhaseTimeline", () => {
  it("moves a phase with the keyboard and saves on Enter", async () => {
    const { release, stub } = setup((body) => ({ status: 200, body: { ...phases[0], ...(body as object) } }));
    const { store } = await renderTimeline();
    const bar = screen.getByRole("slider", { name: /기획/ });
    bar.focus();
    await userEvent.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}");
    expect(screen.getAllByTestId("phase-dates")[0]).toHaveTextContent("5월 7일 – 5월 11일");
    await userEvent.keyboard("{Enter}");
    expect(cached(store, "ph1")).toMatchObject({ start: "2026-05-07", end: "2026-05-11" });
    release();
    await waitFor(() =>
      expect(stub.requests.at(-1)).toMatchObject({ method: "PATCH", path: "/api/v1/phases/ph1/" }),
    );
    // Exactly the declared fields: the API refuses anything else.
    await waitFor(() =>
      expect(stub.requests.at(-1)?.body).toEqual({ start: "2026-05-07", end: "2026-05-11" }),
    );
  });

  it("Shift+arrows change only the end and Escape cancels", async () => {
    const { stub } = setup(() => ({ status: 200, body: phases[1] }));
    await renderTimeline();
    const bar = screen.getByRole("slider", { name: /촬영/ });
    bar.focus();
    await userEvent.keyboard("{Shift>}{ArrowRight}{ArrowRight}{/Shift}");
    expect(screen.getAllByTestId("phase-dates")[1]).toHaveTextContent("5월 11일 – 5월 17일 · 7일");
    await userEvent.keyboard("{Escape}");
    expect(screen.getAllByTestId("phase-dates")[1]).toHaveTextContent("5월 11일 – 5월 15일 · 5일");
    expect(stub.requests.filter((request) => request.method === "PATCH")).toHaveLength(0);
  });

  it("drags a bar by whole days at the track's scale", async () => {
    vi.stubGlobal("PointerEvent", FakePointerEvent);
    const { release, stub } = setup((body) => ({ status: 200, body: { ...phases[0], ...(body as object) } }));
    await renderTimeline();
    const bar = screen.getByRole("slider", { name: /기획/ });
    const track = bar.parentElement as HTMLElement;
    // The window runs May 1 – June 2 (phases, today and the deadline, 3 days of air): 33 days at 10 px.
    vi.spyOn(track, "getBoundingClientRect").mockReturnValue({ width: 330 } as DOMRect);

    fireEvent.pointerDown(bar, { clientX: 100, button: 0, pointerId: 7 });
    fireEvent.pointerMove(bar, { clientX: 160, pointerId: 7 });
    // 60 px = 6 days, shown while dragging.
    expect(screen.getAllByTestId("phase-dates")[0]).toHaveTextContent("5월 10일 – 5월 14일 · 5일");
    fireEvent.pointerUp(bar, { clientX: 164, pointerId: 7 });
    release();
    await waitFor(() =>
      expect(stub.requests.find((request) => request.method === "PATCH")?.body).toEqual({
        start: "2026-05-10",
        end: "2026-05-14",
      }),
    );
  });

  it("puts a dragged phase back and says so when saving fails", async () => {
    const { release } = setup(() => ({ status: 400, body: envelope("validation_error", "bad", { end: ["bad"] }) }));
    const { store } = await renderTimeline();
    const bar = screen.getByRole("slider", { name: /기획/ });
    bar.focus();
    await userEvent.keyboard("{ArrowLeft}{Enter}");
    expect(cached(store, "ph1")?.start).toBe("2026-05-03");
    release();
    expect(await screen.findByRole("alert")).toHaveTextContent("일정을 저장하지 못해 되돌렸습니다.");
    expect(cached(store, "ph1")).toMatchObject({ start: "2026-05-04", end: "2026-05-08" });
  });

  it("is read-only for roles that cannot manage, with the reason", async () => {
    setup(() => ({ status: 200 }));
    await renderTimeline("editor");
    expect(screen.queryByRole("slider")).toBeNull();
    expect(screen.queryByRole("button", { name: "단계 추가" })).toBeNull();
    expect(screen.getByText("매니저 이상만 할 수 있습니다.")).toBeVisible();
  });
});
