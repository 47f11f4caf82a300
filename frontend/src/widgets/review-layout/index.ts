export {
  ReviewColumns,
  ReviewShell,
  ReviewState,
  ReviewTopbar,
  type ReviewColumnsProps,
  type ReviewShellProps,
} from "./ui/review-layout";
export { SidebarSplit, type SidebarSplitProps } from "./ui/sidebar-split";
