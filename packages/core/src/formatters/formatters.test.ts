import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { countResult, type Diagnostic, type LintResult } from '../diagnostics.js';
import { lintText } from '../lint.js';
import { builtInRules, findRule } from '../rules/index.js';
import { formatGithub, formatJson, formatSarif, formatStylish } from './index.js';
import { PARSE_ERROR_RULE_ID } from './sarif.js';

const ANSI = /\x1b\[[0-9;]*m/;

const FLOW = `inboundCall:
  name: Support
  startUpTaskActions:
    - setParticipantData:
        name: Remember the web session
        attributes:
          - attribute:
              name:
                lit: "{{flow.input.userSessionId}}"
`;

function literalKeyResult(path = 'flows/support.yaml'): LintResult {
  // Only literal-key runs, so other rules' findings on this small flow do not shift what is asserted.
  return lintText(FLOW, path, { includeSource: true, rules: [findRule('participant-data/literal-key')!] });
}

function result(filePath: string, source: string | undefined, messages: Partial<Diagnostic>[]): LintResult {
  return countResult({
    filePath,
    kind: 'flow',
    source,
    messages: messages.map((m) => ({ ruleId: 'x/y', severity: 2, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2, range: [0, 1], ...m }) as Diagnostic),
  });
}

describe('stylish', () => {
  it('prints an ESLint-like code frame with carets under the exact columns', () => {
    const out = formatStylish([literalKeyResult()]);
    const lines = out.split('\n');
    const problem = lines.findIndex((l) => l.startsWith('  9:22  error  '));
    expect(problem).toBeGreaterThan(0);
    expect(lines[problem + 1]).toBe('      8 |               name:');
    expect(lines[problem + 2]).toBe('    > 9 |                 lit: "{{flow.input.userSessionId}}"');
    // The caret line: gutter width, one space, then column 22 onwards for the 30 characters of the quoted scalar.
    const caret = lines[problem + 3];
    expect(caret.indexOf('^')).toBe(lines[problem + 2].indexOf('"'));
    expect(caret.trim()).toBe('^'.repeat('"{{flow.input.userSessionId}}"'.length));
    // A guessed name is a suggestion, not a fix: shown as such (the person picks the name), never counted as fixable.
    expect(out).not.toContain('    fix:');
    expect(lines[problem + 4]).toMatch(/^    suggestion, not applied by --fix: Use the literal key `userSessionId`/);
    expect(lines[problem + 5]).toBe('    -                 lit: "{{flow.input.userSessionId}}"');
    expect(lines[problem + 6]).toBe('    +                 lit: userSessionId');
    expect(out).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(out).not.toContain('potentially fixable');
    expect(out).not.toMatch(ANSI);
  });

  it('shows a fix rather than a suggestion when a finding has both, and one suggestion with a count of the others', () => {
    const both = result('a.yaml', 'k: v\n', [{ fix: { range: [3, 4], text: 'fixed' }, suggestions: [{ desc: 'Guess', fix: { range: [3, 4], text: 'guess' } }] }]);
    const shownBoth = formatStylish([both]);
    expect(shownBoth).toContain('    fix:\n    - k: v\n    + k: fixed\n');
    expect(shownBoth).not.toContain('guess');
    const two = result('a.yaml', 'k: v\n', [{ suggestions: [{ desc: 'First', fix: { range: [3, 4], text: 'one' } }, { desc: 'Second', fix: { range: [3, 4], text: 'two' } }] }]);
    expect(formatStylish([two])).toContain('    suggestion, not applied by --fix: First (1 more in --format json and the PR review)\n    - k: v\n    + k: one\n');
    expect(formatStylish([two], { showFixes: false })).not.toContain('suggestion');
  });

  it('colours only when asked', () => {
    expect(formatStylish([literalKeyResult()], { color: true })).toMatch(ANSI);
    expect(formatStylish([literalKeyResult()], { color: false })).not.toMatch(ANSI);
  });

  it('keeps tabs under tabs, underlines a multi-line problem to the end of its first line, and clamps columns', () => {
    const src = '\tkey: value\nnext: 1\n';
    const out = formatStylish([
      result('a.yaml', src, [
        { line: 1, column: 2, endLine: 1, endColumn: 5 },
        { line: 1, column: 7, endLine: 2, endColumn: 3, message: 'multi' },
        { line: 2, column: 40, endLine: 2, endColumn: 41, message: 'past the end' },
      ]),
    ]);
    const lines = out.split('\n');
    const gutter = ' '.repeat(10); // '    ' + '> 1 |'.length + ' '
    expect(lines).toContain(`${gutter}\t^^^`);
    expect(lines).toContain(`${gutter}\t     ^^^^^`);
    expect(lines).toContain(`${gutter}${' '.repeat('next: 1'.length)}^`);
  });

  it('never prints control characters from files or messages (no terminal escapes from a PR)', () => {
    const out = formatStylish([result('a.yaml', 'a: "\x1b[31mred"\n', [{ message: 'bad \x1b]0;title\x07' }])], { color: false });
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
    expect(out).toContain('\uFFFD[31mred');
  });

  it('prints related places under the problem (a message may point at them)', () => {
    const out = formatStylish([result('flows/r.yaml', undefined, [{ related: [{ path: 'flows/other.yaml', line: 3, column: 5, message: 'Set here.' }] }])]);
    expect(out).toContain('  1:1  error  m  x/y\n    Related: flows/other.yaml:3:5: Set here.\n');
  });

  it('prints nothing for a clean run', () => {
    expect(formatStylish([result('a.yaml', 'a: 1\n', [])])).toBe('');
  });
});

describe('json', () => {
  it("writes ESLint's result shape, without sources or offsets", () => {
    const parsed = JSON.parse(formatJson([literalKeyResult()]));
    expect(Object.keys(parsed[0])).toEqual([
      'filePath',
      'messages',
      'suppressedMessages',
      'errorCount',
      'fatalErrorCount',
      'warningCount',
      'fixableErrorCount',
      'fixableWarningCount',
      'usedDeprecatedRules',
    ]);
    const m = parsed[0].messages[0];
    expect(m).toMatchObject({ ruleId: 'participant-data/literal-key', severity: 2, line: 9, column: 22, endLine: 9, endColumn: 52 });
    expect(m.fix).toBeUndefined();
    expect(m.range).toBeUndefined();
    expect(m.suggestions[0].desc).toMatch(/^Use the literal key `userSessionId`/);
    expect(m.suggestions[0].fix.range).toHaveLength(2);
  });

  it('counts fatal errors', () => {
    const parsed = JSON.parse(formatJson([result('a.yaml', undefined, [{ ruleId: null, fatal: true }])]));
    expect(parsed[0].fatalErrorCount).toBe(1);
  });
});

describe('sarif', () => {
  // The SARIF 2.1.0 schema (rtm.5, draft-04) is vendored in ./fixtures: copied unchanged from the npm package
  // @microsoft/jest-sarif@1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json), because the test has no network.
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/sarif-schema-2.1.0-rtm.5.json', import.meta.url)), 'utf8'));
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode regexps accept.
  // CommonJS packages: required, as their default exports do not type-check under NodeNext ESM interop.
  const require = createRequire(import.meta.url);
  const Ajv04: typeof Ajv = require('ajv-draft-04');
  const addFormats: (ajv: Ajv) => void = require('ajv-formats');
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  const parseError = result('broken file#1.yaml', 'a: [\n', [{ ruleId: null, fatal: true, message: 'Parse error: bad', line: 2, column: 1, endLine: 2, endColumn: 1, range: [5, 5] }]);
  const warning = result('flows/w.yaml', 'k: v\n', [{ severity: 1, message: 'warn me', suggestions: [{ desc: 'Do it', fix: { range: [3, 4], text: 'w' } }] }]);
  const log = JSON.parse(formatSarif([literalKeyResult(), parseError, warning], { rules: builtInRules, toolVersion: '1.2.3', baseUri: 'file:///repo' }));

  it('is valid against the SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('describes every rule with helpUri, and points each result at its rule', () => {
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual([...builtInRules.map((r) => r.meta.id), PARSE_ERROR_RULE_ID]);
    const literal = rules.find((r: { id: string }) => r.id === 'participant-data/literal-key');
    expect(literal.helpUri).toBe('https://github.com/cxlint/cxlint/blob/main/docs/rules/participant-data/literal-key.md');
    expect(literal.name).toBe('ParticipantDataLiteralKey');
    const [lit, parse, other] = log.runs[0].results;
    expect(rules[lit.ruleIndex].id).toBe('participant-data/literal-key');
    expect(rules[parse.ruleIndex].id).toBe(PARSE_ERROR_RULE_ID);
    expect(other.ruleIndex).toBeUndefined(); // a rule the tool does not describe gets no index
  });

  it('carries exact regions, line-independent fingerprints and the fix as a replacement', () => {
    const [lit, parse, warn] = log.runs[0].results;
    expect(lit.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'flows/support.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 22, endLine: 9, endColumn: 52 },
    });
    expect(lit.partialFingerprints['cxlint/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(lit.fixes).toHaveLength(1);
    expect(lit.fixes[0].description.text).toMatch(/^Use the literal key `userSessionId`/);
    const replacement = lit.fixes[0].artifactChanges[0].replacements[0];
    expect(replacement.deletedRegion).toMatchObject({ startLine: 9, startColumn: 22 });
    expect(replacement.insertedContent.text).toContain('userSessionId');
    // A path with a space and a `#` is percent-encoded, not cut at the `#`.
    expect(parse.locations[0].physicalLocation.artifactLocation.uri).toBe('broken%20file%231.yaml');
    expect(parse.ruleId).toBe(PARSE_ERROR_RULE_ID);
    expect(warn.level).toBe('warning');
    expect(warn.fixes[0].description.text).toBe('Do it');
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
    expect(log.runs[0].tool.driver.version).toBe('1.2.3');
  });

  it('a fingerprint survives the finding moving down a line', () => {
    const moved = lintText('# a new comment\n' + FLOW, 'flows/support.yaml', { includeSource: true, rules: [findRule('participant-data/literal-key')!] });
    const again = JSON.parse(formatSarif([moved], { rules: builtInRules }));
    const lit = again.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'participant-data/literal-key');
    expect(lit.locations[0].physicalLocation.region.startLine).toBe(10);
    expect(lit.partialFingerprints).toEqual(log.runs[0].results[0].partialFingerprints);
  });

  it('two identical findings in one file get different fingerprints; an edit above keeps both', () => {
    const twice = FLOW + FLOW.split('\n').slice(3).join('\n');
    const rules = [findRule('participant-data/literal-key')!];
    const ids = (text: string) => JSON.parse(formatSarif([lintText(text, 'flows/support.yaml', { includeSource: true, rules })], { rules: builtInRules })).runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['cxlint/v1']);
    const before = ids(twice);
    expect(before).toHaveLength(2);
    expect(new Set(before).size).toBe(2);
    expect(ids('# unrelated\n' + twice)).toEqual(before);
  });

  it('gives related locations as relatedLocations, valid SARIF', () => {
    const withRelated = result('flows/r.yaml', 'k: v\n', [{ related: [{ path: 'flows/other.yaml', line: 3, column: 5, endLine: 3, endColumn: 9, message: 'Set here.' }] }]);
    const out = JSON.parse(formatSarif([withRelated], { rules: [] }));
    expect(out.runs[0].results[0].relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'flows/other.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } }, message: { text: 'Set here.' } },
    ]);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });

  it('an absolute path becomes a file URI', () => {
    const abs = JSON.parse(formatSarif([result('/tmp/x y/a.yaml', undefined, [{}])], { rules: [] }));
    expect(abs.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///tmp/x%20y/a.yaml' });
    expect(validate(abs)).toBe(true);
  });
});

