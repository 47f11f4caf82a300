export { RestoreRevisionButton, type RestoreRevisionButtonProps } from "./ui/restore-revision-button";
