import { describe, expect, it } from 'vitest';
import { lintText } from './lint.js';
import type { CxlintConfig } from './config/types.js';
import literalKey from './rules/participant-data/literal-key.js';
import keyLooksLikeVariable from './rules/participant-data/key-looks-like-variable.js';

const rules = [literalKey, keyLooksLikeVariable];
const config: CxlintConfig = { extends: [], rules: { [literalKey.meta.id]: 'error', [keyLooksLikeVariable.meta.id]: 'warn' } };

/** A flow with a literal-key problem on `name`'s `lit:` line and a key-looks-like-variable one on the second. */
function flow(before1 = '', before2 = ''): string {
  return [
    'inboundCall:',
    '  name: Directives',
    '  startUpTaskActions:',
    '    - setParticipantData:',
    '        name: Set',
    '        attributes:',
    '          - attribute:',
    '              name:',
    ...(before1 ? [`                ${before1}`] : []),
    '                lit: "{{flow.input.a}}"',
    '              value:',
    '                exp: Flow.a',
    '          - attribute:',
    '              name:',
    ...(before2 ? [`                ${before2}`] : []),
    '                lit: Flow.b',
    '              value:',
    '                exp: Flow.b',
    '',
  ].join('\n');
}

const found = (text: string) => lintText(text, 'flow.yaml', { rules, config }).messages.map((m) => `${m.line}:${m.ruleId}`);

describe('inline directives', () => {
  it('without directives both problems are reported', () => {
    expect(found(flow())).toEqual(['9:participant-data/literal-key', '14:participant-data/key-looks-like-variable']);
  });

  it('disable-next-line <rule> -- reason silences that rule on the next line only', () => {
    expect(found(flow('# cxlint-disable-next-line participant-data/literal-key -- deployed by a script that fills it'))).toEqual([
      '15:participant-data/key-looks-like-variable',
    ]);
  });

  it('disable-next-line for another rule does not silence this one', () => {
    expect(found(flow('# cxlint-disable-next-line participant-data/key-looks-like-variable'))).toEqual([
      '10:participant-data/literal-key',
      '15:participant-data/key-looks-like-variable',
    ]);
  });

  it('disable-next-line with no rule list silences every rule on that line', () => {
    expect(found(flow('', '# cxlint-disable-next-line'))).toEqual(['9:participant-data/literal-key']);
  });

  it('takes several rules separated by commas or spaces', () => {
    const text = flow().replace('lit: Flow.b', 'lit: Flow.b # cxlint-disable-line participant-data/literal-key, participant-data/key-looks-like-variable');
    expect(found(text)).toEqual(['9:participant-data/literal-key']);
  });

  it('disable … enable blocks', () => {
    const text = flow().replace('inboundCall:\n', 'inboundCall:\n# cxlint-disable participant-data/literal-key\n').replace('          - attribute:\n              name:\n                lit: Flow.b', '# cxlint-enable\n          - attribute:\n              name:\n                lit: Flow.b');
    expect(found(text)).toEqual(['16:participant-data/key-looks-like-variable']);
  });

  it('works in CRLF files', () => {
    expect(found(flow('# cxlint-disable-next-line participant-data/literal-key -- why').replace(/\n/g, '\r\n'))).toEqual(['15:participant-data/key-looks-like-variable']);
  });

  it('a directive-like text inside a value is not a directive', () => {
    const text = flow().replace('exp: Flow.a', 'exp: "Flow.a # cxlint-disable"');
    expect(found(text)).toEqual(['9:participant-data/literal-key', '14:participant-data/key-looks-like-variable']);
  });
});
