export { NotFoundPage as default } from "@/views/not-found";
