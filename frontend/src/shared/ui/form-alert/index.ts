export { FormAlert, type AlertTone, type FormAlertProps } from "./form-alert";
