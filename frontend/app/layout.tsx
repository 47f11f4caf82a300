import { RootLayout } from "@/app/layouts/root-layout";

export { metadata, viewport } from "@/app/layouts/root-layout";
export default RootLayout;
