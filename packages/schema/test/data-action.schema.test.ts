import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateDataAction, validateParticipantAttributes } from '../src/generated/index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));

const action = (over: Record<string, unknown> = {}) => ({
  name: 'Lookup - Exported 2024-10-28 @ 16:06',
  integrationType: 'purecloud-data-actions',
  actionType: 'custom',
  config: {
    request: { requestUrlTemplate: '/api/v2/conversations/${input.id}', requestType: 'GET', headers: {}, requestTemplate: '${input.rawRequest}' },
    response: { translationMap: { s: '$.state' }, translationMapDefaults: {}, successTemplate: '{"state": ${s}}' },
  },
  contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
  secure: false,
  ...over,
});

describe('data-action.schema.json', () => {
  it('accepts an exported custom action', () => {
    expect(validateDataAction(action())).toBe(true);
  });
  it('rejects an unknown method, a non-string header, a missing contract', () => {
    expect(validateDataAction(action({ config: { request: { requestUrlTemplate: '/x', requestType: 'GETT' } } }))).toBe(false);
    expect(validateDataAction.errors?.[0]).toMatchObject({ instancePath: '/config/request/requestType', keyword: 'enum' });
    expect(validateDataAction(action({ config: { request: { requestUrlTemplate: '/x', requestType: 'GET', headers: { A: 1 } } } }))).toBe(false);
    const { contract: _, ...noContract } = action();
    expect(validateDataAction(noContract)).toBe(false);
  });
  it.skipIf(!existsSync(CORPUS))('accepts every data action in the real corpus', () => {
    const files = execFileSync('grep', ['-rl', '--include=*.json', '"contract"', CORPUS], { encoding: 'utf8' }).trim().split('\n');
    expect(files.length).toBeGreaterThanOrEqual(60);
    const rejected = files.filter((f) => !validateDataAction(JSON.parse(readFileSync(f, 'utf8'))));
    expect(rejected).toEqual([]);
  });
});

describe('participant-attributes.schema.json', () => {
  it('takes string values under `attributes` only', () => {
    expect(validateParticipantAttributes({ attributes: { reason: 'billing', empty: '' } })).toBe(true);
    expect(validateParticipantAttributes({ attributes: { retries: 3 } })).toBe(false);
    expect(validateParticipantAttributes({ attributes: { '': 'x' } })).toBe(false);
    expect(validateParticipantAttributes({ attributes: {}, extra: true })).toBe(false);
    expect(validateParticipantAttributes({})).toBe(false);
  });
});
