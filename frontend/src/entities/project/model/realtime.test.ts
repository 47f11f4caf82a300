import { describe, expect, it, vi } from "vitest";

import { setTokens } from "@/shared/api";
import { createFetchStub, makeTestStore } from "@/shared/lib/test";

import { projectApi } from "../api/project-api";
import { applyProjectEvent, applyProjectNotification, projectIdOfStream } from "./realtime";
import type { Activity, Member, Phase } from "./types";

const phase: Phase = { id: "ph1", name: "기획", start: "2026-05-04", end: "2026-05-08", order: 1, created_at: "", updated_at: "" };
const owner: Member = {
  user: { id: "u1", email: "owner@example.com", display_name: "한지민", avatar: null },
  role: "owner",
  joined_at: "2026-03-01T09:00:00Z",
};
const activity = (id: string, verb: string): Activity => ({
  id,
  actor: owner.user,
  verb,
  target_type: "phase",
  target_id: "ph1",
  data: {},
  created_at: "2026-05-06T09:00:00Z",
});

async function primedStore() {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ path }) => {
    if (path.endsWith("/phases/")) return { status: 200, body: [phase] };
    if (path.endsWith("/members/")) return { status: 200, body: [owner] };
    if (path.endsWith("/activity/")) return { status: 200, body: { next: null, previous: null, results: [activity("a1", "project.created")] } };
    return { status: 200, body: {} };
  });
  vi.stubGlobal("fetch", stub.fetch);
  const store = makeTestStore();
  await store.dispatch(projectApi.endpoints.listPhases.initiate("p1"));
  await store.dispatch(projectApi.endpoints.listMembers.initiate("p1"));
  await store.dispatch(projectApi.endpoints.listActivity.initiate("p1"));
  await store.dispatch(projectApi.endpoints.projectPresence.initiate("p1"));
  const apply = (type: string, data: unknown) =>
    applyProjectEvent(store.dispatch, store.getState(), "p1", { type, data });
  const state = () => store.getState();
  return { store, apply, state };
}

describe("project stream events update the cache", () => {
  it("reads the project id from the stream name", () => {
    expect(projectIdOfStream("project:abc")).toBe("abc");
    expect(projectIdOfStream("user:abc")).toBeNull();
    expect(projectIdOfStream(null)).toBeNull();
  });

  it("phases are created, moved, reordered and deleted in place", async () => {
    const { apply, state } = await primedStore();
    const phases = () => projectApi.endpoints.listPhases.select("p1")(state()).data;
    const shoot = { ...phase, id: "ph2", name: "촬영", order: 2, start: "2026-05-11", end: "2026-05-15" };
    apply("phase.created", { phase: shoot, activity: activity("a2", "phase.created") });
    expect(phases()?.map((item) => item.name)).toEqual(["기획", "촬영"]);
    apply("phase.updated", { phase: { ...phase, end: "2026-05-09" } });
    expect(phases()?.[0]?.end).toBe("2026-05-09");
    apply("phase.reordered", { phases: [{ ...shoot, order: 1 }, { ...phase, order: 2 }] });
    expect(phases()?.map((item) => item.id)).toEqual(["ph2", "ph1"]);
    apply("phase.deleted", { phase: shoot });
    expect(phases()?.map((item) => item.id)).toEqual(["ph1"]);
  });

  it("members join, change role and leave", async () => {
    const { apply, state } = await primedStore();
    const members = () => projectApi.endpoints.listMembers.select("p1")(state()).data;
    const alex: Member = { user: { id: "u2", email: "alex@example.com", display_name: "Alex", avatar: null }, role: "editor", joined_at: "" };
    apply("member.joined", { member: alex });
    expect(members()?.map((m) => m.role)).toEqual(["owner", "editor"]);
    apply("member.role_changed", { member: { ...alex, role: "viewer" } });
    expect(members()?.[1]?.role).toBe("viewer");
    apply("member.left", { member: alex });
    expect(members()).toHaveLength(1);
  });

  it("new activity goes on top once; presence follows join and leave", async () => {
    const { apply, state } = await primedStore();
    const feed = () => projectApi.endpoints.listActivity.select("p1")(state()).data?.pages[0]?.results.map((a) => a.id);
    apply("phase.updated", { phase, activity: activity("a9", "phase.updated") });
    apply("phase.updated", { phase, activity: activity("a9", "phase.updated") });
    expect(feed()).toEqual(["a9", "a1"]);

    const presence = () => projectApi.endpoints.projectPresence.select("p1")(state()).data;
    apply("presence.joined", { user: { id: "u2", display_name: "Alex" } });
    apply("presence.joined", { user: { id: "u2", display_name: "Alex" } });
    expect(presence()).toEqual([{ id: "u2", display_name: "Alex" }]);
    apply("presence.left", { user: { id: "u2", display_name: "Alex" } });
    expect(presence()).toEqual([]);
  });
});

describe("notifications about my projects", () => {
  it("refresh the project lists when I am added somewhere, and nothing else does", async () => {
    setTokens({ access: "A", refresh: "R" });
    const stub = createFetchStub(() => ({ status: 200, body: { count: 0, next: null, previous: null, results: [] } }));
    vi.stubGlobal("fetch", stub.fetch);
    const store = makeTestStore();
    const subscription = store.dispatch(projectApi.endpoints.listProjects.initiate({}));
    await subscription;
    const lists = () => stub.requests.filter((request) => request.path === "/api/v1/projects/").length;
    expect(lists()).toBe(1);

    applyProjectNotification(store.dispatch, { type: "notification.created", data: { verb: "mention", data: {} } });
    applyProjectNotification(store.dispatch, {
      type: "notification.created",
      data: { verb: "project.member_added", data: { project_id: "p1" } },
    });
    await vi.waitFor(() => expect(lists()).toBe(2));
    subscription.unsubscribe();
  });
});
