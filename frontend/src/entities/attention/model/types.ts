import type { Schemas } from "@/shared/api";

/** [start_frame, end_frame): frames a player actually played. */
export type FrameRange = [number, number];

/** A range as the server gives it: frames and seconds. */
export type AttentionRange = Schemas["FrameRangeOut"];
/** What one person (me) has played of a version. */
export type OwnAttention = Schemas["OwnAttentionOut"];
/** One person in the team's view. */
export type AttentionPerson = Schemas["AttentionPersonOut"];
/** What a review decision rested on. */
export type DecisionBasis = Schemas["DecisionBasisOut"];
/** The team's view of a version: heat strip, people, decisions. */
export type VersionAttention = Schemas["VersionAttentionOut"];
