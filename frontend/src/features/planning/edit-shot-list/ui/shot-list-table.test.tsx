import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { Plan, PlanResult, Shot } from "@/entities/plan";
import { createFetchStub, envelope, renderWithProviders, type StubHandler } from "@/shared/lib/test";

import { ShotListTable } from "./shot-list-table";

function shot(number: number, overrides: Partial<Shot> = {}): Shot {
  return {
    number,
    scene: 1,
    shot_size: "medium",
    camera_movement: "static",
    description: `설명 ${number}`,
    audio: "",
    duration_seconds: 3,
    location: "스튜디오",
    props: [],
    ...overrides,
  };
}

const RESULT: PlanResult = {
  logline: "로그라인",
  synopsis: "시놉시스",
  sections: [{ title: "도입", purpose: "후킹", duration_seconds: 10 }],
  scenes: [],
  shots: [shot(1, { duration_seconds: 5 }), shot(2, { duration_seconds: 2 }), shot(3, { duration_seconds: 3 })],
  storyboard: [],
  schedule: [],
};

const PLAN: Plan & { result: PlanResult } = {
  id: "plan-1",
  brief: "b1",
  project: "p1",
  status: "succeeded",
  model: "m",
  revision: 4,
  progress_step: "done",
  progress_percent: 100,
  busy: false,
  error: "",
  created_at: "2026-11-23T00:00:00Z",
  updated_at: "2026-11-23T00:00:00Z",
  result: RESULT,
};

function setup(handler: StubHandler, reason: string | null = null) {
  const stub = createFetchStub(handler);
  vi.stubGlobal("fetch", stub.fetch);
  renderWithProviders(<ShotListTable plan={PLAN} editDisabledReason={reason} />);
  return { stub, user: userEvent.setup() };
}

const numbers = () => screen.getAllByTestId("shot-row").map((row) => within(row).getAllByRole("cell")[0]?.textContent);

describe("ShotListTable", () => {
  it("sorts by a column header and flips on a second click, announcing the order", async () => {
    const { user } = setup(() => ({ status: 200, body: PLAN }));
    expect(numbers()).toEqual(["1", "2", "3"]);
    const header = screen.getByRole("columnheader", { name: /길이/ });
    await user.click(within(header).getByRole("button"));
    expect(numbers()).toEqual(["2", "3", "1"]);
    expect(header).toHaveAttribute("aria-sort", "ascending");
    await user.click(within(header).getByRole("button"));
    expect(numbers()).toEqual(["1", "3", "2"]);
    expect(header).toHaveAttribute("aria-sort", "descending");
  });

  it("edits a shot inline and saves the whole plan as a new revision", async () => {
    const { stub, user } = setup(({ body }) => ({ status: 200, body: { ...PLAN, ...(body as object), revision: 5 } }));
    await user.click(screen.getByRole("button", { name: "샷 2 수정" }));
    const row = screen.getByTestId("shot-row-editing");
    await user.selectOptions(within(row).getByLabelText("샷 크기"), "close_up");
    await user.clear(within(row).getByLabelText("화면 설명"));
    await user.type(within(row).getByLabelText("화면 설명"), "손에 든 컵 클로즈업");
    await user.type(within(row).getByLabelText("소품"), "컵, 노트북");
    await user.click(within(row).getByRole("button", { name: "저장" }));

    await vi.waitFor(() => expect(screen.queryByTestId("shot-row-editing")).toBeNull());
    const request = stub.requests[0];
    expect(request).toMatchObject({ method: "PATCH", path: "/api/v1/plans/plan-1/" });
    const body = request?.body as { result: PlanResult; base_revision: number };
    expect(body.base_revision).toBe(4);
    expect(body.result.shots[1]).toEqual({
      ...RESULT.shots[1],
      shot_size: "close_up",
      description: "손에 든 컵 클로즈업",
      props: ["컵", "노트북"],
    });
    expect(body.result.shots[0]).toEqual(RESULT.shots[0]);
    expect(body.result.logline).toBe("로그라인");
  });

  it("keeps the row open with the error when the description is empty", async () => {
    const { stub, user } = setup(() => ({ status: 200, body: PLAN }));
    await user.click(screen.getByRole("button", { name: "샷 1 수정" }));
    const row = screen.getByTestId("shot-row-editing");
    await user.clear(within(row).getByLabelText("화면 설명"));
    await user.click(within(row).getByRole("button", { name: "저장" }));
    expect(within(row).getByText("화면 설명을 입력하세요.")).toBeInTheDocument();
    expect(within(row).getByLabelText("화면 설명")).toHaveAttribute("aria-invalid", "true");
    expect(stub.requests).toHaveLength(0);
  });

  it("says so when someone else changed the plan first", async () => {
    const { user } = setup(() => ({ status: 409, body: envelope("stale_revision", "The plan changed.") }));
    await user.click(screen.getByRole("button", { name: "샷 1 수정" }));
    await user.click(within(screen.getByTestId("shot-row-editing")).getByRole("button", { name: "저장" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("다른 사람이 먼저 기획안을 고쳤습니다");
    expect(screen.getByTestId("shot-row-editing")).toBeInTheDocument();
  });

  it("disables editing with the reason for who may not edit", () => {
    setup(() => ({ status: 200, body: PLAN }), "편집자만 고칠 수 있습니다.");
    expect(screen.getByRole("button", { name: "샷 1 수정" })).toBeDisabled();
    expect(screen.getByText("편집자만 고칠 수 있습니다.")).toBeInTheDocument();
  });
});
