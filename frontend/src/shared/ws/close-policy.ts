import {
  CLOSE_FLOODING,
  CLOSE_FORBIDDEN,
  CLOSE_SERVICE_RESTART,
  CLOSE_TOO_BIG,
  CLOSE_UNAUTHENTICATED,
  CLOSE_UNKNOWN_TARGET,
} from "./types";

/** Closes for what this client sent: retrying at once could only repeat it. */
const CLOSES_FOR_OUR_FRAMES = new Set([CLOSE_TOO_BIG, CLOSE_FLOODING]);

/**
 * What to do after the server closed the socket with `code`:
 * - `give-up`: the server refused the stream for good (4403, 4404); retrying cannot help.
 * - `restart`: the node is draining (1012); reconnect at once, with a little jitter.
 * - `our-fault`: it refused what we sent (4009, 4408); reconnect with a growing backoff
 *   that the next hello does not reset, so a repeat cannot hot-loop.
 * - `fresh-ticket`: the first ticket was refused (expired or used); fetch another now.
 * - `backoff`: anything else; reconnect with backoff.
 */
export type CloseAction = "give-up" | "restart" | "our-fault" | "fresh-ticket" | "backoff";

export function closeAction(code: number, attempt: number): CloseAction {
  if (code === CLOSE_FORBIDDEN || code === CLOSE_UNKNOWN_TARGET) return "give-up";
  if (code === CLOSE_SERVICE_RESTART) return "restart";
  if (CLOSES_FOR_OUR_FRAMES.has(code)) return "our-fault";
  if (code === CLOSE_UNAUTHENTICATED && attempt === 0) return "fresh-ticket";
  return "backoff";
}

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** [0, 1) */
  random: () => number;
}

/** Delay before reconnect attempt `attempt` (0-based): "equal jitter" exponential backoff. */
export function backoffDelay(attempt: number, { initialDelayMs, maxDelayMs, random }: BackoffOptions): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
