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
  /**
   * The operating system refused the read (`EACCES`, `EIO`…): the file exists but nothing of it could be seen.
   * Such a file is never skipped, and it makes the run fail (exit 2).
   */
  osError?: string;
  /** How the bytes were decoded: UTF-16 and UTF-32 files with a byte-order mark are read (and written back) as such. */
  encoding?: SourceEncoding;
  /** The file starts with a byte-order mark (kept when `--fix` writes it back). */
  bom?: boolean;
}

export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

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
    const reason = osErrorText(err);
    return { error: `Cannot read file: ${reason}.`, osError: reason };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `EACCES (permission denied)`: the code scripts grep for, and words a person reads. */
export function osErrorText(err: NodeJS.ErrnoException): string {
  if (!err.code) return err.message;
  const words = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied'
    : err.code === 'ENOENT' ? 'no such file or folder'
    : err.code === 'EISDIR' ? 'is a folder'
    : err.code === 'ENOTDIR' ? 'a parent is not a folder'
    : err.code === 'ELOOP' ? 'too many symbolic links'
    : err.code === 'EIO' ? 'input/output error'
    : undefined;
  return words ? `${err.code} (${words})` : err.code;
}

/** Byte-order marks of the encodings Windows tools save in; UTF-32 is tested first (its LE mark starts like UTF-16's). */
const BOMS: [SourceEncoding, number[]][] = [
  ['utf-32le', [0xff, 0xfe, 0x00, 0x00]],
  ['utf-32be', [0x00, 0x00, 0xfe, 0xff]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

function bomOf(buf: Uint8Array): SourceEncoding | undefined {
  return BOMS.find(([, mark]) => mark.every((b, i) => buf[i] === b))?.[0];
}

/** UTF-32 (WHATWG's TextDecoder has no UTF-32): code points to a string, strictly. */
function decodeUtf32(buf: Uint8Array, littleEndian: boolean): string | undefined {
  if (buf.length % 4 !== 0) return undefined;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 4; i < buf.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    chunk.push(cp);
    if (chunk.length === 8192) { parts.push(String.fromCodePoint(...chunk)); chunk = []; }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** Text to bytes in the file's own encoding, so `--fix` never changes how a file is saved. */
export function encodeSource(text: string, encoding: SourceEncoding | undefined, utf8Bom: boolean): Buffer {
  switch (encoding) {
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'utf-32le':
    case 'utf-32be': {
      const cps = [0xfeff, ...Array.from(text, (ch) => ch.codePointAt(0)!)];
      const out = Buffer.alloc(cps.length * 4);
      cps.forEach((cp, i) => (encoding === 'utf-32le' ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4)));
      return out;
    }
    default:
      return Buffer.from((utf8Bom ? '\uFEFF' : '') + text, 'utf8');
  }
}

/**
 * Bytes to text. A UTF-16 or UTF-32 byte-order mark is honoured (the text is decoded as such); otherwise NUL
 * bytes mean binary, or UTF-16 saved without a mark, which is named as such. Bad UTF-8 is reported at its line
 * rather than silently replaced.
 */
export function decodeSource(buf: Uint8Array): FileRead {
  const bom = bomOf(buf);
  if (bom) {
    const text = bom.startsWith('utf-32') ? decodeUtf32(buf, bom === 'utf-32le') : decodeUtf16(buf, bom as 'utf-16le' | 'utf-16be');
    if (text === undefined) return { error: `File starts with a ${bom.toUpperCase()} byte-order mark but is not valid ${bom.toUpperCase()}; save it as UTF-8.`, head: '' };
    return { text, encoding: bom, bom: true };
  }
  const probe = buf.subarray(0, 8000);
  if (probe.includes(0)) {
    const head = Buffer.from(probe).toString('latin1');
    if (looksLikeUtf16(probe)) return { error: 'File looks like UTF-16 saved without a byte-order mark; save it as UTF-8 (or UTF-16 with a byte-order mark) to lint it.', head: head.replace(/\0/g, '') };
    return { error: 'Binary file (contains NUL bytes); not linted.', head };
  }
  try {
    return { text: decoder.decode(buf), encoding: 'utf-8', bom: buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf };
  } catch {
    const at = firstInvalidUtf8(buf);
    let line = 1;
    for (let i = 0; i < at; i++) if (buf[i] === 10) line++;
    return { error: `File is not valid UTF-8 (first invalid byte at offset ${at}).`, errorLine: line, head: Buffer.from(buf.subarray(0, 64 * 1024)).toString('utf8') };
  }
}

function decodeUtf16(buf: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string | undefined {
  try {
    // fatal: an unpaired surrogate is an error, not a silent U+FFFD; the BOM is consumed by the decoder.
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

/** ASCII text saved as UTF-16 has a NUL in every other byte. */
function looksLikeUtf16(probe: Uint8Array): boolean {
  const n = probe.length - (probe.length % 2);
  if (n < 4) return false;
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (probe[i] === 0) evenNul++;
    if (probe[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  return (evenNul > half * 0.6 && oddNul === 0) || (oddNul > half * 0.6 && evenNul === 0);
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
