export { cx } from "./cx";
