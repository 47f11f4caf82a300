export { NewPasswordFields, type NewPasswordFieldsProps, type RegisteredField } from "./new-password-fields";