describe('github', () => {
  it('writes one workflow command per problem with columns on single-line problems', () => {
    expect(formatGithub([literalKeyResult()])).toMatch(
      /^::error file=flows\/support\.yaml,line=9,endLine=9,col=22,endColumn=52,title=participant-data\/literal-key::Set Participant Data attribute name/,
    );
  });

  it('escapes data and properties as @actions/core does', () => {
    const out = formatGithub([
      result('dir,with:odd%chars/a.yaml', undefined, [
        { severity: 1, ruleId: null, message: '50% done\r\nsecond line: a, b', line: 2, endLine: 4 },
      ]),
    ]);
    expect(out).toBe('::warning file=dir%2Cwith%3Aodd%25chars/a.yaml,line=2,endLine=4,title=cxlint::50%25 done%0D%0Asecond line: a, b\n');
    // One command per line: nothing in the message can start a second command.
    expect(out.trimEnd().split('\n')).toHaveLength(1);
  });

  it('gives related places on lines of the message', () => {
    const out = formatGithub([result('flows/r.yaml', undefined, [{ related: [{ path: 'flows/other.yaml', line: 3, column: 5, message: 'Set here.' }] }])]);
    expect(out).toBe('::error file=flows/r.yaml,line=1,endLine=1,col=1,endColumn=2,title=x/y::m%0ARelated: flows/other.yaml:3:5: Set here.\n');
  });

  it('prints nothing for a clean run', () => {
    expect(formatGithub([result('a.yaml', '', [])])).toBe('');
  });
});
