export { registerApi, useRegisterMutation, type RegisterAnswer, type RegisterInput } from "./api/register-api";
export { validateRegister, type RegisterValues } from "./model/validate";
export { RegisterForm, type RegisterFormProps } from "./ui/register-form";
