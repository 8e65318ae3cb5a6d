// Both front doors promise the same: asked to stop (SIGTERM headless, Quit in the desktop app),
// the app is down within 5 s whatever hangs. Each service already has its own bounded stop; this
// is the last guard over the whole sequence, so a stop that never settles still ends the process.

/** Time between the request to stop and the exit, whatever a service does (under the 5 s promise). */
export const SHUTDOWN_DEADLINE_MS = 4500;

export type StopOutcome = 'stopped' | 'failed' | 'deadline';

/**
 * Runs `stop` and settles with how it ended: 'stopped', 'failed' (it threw: the caller exits
 * anyway), or 'deadline' (still running after `deadlineMs`: the caller exits without it).
 * The timer never keeps a process alive on its own.
 */
export function stopWithin(stop: () => Promise<void>, deadlineMs: number = SHUTDOWN_DEADLINE_MS): Promise<StopOutcome> {
  return new Promise<StopOutcome>((resolve) => {
    const timer = setTimeout(() => resolve('deadline'), deadlineMs);
    timer.unref();
    let stopping: Promise<void>;
    try {
      stopping = stop();
    } catch {
      stopping = Promise.reject(new Error('stop threw'));
    }
    stopping.then(
      () => {
        clearTimeout(timer);
        resolve('stopped');
      },
      () => {
        clearTimeout(timer);
        resolve('failed');
      },
    );
  });
}
