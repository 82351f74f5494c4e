import { describe, expect, it } from 'vitest';
import { mergeProjectSettings } from './config-resolver.js';

describe('mergeProjectSettings', () => {
  it('unions list settings from every config (they describe one repository)', () => {
    const merged = mergeProjectSettings([
      { knownParticipantKeys: ['a', 'b'], maxFileSize: 10 },
      undefined,
      { knownParticipantKeys: ['b', 'c'], substitutions: ['flow_name'], maxFileSize: 99 },
    ]);
    expect(merged).toEqual({ knownParticipantKeys: ['a', 'b', 'c'], substitutions: ['flow_name'], maxFileSize: 10 });
  });
  it('returns the only config as it is', () => {
    const only = { knownParticipantKeys: ['x'] };
    expect(mergeProjectSettings([undefined, only])).toBe(only);
    expect(mergeProjectSettings([])).toBeUndefined();
  });
});
