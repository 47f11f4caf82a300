import { describe, expect, it } from "vitest";

import type { Activity } from "@/entities/project";
import { ACTIVITY_VERBS } from "@/shared/api";
import en from "@/shared/i18n/messages/en/projects.json";
import ko from "@/shared/i18n/messages/ko/projects.json";

import { activityActor, describeActivity } from "./describe";

const row = (verb: string, data: Record<string, unknown> = {}, actor: unknown = null): Activity =>
  ({ verb, data, actor }) as unknown as Activity;

describe("describeActivity", () => {
  it("gives the other areas' verbs their own sentence instead of the raw verb", () => {
    expect(describeActivity(row("brief.created"))).toEqual({ key: "brief_created" });
    expect(describeActivity(row("ai_job.needs_attention"))).toEqual({ key: "ai_job_needs_attention" });
    expect(describeActivity(row("version.review_decided"))).toEqual({ key: "version_review_decided" });
    expect(describeActivity(row("share_link.created"))).toEqual({ key: "share_link_created" });
    expect(describeActivity(row("version.ready", { number: 3 }))).toEqual({ key: "version_ready", number: "3" });
    expect(describeActivity(row("feedback.created", { reply: true }))).toEqual({ key: "feedback_replied" });
  });

  // ACTIVITY_VERBS is generated from the server's TIMELINE_VERBS (activity_record refuses any
  // other): a verb the server can write without a ko and an en sentence fails here.
  it.each(ACTIVITY_VERBS)("has a sentence in Korean and English for %s", (verb) => {
    const sentence = describeActivity(row(verb));
    expect(sentence.key).not.toBe("other");
    const koVerbs: Record<string, string> = ko.projectActivity.verbs;
    const enVerbs: Record<string, string> = en.projectActivity.verbs;
    expect(koVerbs[sentence.key]).toBeTruthy();
    expect(enVerbs[sentence.key]).toBeTruthy();
    expect(koVerbs[sentence.key]).not.toContain(verb);
  });

  it("falls back to the verb itself for one it does not know", () => {
    expect(describeActivity(row("something.new"))).toEqual({ key: "other", verb: "something.new" });
  });
});

describe("activityActor", () => {
  it("names members, guests as guests, the system as the system", () => {
    expect(activityActor(row("feedback.created", {}, { display_name: "Kim", email: "k@x" }))).toEqual({ kind: "user", name: "Kim" });
    expect(activityActor(row("feedback.created", { guest_name: "Client Lee" }))).toEqual({ kind: "guest", name: "Client Lee" });
    expect(activityActor(row("version.ready", { number: 2 }))).toEqual({ kind: "system" });
    expect(activityActor(row("feedback.deleted"))).toEqual({ kind: "someone" });
  });
});
