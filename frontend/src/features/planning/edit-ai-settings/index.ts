export { AISettingsForm, type AISettingsFormProps } from "./ui/ai-settings-form";
export { validateAISettings, type AISettingsValues } from "./model/validate";
