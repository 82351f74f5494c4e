import { createHash } from 'node:crypto';
import type { Diagnostic } from './diagnostics.js';

/**
 * A finding's identity across runs: rule, path, message and the flagged text with whitespace collapsed —
 * never the line number, so an unrelated edit above it does not make it "new".
 */
export function fingerprint(filePath: string, m: Pick<Diagnostic, 'ruleId' | 'message' | 'range'>, source?: string): string {
  const snippet = source ? source.slice(m.range[0], Math.min(m.range[1], m.range[0] + 500)).replace(/\s+/g, ' ').trim() : '';
  return createHash('sha256')
    .update(`${m.ruleId ?? 'parse'}\u0000${filePath}\u0000${m.message}\u0000${snippet}`)
    .digest('hex')
    .slice(0, 32);
}
