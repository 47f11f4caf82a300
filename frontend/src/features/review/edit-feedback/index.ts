export { editFeedbackApi, useDeleteFeedbackMutation, useEditFeedbackMutation, type DeleteArgs, type EditArgs } from "./api/edit-api";
export { DeleteFeedbackButton, EditFeedbackForm, type EditFeedbackFormProps } from "./ui/edit-feedback-form";
