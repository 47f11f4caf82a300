export { registerApi, useRegisterMutation, type RegisterInput } from "./api/register-api";
export { validateRegister, type RegisterValues } from "./model/validate";
export { RegisterForm } from "./ui/register-form";
