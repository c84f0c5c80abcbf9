/** Background jobs on a timer, started by the composition root once the people store opens. */
import { jobErrorText } from '@src/security/redact';

/** Stops a job's timers and waits for a run in progress (for a graceful shutdown). */
export type JobHandle = { stop(): Promise<void> };

/**
 * Runs `run` after `firstMs`, then every `everyMs`, one run at a time; a failed run is logged as
 * "<name> failed" without personal data and the next one still happens.
 */
export function periodicJob(
  name: string,
  timing: { firstMs: number; everyMs: number },
  run: () => Promise<void>,
): JobHandle {
  let running: Promise<void> | undefined;
  const runOnce = () => {
    running ??= run()
      .catch((error: unknown) => console.error(`${name} failed: ${jobErrorText(error)}`))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(runOnce, timing.firstMs);
  first.unref();
  const every = setInterval(runOnce, timing.everyMs);
  every.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
