export { menuItemClassName, Popover, type PopoverProps, type PopoverTriggerProps } from "./popover";
