import { describe, expect, it } from 'vitest';
import { closestByEdits, closestKey, closestKnownName } from './closest-name.js';

describe('closest names (did you mean)', () => {
  it('closestKey ignores case, allows a third of the length, keeps the first of a tie', () => {
    expect(closestKey('customerID', ['customerId', 'delay'])).toBe('customerId');
    expect(closestKey('CustomerNmae', ['customerName'])).toBe('customerName');
    expect(closestKey('ogConversationId', ['delay'])).toBeUndefined();
    expect(closestKey('ab', ['ax', 'ay'])).toBe('ax');
    expect(closestKey('x', [])).toBeUndefined();
  });

  it('closestKnownName: not the name itself, and within maxEdits', () => {
    expect(closestKnownName('setParticipantdata', ['setParticipantData'])).toBe('setParticipantData');
    expect(closestKnownName('setParticipantData', ['setParticipantData'])).toBeUndefined();
    expect(closestKnownName('abcdefghijkl', ['abcdefghiXYZ'])).toBeUndefined();
    expect(closestKnownName('abcdefghijkl', ['abcdefghiXYZ'], 3)).toBe('abcdefghiXYZ');
  });

  it('closestByEdits can count case (config rule ids and options)', () => {
    expect(closestByEdits('ABC', ['abc'], 2, false)).toBeUndefined();
    expect(closestByEdits('ABC', ['abc'], 2, true)).toBe('abc');
  });
});
