import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintMessageId, fingerprints, ORIGINAL_MESSAGE_IDS } from './fingerprint.js';
import { builtInRules } from './rules/index.js';
import { lintFiles } from './lint.js';

const examples = (p: string) => fileURLToPath(new URL(`../../../examples/${p}`, import.meta.url));
const FLOW = readFileSync(examples('flows/order-status-bot.yaml'), 'utf8');
const ACTIONS = ['data-actions/Get-Order-Status.custom.json', 'data-actions/Create-Support-Ticket.custom.json'].map((p) => ({ path: p, text: readFileSync(examples(p), 'utf8') }));

/** The example flow with its one Call Data Action repeated under the given names, in order. */
function withCalls(...names: string[]): string {
  const lines = FLOW.split('\n');
  const start = lines.findIndex((l) => l.includes('- callData:'));
  const indent = lines[start].indexOf('-');
  let end = start + 1;
  while (end < lines.length && !(lines[end].indexOf('-') === indent && /^\s*- /.test(lines[end]))) end++;
  const block = lines.slice(start, end);
  return [...lines.slice(0, start), ...names.flatMap((n) => block.map((l) => l.replace('name: Get order status', `name: ${n}`))), ...lines.slice(end)].join('\n');
}

/** Fingerprint of each call-data/handles-failure finding, by the action it names. */
function handlesFailureIds(text: string): Record<string, string> {
  const [r] = lintFiles([{ path: 'flows/bot.yaml', text }, ...ACTIONS], { includeSource: true });
  const ids = fingerprints(r.filePath, r.messages, text);
  return Object.fromEntries(r.messages.flatMap((m, i) => (m.ruleId === 'call-data/handles-failure' ? [[/`([^`]+)`/.exec(m.message)![1], ids[i]]] : [])));
}

describe('fingerprints', () => {
  it('a sibling of the same kind added above takes over no finding\'s identity (the rule names what tells them apart)', () => {
    const before = handlesFailureIds(withCalls('A action', 'B action'));
    expect(Object.keys(before)).toEqual(['A action', 'B action']);
    const after = handlesFailureIds(withCalls('C action', 'A action', 'B action'));
    expect(Object.keys(after)).toEqual(['C action', 'A action', 'B action']);
    expect(after['A action']).toBe(before['A action']);
    expect(after['B action']).toBe(before['B action']);
    expect(new Set(Object.values(after)).size).toBe(3);
  });
});

describe('whole-sentence variants of a message keep the fingerprint of the message they were split from', () => {
  it('lists only real rules and messageIds of theirs', () => {
    const byId = new Map(builtInRules.map((r) => [r.meta.id, r]));
    for (const [ruleId, variants] of Object.entries(ORIGINAL_MESSAGE_IDS)) {
      const rule = byId.get(ruleId);
      expect(rule, ruleId).toBeDefined();
      for (const variant of Object.keys(variants)) expect(Object.keys(rule!.meta.messages), `${ruleId} ${variant}`).toContain(variant);
    }
  });

  it('fingerprints a variant as its original, and other findings as themselves', () => {
    const at = { ruleId: 'participant-data/literal-key', message: 'x', range: [0, 5] as [number, number] };
    const original = fingerprint('f.yaml', { ...at, messageId: 'dynamicKey' }, 'Flow.x');
    expect(fingerprint('f.yaml', { ...at, messageId: 'variableKey' }, 'Flow.x')).toBe(original);
    expect(fingerprint('f.yaml', { ...at, messageId: 'constantKey' }, 'Flow.x')).not.toBe(original);
    expect(fingerprintMessageId('flow/schema', 'mustBeMap')).toBe('wrongType');
    expect(fingerprintMessageId('flow/variable-scope', 'wrongCase')).toBe('wrongCase');
    expect(fingerprintMessageId(null, undefined)).toBeUndefined();
  });
});
