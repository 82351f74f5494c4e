/**
 * Runs one command as a child process and measures its wall time and peak RSS. Peak RSS comes from
 * GNU time (`/usr/bin/time -f %M`, the kernel's max RSS of the child) when present, else from polling
 * VmHWM in /proc/<pid>/status.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  wallMs: number;
  peakRssMb: number;
  /** User + system CPU seconds of the child (GNU time only; 0 otherwise): steadier than wall time on a busy machine. */
  cpuS: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
let seq = 0;

export function measure(cmd: string, args: string[], cwd: string): Promise<Measured> {
  const rssFile = join(tmpdir(), `cxlint-bench-rss-${process.pid}-${seq++}`);
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let polledKb = 0;
    const poll = GNU_TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            /* exited */
          }
        }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (poll) clearInterval(poll);
      let kb = polledKb;
      let cpuS = 0;
      if (GNU_TIME) {
        try {
          // The last line; a killed child's first line says so.
          const [m, u, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
          kb = m;
          cpuS = u + sys;
          rmSync(rssFile, { force: true });
        } catch {
          kb = 0;
        }
      }
      resolve({ wallMs, peakRssMb: kb / 1024, cpuS, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
