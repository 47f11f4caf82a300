export { UnsubscribePage as default } from "@/views/unsubscribe";
