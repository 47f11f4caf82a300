export { ToastProvider, useToast, type ToastTone } from "./toast";
