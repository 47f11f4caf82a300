export {
  checkEmail,
  checkMatches,
  checkMaxLength,
  checkNewPassword,
  checkRequired,
  DISPLAY_NAME_MAX_LENGTH,
  hasIssues,
  PASSWORD_MIN_LENGTH,
  type FieldIssues,
  type ValidationIssue,
} from "./validation";
