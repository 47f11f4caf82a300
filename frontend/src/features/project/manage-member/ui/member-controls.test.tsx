import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { projectApi, type Member, type Role } from "@/entities/project";
import { setTokens } from "@/shared/api";
import { createFetchStub, envelope, renderWithProviders } from "@/shared/lib/test";
import { ToastProvider } from "@/shared/ui";

import { LeaveProjectButton, MemberActions, MemberRoleSelect, type MemberControlContext } from "./member-controls";

function member(id: string, name: string, role: Role): Member {
  return {
    user: { id, email: `${id}@example.com`, display_name: name, avatar: null },
    role,
    joined_at: "2026-03-01T09:00:00Z",
  };
}

const owner = member("u-owner", "한지민", "owner");
const manager = member("u-manager", "박서준", "manager");
const editor = member("u-editor", "Alex Kim", "editor");

function ctx(myRole: Role, myId: string, ownerCount = 1): MemberControlContext {
  return { projectId: "p1", myRole, myId, ownerCount };
}

describe("member controls follow the role matrix and say why not", () => {
  it("a manager cannot touch an owner: the select is disabled with the reason", () => {
    renderWithProviders(<MemberRoleSelect member={owner} context={ctx("manager", manager.user.id)} />);
    const select = screen.getByRole("combobox", { name: "한지민님의 역할" });
    expect(select).toBeDisabled();
    expect(select).toHaveAccessibleDescription("내 역할보다 높은 멤버는 변경할 수 없습니다.");
  });

  it("a manager may give at most manager", () => {
    renderWithProviders(<MemberRoleSelect member={editor} context={ctx("manager", manager.user.id)} />);
    const select = screen.getByRole("combobox", { name: "Alex Kim님의 역할" });
    expect(select).toBeEnabled();
    expect(screen.getByRole("option", { name: "소유자" })).toBeDisabled();
    expect(screen.getByRole("option", { name: "매니저" })).toBeEnabled();
    expect(screen.getByRole("option", { name: "뷰어" })).toBeEnabled();
  });

  it("the only owner cannot demote themselves or leave", () => {
    const context = ctx("owner", owner.user.id, 1);
    renderWithProviders(
      <>
        <MemberRoleSelect member={owner} context={context} />
        <LeaveProjectButton context={context} onLeft={() => undefined} />
      </>,
    );
    expect(screen.getByRole("combobox", { name: "한지민님의 역할" })).toHaveAccessibleDescription(
      "프로젝트에는 소유자가 한 명 이상 있어야 합니다. 먼저 소유권을 이전하세요.",
    );
    expect(screen.getByRole("button", { name: "프로젝트 나가기" })).toBeDisabled();
  });

  it("only an owner may transfer ownership; a manager sees the reason", () => {
    renderWithProviders(<MemberActions member={editor} context={ctx("manager", manager.user.id, 1)} />);
    const transfer = screen.getByRole("button", { name: "Alex Kim님에게 소유권 이전" });
    expect(transfer).toBeDisabled();
    expect(transfer).toHaveAttribute("title", "소유권 이전은 소유자만 할 수 있습니다.");
    expect(screen.getByRole("button", { name: "Alex Kim님 제외" })).toBeEnabled();
  });

  it("transfer is confirmed before it is sent", async () => {
    setTokens({ access: "A", refresh: "R" });
    const stub = createFetchStub(() => ({ status: 200, body: {} }));
    vi.stubGlobal("fetch", stub.fetch);
    renderWithProviders(<MemberActions member={editor} context={ctx("owner", owner.user.id, 1)} />);
    await userEvent.click(screen.getByRole("button", { name: "Alex Kim님에게 소유권 이전" }));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent("Alex Kim님에게 프로젝트 소유권을 넘길까요?");
    expect(stub.requests).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "소유권 이전" }));
    await waitFor(() =>
      expect(stub.requests[0]).toMatchObject({
        method: "POST",
        path: "/api/v1/projects/p1/transfer/",
        body: { user_id: editor.user.id },
      }),
    );
  });

  it("a role change shows at once and is undone with a message when refused", async () => {
    setTokens({ access: "A", refresh: "R" });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stub = createFetchStub(async ({ method }) => {
      if (method === "GET") return { status: 200, body: [owner, editor] };
      await gate;
      return { status: 403, body: envelope("role_not_allowed", "Your role does not allow this change.") };
    });
    vi.stubGlobal("fetch", stub.fetch);
    const { store } = renderWithProviders(
      <ToastProvider closeLabel="닫기">
        <MemberRoleSelect member={editor} context={ctx("owner", owner.user.id)} />
      </ToastProvider>,
    );
    await store.dispatch(projectApi.endpoints.listMembers.initiate("p1"));
    const cachedRole = () =>
      projectApi.endpoints.listMembers.select("p1")(store.getState()).data?.find((m) => m.user.id === editor.user.id)?.role;

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Alex Kim님의 역할" }), "viewer");
    expect(cachedRole()).toBe("viewer");
    release();
    expect(await screen.findByRole("alert")).toHaveTextContent("역할을 바꾸지 못해 되돌렸습니다.");
    expect(cachedRole()).toBe("editor");
  });
});
