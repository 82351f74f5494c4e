import { runCli } from './main.js';

// `cxlint flows | head -1`: once the reader has gone, writes fail with EPIPE. That is the reader's choice, not
// our failure: stop writing and finish as if done (no stack trace, the exit code the run earned).
let stdoutClosed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') { stdoutClosed = true; return; }
  throw e;
});
process.stderr.on('error', () => { /* nowhere left to say anything */ });

// Last line of defence: an unexpected error is a fatal (exit 2) with one clear line, not a stack trace.
// CXLINT_DEBUG=1 shows the stack for bug reports.
try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (s) => { if (!stdoutClosed) process.stdout.write(s); },
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
} catch (e) {
  const err = e as Error;
  process.stderr.write(`cxlint: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.CXLINT_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  process.stderr.write('Please report this with the file that caused it. Set CXLINT_DEBUG=1 for details.\n');
  process.exitCode = 2;
}
