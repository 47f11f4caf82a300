export { Button, buttonClassName, type ButtonProps, type ButtonSize, type ButtonVariant } from "./button";
