import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse/parse-file.js';
import { participantAttributes } from './participant-data.js';
import { flowModel } from './flow.js';

// YAML keys are user data: `constructor:` or `toString:` must never find Object.prototype's members
// in our lookup tables (a flow would otherwise gain a phantom participant-data action or ref kind).
const flow = `inboundCall:
  name: Proto keys
  defaultLanguage: en-us
  startUpRef: ./tasks/task[t1]
  tasks:
    - task:
        name: t
        refId: t1
        actions:
          - constructor:
              attributes:
                - attribute:
                    name:
                      lit: x
          - toString:
              refId: y
`;

describe('prototype-named keys', () => {
  it('are not participant-data actions', () => {
    expect(participantAttributes(parseFile('f.yaml', flow))).toEqual([]);
  });
  it('are not ref kinds or item containers', () => {
    const model = flowModel(parseFile('f.yaml', flow));
    expect(model.refTargets.map((r) => r.refId)).toEqual(['t1']);
    expect(model.items.some((i) => i.container === undefined)).toBe(false);
  });
});
