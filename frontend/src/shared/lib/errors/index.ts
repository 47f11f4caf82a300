export { otherServerErrors, serverFieldErrors, useApiErrorText, useValidationText } from "./use-error-text";
