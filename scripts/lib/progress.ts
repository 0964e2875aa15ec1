/**
 * A status line for long runs. On a terminal it is redrawn in place about ten times a second with the
 * terminal's own cursor controls (`tty.WriteStream.cursorTo`/`clearLine`); anywhere else (a CI log, a
 * file, a pipe) it is printed as a plain line every couple of seconds, because control characters and
 * hundreds of redraws make a log unreadable. A library was not worth it for one line: log-update 8
 * needs Node 22, 7.x brings six packages, and neither writes the periodic lines a log needs.
 */

export interface ProgressOptions {
  /** Where to draw. Default `process.stderr`, so the program's own output stays clean. */
  stream?: NodeJS.WriteStream;
  /** Real milliseconds between redraws; default 100 on a terminal, 2000 otherwise. */
  intervalInMs?: number;
}

export interface Progress {
  /** Draws the line one last time, ends it, and stops the timer (again: does nothing). */
  stop(): void;
}

/** Starts drawing `render()` on a timer that never keeps the process alive. */
export function startProgress(render: () => string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const draw = (): void => {
    const line = render();
    if (tty) {
      stream.cursorTo(0);
      stream.write(line.slice(0, Math.max(10, (stream.columns ?? 80) - 1)));
      stream.clearLine(1);
    } else {
      stream.write(`${line}\n`);
    }
  };
  const timer = setInterval(draw, options.intervalInMs ?? (tty ? 100 : 2000));
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      draw();
      if (tty) stream.write("\n");
    },
  };
}
