/**
 * Long work (building, loading or fingerprinting a search index at 10k services takes close to
 * a second) written once as a generator that yields at safe points, then run either at once or
 * in turns. In turns, the event loop gets a turn whenever a slice has run for `sliceMs`, so
 * pages keep answering while the index is rebuilt behind them.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work that yields wherever it may pause and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs the work to completion without pausing. */
export function atOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the work, giving the event loop a turn after every `sliceMs` of it. */
export async function inTurns<T>(steps: Steps<T>, sliceMs = 10): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
