export { addFeedbackApi, buildOptimisticFeedback, useAddFeedbackMutation, type AddFeedbackArgs } from "./api/add-feedback-api";
export { insertMention, matchMembers, mentionableMembers, mentionedIds, mentionQueryAt } from "./model/mentions";
export { CommentComposer, type CommentComposerProps } from "./ui/comment-composer";
export { MentionInput, type MentionInputProps } from "./ui/mention-input";
export { ReplyForm, type ReplyFormProps } from "./ui/reply-form";
