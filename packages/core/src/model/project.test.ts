import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse/parse-file.js';
import { flowWith, getData, setData } from '../testing/flow-fixtures.js';
import { literalKey, participantAttributes } from './participant-data.js';
import { declaredVariables } from './flow-variables.js';
import { Project } from './project.js';
import { flowFacts } from './flow-facts.js';

const set = (key: string) => setData(`name:\n  lit: ${key}\nvalue:\n  exp: Call.Ani`);
const get = (key: string) => getData(`name:\n  lit: ${key}\nvariable: Flow.out`);

describe('participantAttributes', () => {
  it('finds Set and Get attributes anywhere in a flow, in document order', () => {
    const text = [
      'inboundCall:',
      '  name: Nested',
      '  tasks:',
      '    - task:',
      '        name: T',
      '        actions:',
      '          - decision:',
      '              outputs:',
      '                yes:',
      '                  actions:',
      '                    - setParticipantData:',
      '                        name: Deep set',
      '                        attributes:',
      '                          - attribute: {name: {lit: a}, value: {exp: Flow.a}}',
      '                          - attribute:',
      '                              name:',
      '                                exp: Flow.b',
      '  menus:',
      '    - menu:',
      '        choices:',
      '          - menuTask:',
      '              actions:',
      '                - getParticipantData:',
      '                    attributes:',
      '                      - attribute:',
      '                          name: {lit: c}',
      '                          variable: Flow.c',
      '',
    ].join('\n');
    const f = parseFile('f.yaml', text);
    const attrs = participantAttributes(f);
    expect(attrs.map((a) => [a.op, a.name?.kind, a.name?.text, a.actionLabel])).toEqual([
      ['set', 'lit', 'a', 'Deep set'],
      ['set', 'exp', 'Flow.b', 'Deep set'],
      ['get', 'lit', 'c', undefined],
    ]);
    expect(attrs.map(literalKey)).toEqual(['a', undefined, 'c']);
    expect(attrs[2].variablePair?.value).toMatchObject({ value: 'Flow.c' });
    expect(participantAttributes(f)).toBe(attrs); // computed once per file
  });

  it('skips malformed actions instead of failing', () => {
    const f = parseFile('f.yaml', 'inboundCall:\n  startUpTaskActions:\n    - setParticipantData: x\n    - setParticipantData:\n        attributes: 5\n    - getParticipantData:\n        attributes:\n          - nope: 1\n          - attribute: 3\n');
    expect(participantAttributes(f)).toEqual([]);
  });
});

describe('declaredVariables', () => {
  it('reads top-level and task-level declarations by lower-cased name', () => {
    const f = parseFile('f.yaml', [
      'inboundCall:',
      '  variables:',
      '    - integerVariable:',
      '        name: Flow.Count',
      '    - stringCollectionVariable:',
      '        name: Flow.list',
      '  tasks:',
      '    - task:',
      '        variables:',
      '          - booleanVariable:',
      '              name: Task.ok',
      '          - variableLike: {name: Task.x}',
      '',
    ].join('\n'));
    const v = declaredVariables(f);
    expect([...v.keys()]).toEqual(['flow.count', 'flow.list', 'task.ok']);
    expect(v.get('flow.count')).toMatchObject({ name: 'Flow.Count', type: 'integer', isCollection: false });
    expect(v.get('flow.list')).toMatchObject({ type: 'stringCollection', isCollection: true });
  });
});

describe('Project', () => {
  const files = [
    parseFile('a.yaml', flowWith([set('customerId'), get('delay')].join('\n'))),
    parseFile('b.yaml', flowWith([set('delay'), set('customerId'), get('customerId')].join('\n'))),
    parseFile('broken.yaml', 'inboundCall:\n  name: [\n'),
    parseFile('c.yaml', flowWith(setData('name:\n  exp: Flow.dynamic'))),
  ];

  it('indexes keys set and read across files, by exact spelling, skipping broken files and dynamic keys', () => {
    const p = new Project(files);
    const setKeys = p.participantKeysSet();
    expect([...setKeys.keys()]).toEqual(['customerId', 'delay']);
    expect(setKeys.get('customerId')!.map((o) => [o.path, o.origin])).toEqual([['a.yaml', 'flow'], ['b.yaml', 'flow']]);
    const o = setKeys.get('delay')![0];
    expect(files.find((f) => f.path === o.path)!.source.text.slice(o.range[0], o.range[1])).toBe('delay');
    // Occurrences are plain facts (no tree of the other file): they survive a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    expect([...p.participantKeysRead().keys()]).toEqual(['delay', 'customerId']);
    expect(p.filesOfKind('flow').map((f) => f.path)).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it("extracts a flow's facts once, as plain data with the dynamic key's place in line and column", () => {
    const text = flowWith([setData('name:\n  exp: Flow.key\nvalue:\n  exp: Call.Ani'), set('literal'), get('read')].join('\n'));
    const f = parseFile('d.yaml', text);
    const facts = flowFacts(f);
    expect(flowFacts(f)).toBe(facts);
    expect(facts.keysSet.map((o) => o.key)).toEqual(['literal']);
    expect(facts.keysRead.map((o) => o.key)).toEqual(['read']);
    expect(facts.dynamicKeySets.map((d) => [d.kind, d.text, text.slice(d.range[0], d.range[1])])).toEqual([['exp', 'Flow.key', 'Flow.key']]);
    const d = facts.dynamicKeySets[0];
    expect(text.split('\n')[d.start.line - 1].slice(d.start.column - 1)).toMatch(/^Flow\.key/);
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
  });

  it('memoises indexes', () => {
    const p = new Project(files);
    let builds = 0;
    const build = () => ++builds;
    expect(p.index('x', build)).toBe(1);
    expect(p.index('x', build)).toBe(1);
    expect(p.participantKeysSet()).toBe(p.participantKeysSet());
  });

  it('gives each flow the configured substitutions', () => {
    const none = new Project(files).substitutionsFor(files[0]);
    expect(none.known).toBe(false);
    const some = new Project(files, { substitutions: ['env', 'flow_name'] }).substitutionsFor(files[0]);
    expect(some.known).toBe(true);
    expect([...some.names]).toEqual(['env', 'flow_name']);
  });
});
