/**
 * One self-overwriting status line on stderr for long runs. Only on a terminal: in CI logs, pipes and
 * files, carriage-return tricks turn into noise, so nothing is written there at all. A run that ends within
 * the first second shows nothing (a flash of text before every quick run is noise too).
 */
export interface Progress {
  update(message: string): void;
  /** Erases the line, so the report that follows starts clean. */
  done(): void;
}

export interface ProgressOptions {
  /** Show nothing before this many milliseconds have passed (default 1000). */
  delayMs?: number;
  /** At most one redraw per this many milliseconds (default 100). */
  intervalMs?: number;
  now?: () => number;
}

export function createProgress(write: (s: string) => void, enabled: boolean, options: ProgressOptions = {}): Progress {
  if (!enabled) return { update() {}, done() {} };
  const now = options.now ?? Date.now;
  const started = now();
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  let shown = false;
  let last = -Infinity;
  return {
    update(message) {
      const t = now();
      if (t - started < delay || t - last < interval) return;
      last = t;
      write(`\r\x1b[K${message}`);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
