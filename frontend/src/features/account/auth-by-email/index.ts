export { loginApi, useLoginMutation, type LoginInput } from "./api/login-api";
export { validateLogin, type LoginValues } from "./model/validate";
export { LoginForm, type LoginFormProps } from "./ui/login-form";
