export { reactionsApi, useReactMutation, type ReactArgs } from "./api/reactions-api";
export { ReactionBar, type ReactionBarProps } from "./ui/reaction-bar";
