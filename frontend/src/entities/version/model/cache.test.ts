import { combineSlices, configureStore } from "@reduxjs/toolkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { baseApi, setTokens } from "@/shared/api";
import { apiBaseUrl } from "@/shared/config";
import { createFetchStub } from "@/shared/lib/test";

import { versionApi } from "../api/version-api";
import { upsertVersion } from "./cache";
import type { Version } from "./types";

const FILE = "/media/versions/a1/v1/cut.mp4";
const POSTER = "/media/posters/a1/v1.jpg";

function version(overrides: Partial<Version> = {}): Version {
  return {
    id: "v1",
    asset_id: "a1",
    project_id: "p1",
    number: 1,
    label: "",
    status: "ready",
    failure_code: "",
    failure_reason: "",
    original_name: "cut.mp4",
    size: 1000,
    content_type: "video/mp4",
    checksum: "",
    duration: 10,
    fps: 25,
    frame_count: 250,
    width: 1920,
    height: 1080,
    file_url: `${FILE}?expires=100&signature=first`,
    poster_url: `${POSTER}?expires=100&signature=first`,
    review_status: "in_review",
    required_reviewers: [],
    decisions: [],
    open_feedback_count: 0,
    uploaded_by: null,
    processed_at: null,
    created_at: "2026-03-01T09:00:00Z",
    updated_at: "2026-03-01T09:00:00Z",
    ...overrides,
  };
}

function makeStore() {
  return configureStore({
    reducer: combineSlices(baseApi),
    middleware: (getDefault) => getDefault().concat(baseApi.middleware),
  });
}

beforeEach(() => {
  setTokens({ access: "A", refresh: "R" });
  const stub = createFetchStub(({ path }) => {
    if (path === "/api/v1/versions/v1/") return { status: 200, body: version() };
    return { status: 200, body: { count: 1, next: null, previous: null, results: [version()] } };
  });
  vi.stubGlobal("fetch", stub.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("upsertVersion and signed media URLs", () => {
  it("keeps the URLs in use when an event re-signs the same file, so the video does not reload", async () => {
    const store = makeStore();
    await store.dispatch(versionApi.endpoints.getVersion.initiate("v1"));
    await store.dispatch(versionApi.endpoints.listVersions.initiate("a1"));
    const resigned = version({
      label: "director's cut",
      file_url: `${FILE}?expires=200&signature=second`,
      poster_url: `${POSTER}?expires=200&signature=second`,
    });

    upsertVersion(store.dispatch, store.getState(), resigned);

    const single = versionApi.endpoints.getVersion.select("v1")(store.getState()).data;
    const listed = versionApi.endpoints.listVersions.select("a1")(store.getState()).data?.[0];
    for (const cached of [single, listed]) {
      expect(cached?.label).toBe("director's cut");
      expect(cached?.file_url).toBe(`${apiBaseUrl()}${FILE}?expires=100&signature=first`);
      expect(cached?.poster_url).toBe(`${apiBaseUrl()}${POSTER}?expires=100&signature=first`);
    }
  });

  it("takes the new URLs when they name another file", async () => {
    const store = makeStore();
    await store.dispatch(versionApi.endpoints.getVersion.initiate("v1"));
    const reprocessed = version({ poster_url: "/media/posters/a1/v1-new.jpg?expires=200&signature=second" });

    upsertVersion(store.dispatch, store.getState(), reprocessed);

    const cached = versionApi.endpoints.getVersion.select("v1")(store.getState()).data;
    expect(cached?.poster_url).toBe(`${apiBaseUrl()}/media/posters/a1/v1-new.jpg?expires=200&signature=second`);
    expect(cached?.file_url).toBe(`${apiBaseUrl()}${FILE}?expires=100&signature=first`);
  });
});
