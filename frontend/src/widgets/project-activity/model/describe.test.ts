import { describe, expect, it } from "vitest";

import type { Activity } from "@/entities/project";

import { describeActivity } from "./describe";

const row = (verb: string): Activity => ({ verb, data: {} }) as unknown as Activity;

describe("describeActivity", () => {
  it("gives the other areas' verbs their own sentence instead of the raw verb", () => {
    expect(describeActivity(row("brief.created"))).toEqual({ key: "brief_created" });
    expect(describeActivity(row("ai_job.needs_attention"))).toEqual({ key: "ai_job_needs_attention" });
    expect(describeActivity(row("version.review_decided"))).toEqual({ key: "version_review_decided" });
  });

  it("falls back to the verb itself for one it does not know", () => {
    expect(describeActivity(row("something.new"))).toEqual({ key: "other", verb: "something.new" });
  });
});
