import type { Feedback } from "./types";

/** A comment as the API returns it, for the feedback slice's tests. */
export function makeFeedback(overrides: Partial<Feedback> = {}): Feedback {
  const frame = overrides.frame ?? 0;
  return {
    id: "f1",
    version_id: "v1",
    version_number: 1,
    parent_id: null,
    author: { id: "u1", email: "minjun@example.com", display_name: "민준", avatar: null },
    guest_name: "",
    is_guest: false,
    body: "로고가 너무 커요",
    frame,
    end_frame: null,
    fps: 25,
    timecode: frame / 25,
    end_timecode: null,
    smpte: "00:00:00:00",
    end_smpte: null,
    annotation: null,
    internal: false,
    mentions: [],
    reactions: [],
    resolved: false,
    resolved_by: null,
    resolved_at: null,
    edited_at: null,
    deleted: false,
    carried_over: false,
    urgent: false,
    shot: null,
    created_at: "2026-03-01T09:00:00Z",
    updated_at: "2026-03-01T09:00:00Z",
    replies: [],
    ...overrides,
  };
}
