/**
 * One self-overwriting status line on stderr for long runs. Only on a terminal: in CI logs, pipes and
 * files, carriage-return tricks turn into noise, so nothing is written there at all.
 */
export interface Progress {
  update(message: string): void;
  /** Erases the line, so the report that follows starts clean. */
  done(): void;
}

export function createProgress(write: (s: string) => void, enabled: boolean): Progress {
  if (!enabled) return { update() {}, done() {} };
  let shown = false;
  return {
    update(message) {
      write(`\r\x1b[K${message}`);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
