import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE, formatBytes, tooLargeMessage } from './size-limit.js';

export { DEFAULT_MAX_FILE_SIZE, formatBytes };

export interface FileRead {
  text?: string;
  /** Why the file could not be linted; it is still reported, with this message. */
  error?: string;
  /** 1-based line the error refers to (e.g. the first invalid UTF-8 byte). */
  errorLine?: number;
  /** With an error: the start of the file decoded leniently, so callers can tell whether it is one of ours. */
  head?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a file for linting without ever throwing: size cap, binary and invalid UTF-8 become messages. */
export function readSourceFile(absPath: string, maxSize = DEFAULT_MAX_FILE_SIZE): FileRead {
  let fd: number | undefined;
  try {
    fd = openSync(absPath, 'r');
    const size = fstatSync(fd).size;
    if (size > maxSize) {
      const head = Buffer.allocUnsafe(Math.min(size, 64 * 1024));
      const n = readSync(fd, head, 0, head.length, 0);
      return { head: head.subarray(0, n).toString('utf8'), error: tooLargeMessage(size, maxSize) };
    }
    const buf = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeSource(buf.subarray(0, read));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: `Cannot read file: ${err.code ?? err.message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Bytes to text: NUL bytes mean binary; bad UTF-8 is reported at its line rather than silently replaced. */
export function decodeSource(buf: Uint8Array): FileRead {
  const probe = buf.subarray(0, 8000);
  if (probe.includes(0)) return { error: 'Binary file (contains NUL bytes); not linted.', head: Buffer.from(probe).toString('latin1') };
  try {
    return { text: decoder.decode(buf) };
  } catch {
    const at = firstInvalidUtf8(buf);
    let line = 1;
    for (let i = 0; i < at; i++) if (buf[i] === 10) line++;
    return { error: `File is not valid UTF-8 (first invalid byte at offset ${at}).`, errorLine: line, head: Buffer.from(buf.subarray(0, 64 * 1024)).toString('utf8') };
  }
}

function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > buf.length) return i;
    for (let k = 1; k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF have valid-looking shapes.
    const b1 = buf[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += len;
  }
  return i;
}
