import { describe, expect, it } from "vitest";

import { rangeLabel, seenBy } from "./format";
import { mergeRanges } from "./ranges";
import { createWatchTracker } from "./tracker";

/** 10 s at 25 fps. */
const tracker = () => createWatchTracker({ fps: 25, frameCount: 250 });

/** Samples every `step` seconds from `from` to `to` while playing (as the player's frame loop sends them). */
function play(subject: ReturnType<typeof tracker>, from: number, to: number, step = 0.25) {
  subject.observe(from, true);
  for (let time = from + step; time < to; time += step) subject.observe(time, true);
  return subject.observe(to, true);
}

describe("watch tracker", () => {
  it("records the frames played between samples", () => {
    const subject = tracker();
    play(subject, 0, 4);
    expect(subject.observe(4, false)).toBe("paused");

    expect(subject.take()).toEqual([[0, 100]]);
    expect(subject.take()).toEqual([]);
  });

  it("a seek while playing is not watching: it is a jump, and playing on from there counts", () => {
    const subject = tracker();
    play(subject, 0, 2);
    expect(subject.observe(6, true)).toBe("jumped"); // seeked forward while playing
    play(subject, 6, 8);
    expect(subject.observe(1, true)).toBe("jumped"); // and back

    expect(subject.take()).toEqual([
      [0, 50],
      [150, 200],
    ]);
  });

  it("playing counts from where it started, even when its first sample comes a frame late", () => {
    const subject = tracker();
    subject.observe(0, false); // loaded, paused at the start
    play(subject, 0.08, 2); // a busy page: the first sample while playing is 2 frames in
    subject.observe(2, false);
    subject.observe(6, false); // seeked while paused
    play(subject, 6.04, 7);

    expect(subject.take()).toEqual([
      [0, 50],
      [150, 175],
    ]);
  });

  it("playing from far off where it was paused (a seek that played) counts only from the first sample", () => {
    const subject = tracker();
    subject.observe(1, false);
    expect(play(subject, 5, 6)).toBeNull();

    expect(subject.take()).toEqual([[125, 150]]);
  });

  it("scrubbing while paused plays nothing", () => {
    const subject = tracker();
    for (const time of [0, 1, 2, 3, 5, 8]) subject.observe(time, false);

    expect(subject.hasPending()).toBe(false);
  });

  it("a long silence while playing (a background tab) is not counted", () => {
    const subject = tracker();
    play(subject, 0, 1);
    expect(subject.observe(7, true)).toBe("jumped");
    play(subject, 7, 10);

    expect(subject.take()).toEqual([
      [0, 25],
      [175, 250],
    ]);
  });

  it("reaching the end records up to the last frame and pauses", () => {
    const subject = tracker();
    play(subject, 9, 9.98, 0.1);
    expect(subject.observe(10, false)).toBe("paused"); // ended: paused at the duration

    expect(subject.take()).toEqual([[225, 250]]);
  });

  it("what a failed report put back is sent with the next one, merged", () => {
    const subject = tracker();
    play(subject, 0, 2);
    const first = subject.take();
    play(subject, 2, 3);
    subject.restore(first);

    expect(subject.take()).toEqual([[0, 75]]);
  });

  it("never reports frames past the end or before the start", () => {
    const subject = createWatchTracker({ fps: 25, frameCount: 100 });
    play(subject, 3.5, 4.4, 0.3);

    expect(subject.take()).toEqual([[88, 100]]);
  });
});

describe("ranges and labels", () => {
  it("merges overlapping and touching ranges", () => {
    expect(
      mergeRanges([
        [50, 60],
        [0, 10],
        [10, 20],
        [55, 70],
        [30, 30],
      ]),
    ).toEqual([
      [0, 20],
      [50, 70],
    ]);
  });

  it("labels a range by the seconds it starts and ends in", () => {
    expect(rangeLabel({ start: 40, end: 70 })).toBe("00:40–01:10");
    expect(rangeLabel({ start: 40.2, end: 69.3 })).toBe("00:40–01:10");
    expect(rangeLabel({ start: 3725, end: 3790 })).toBe("1:02:05–1:03:10");
  });

  it("says who in the strip watched a second", () => {
    const person = (name: string, seconds: Array<[number, number]>, in_strip = true) =>
      ({ name, seconds, in_strip }) as unknown as Parameters<typeof seenBy>[0][number];
    const people = [person("Kim", [[0, 5]]), person("Lee", [[3, 8]]), person("Editor", [[0, 10]], false)];

    expect(seenBy(people, 4)).toEqual(["Kim", "Lee"]);
    expect(seenBy(people, 5)).toEqual(["Lee"]);
    expect(seenBy(people, 9)).toEqual([]);
  });
});
