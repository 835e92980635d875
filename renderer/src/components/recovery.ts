/**
 * What the kiosk does when part of the page fails to render. Pure decisions, tested with plain numbers;
 * the error boundaries (ErrorBoundary.tsx) carry them out.
 *
 * - A screen (or the staff panel) that fails is logged and the kiosk returns to the attract loop: the next
 *   visitor finds it as a fresh kiosk.
 * - The whole page (the root) that fails is logged, returned to the attract loop and tried again, a few times
 *   at most. When it keeps failing, it gives up: it shows the calm "temporarily unavailable" notice and stops
 *   rendering the kiosk, so the heartbeat stops and the shell's watchdog reloads the page.
 */

export interface RetryLimit {
  /** How many root failures within the window are retried; the next one gives up. */
  maxFailures: number;
  windowMs: number;
}

export const ROOT_RETRY_LIMIT: RetryLimit = { maxFailures: 3, windowMs: 60_000 };

/** After a root failure at `now`: the failures still inside the window, and whether to render again. */
export function rootRecovery(
  previous: readonly number[],
  now: number,
  limit: RetryLimit = ROOT_RETRY_LIMIT,
): { failures: number[]; retry: boolean } {
  const failures = [...previous.filter((at) => now - at < limit.windowMs), now];
  return { failures, retry: failures.length <= limit.maxFailures };
}

const MAX_LOG_CHARS = 1_500;

/**
 * One log line for the technician: where, what, and the components it happened in (innermost first). On
 * one line, whatever the error's message holds, and short enough for /api/log.
 */
export function describeFailure(
  where: string,
  error: unknown,
  componentStack: string,
  outcome: string,
): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : `thrown value: ${String(error)}`;
  const components = [...componentStack.matchAll(/^\s*at (\S+)/gm)]
    .map((m) => m[1])
    .slice(0, 8)
    .join(' < ');
  const line = `${where} failed to render (${outcome}): ${what}${components ? ` (in ${components})` : ''}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the log
  return line.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, MAX_LOG_CHARS);
}
