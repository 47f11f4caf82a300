export { useFormState, type FormStateOptions } from "./use-form-state";
