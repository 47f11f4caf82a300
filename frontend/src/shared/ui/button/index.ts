export { Button, type ButtonProps } from "./button";
// Plain (not a client module): server components call it for links that look like buttons.
export { buttonClassName, type ButtonSize, type ButtonStyleOptions, type ButtonVariant } from "./button-class-name";
