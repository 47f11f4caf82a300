export { LoadError, type LoadErrorProps } from "./load-error";
export { useThrottleRecovery } from "./use-throttle-recovery";
