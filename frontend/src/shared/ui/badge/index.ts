export { Badge, Dot, type BadgeProps } from "./badge";
