/** The file-size cap shared by the disk reader and the engine (callers may hand the engine text directly). */

/** Files larger than this are reported as too large, not read whole (override with settings.maxFileSize). */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

export function tooLargeMessage(size: number, maxSize: number): string {
  return `File is ${formatBytes(size)}, over the ${formatBytes(maxSize)} limit (settings.maxFileSize); not linted.`;
}

/** UTF-8 size of a text, counted only as far as needed: undefined when it is within `maxSize`. */
export function utf8SizeOver(text: string, maxSize: number): number | undefined {
  // Every UTF-16 unit is 1–3 UTF-8 bytes, so most texts are decided by their length alone.
  if (text.length > maxSize) return text.length;
  if (text.length * 3 <= maxSize) return undefined;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes > maxSize ? bytes : undefined;
}
