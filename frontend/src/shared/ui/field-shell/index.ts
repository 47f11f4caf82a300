export { FieldShell, type FieldControlProps, type FieldShellProps } from "./field-shell";
