/**
 * Hostile and broken files (issue 6): each one is reported with its file and line, nothing throws, no stack
 * trace reaches the user, and the other files of the run are still linted — through the engine and through
 * the `cxlint` process.
 */
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, ftruncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, LintResult } from './diagnostics.js';
import { applyEdit } from './fix/text-edits.js';
import { lintFiles, lintFilesAsync, type LintInput } from './lint.js';
import './parse/terraform.js';
import { toJS } from './parse/nodes.js';
import { parseFile } from './parse/parse-file.js';
import { MAX_ALIASES, MAX_ALIAS_EXPANSION } from './parse/parse-yaml.js';
import { MAX_NESTING } from './parse/nesting.js';
import { decodeSource, readSourceFile } from './source/read-file.js';
import { tempDirs } from './testing/temp-dirs.js';

/** Temporary folders, removed after the file's tests. */
const tempDir = tempDirs();

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(HERE, '../bin/cxlint.js');

/**
 * A clean flow apart from one literal-key finding on line 9 (a constant key expression, so it has a certain fix):
 * proves the run went on past the hostile file.
 */
const GOOD = [
  'inboundCall:',
  '  name: Good flow',
  '  startUpTaskActions:',
  '    - setParticipantData:',
  '        name: Save session',
  '        attributes:',
  '          - attribute:',
  '              name:',
  '                exp: Append("session", "Id")',
  '              value:',
  '                lit: x',
  '',
].join('\n');

const N = 20_000;

/** Builds every hostile flow/data action the issue lists, with the line each must be reported at. */
function hostileTexts(): { name: string; path: string; text: string; line: number; message: RegExp }[] {
  const bomb = ['inboundCall:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) bomb.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const aliasHeavy = `inboundCall:\n  a: &a x\n  b: [${Array(MAX_ALIASES + 1).fill('*a').join(', ')}]\n`;
  const indented = ['inboundCall:'];
  for (let i = 1; i <= MAX_NESTING + 10; i++) indented.push(`${' '.repeat(i)}k${i}:`);
  const truncatedFlow = GOOD.slice(0, GOOD.indexOf('Save session') + 4).replace('name: Save', 'name: "Save');
  const action = '{\n  "name": "Lookup",\n  "contract": {\n    "input": {}\n  },\n  "config": {\n    "request": {\n      "requestType": "GET"\n';
  return [
    { name: 'alias bomb (billion laughs)', path: 'bomb.yaml', text: bomb.join('\n') + '\n', line: 6, message: /aliases expand to more than 100000 nodes/ },
    { name: `more than ${MAX_ALIASES} aliases`, path: 'aliases.yaml', text: aliasHeavy, line: 3, message: /More than 1000 YAML aliases/ },
    { name: 'alias cycle', path: 'cycle.yaml', text: 'inboundCall:\n  name: x\n  loop: &l\n    again: *l\n', line: 4, message: /refers to a collection that contains it/ },
    { name: `${N}-deep flow sequence`, path: 'deep-seq.yaml', text: `inboundCall:\n  x: ${'['.repeat(N)}${']'.repeat(N)}\n`, line: 2, message: /nested more than 256 levels/ },
    { name: `${N}-deep flow mapping`, path: 'deep-map.yaml', text: `inboundCall:\n  x: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\n`, line: 2, message: /nested more than 256 levels/ },
    { name: `${N}-deep block sequence`, path: 'deep-block.yaml', text: `inboundCall:\n  x:\n    ${'- '.repeat(N)}1\n`, line: 3, message: /nested more than 256 levels/ },
    { name: 'block mapping deeper than the limit', path: 'deep-indent.yaml', text: indented.join('\n') + '\n', line: MAX_NESTING + 1, message: /nested more than 256 levels/ },
    { name: `${N}-deep JSON arrays`, path: 'deep.json', text: `{"contract": {}, "config":\n${'['.repeat(N)}${']'.repeat(N)}}`, line: 2, message: /nested more than 256 levels/ },
    { name: `${N}-deep JSON objects`, path: 'deep-obj.json', text: `{"contract": {}, "config":\n${'{"a":'.repeat(N)}1${'}'.repeat(N)}}`, line: 2, message: /nested more than 256 levels/ },
    { name: 'truncated YAML', path: 'truncated.yaml', text: truncatedFlow, line: 5, message: /Missing closing "quote/ },
    { name: 'broken JSON', path: 'broken.json', text: action, line: 9, message: /Closing brace `\}` expected/ },
    { name: 'duplicate YAML key', path: 'dup.yaml', text: 'inboundCall:\n  name: a\n  division: Home\n  name: b\n', line: 4, message: /Map keys must be unique/ },
    { name: 'duplicate JSON key', path: 'dup.json', text: '{\n  "contract": {},\n  "config": {},\n  "contract": {}\n}', line: 4, message: /Duplicate key "contract"/ },
  ];
}

function messagesOf(results: LintResult[], path: string): Diagnostic[] {
  const r = results.find((x) => x.filePath === path);
  if (!r) throw new Error(`no result for ${path}: ${results.map((x) => x.filePath).join(', ')}`);
  return r.messages;
}

function expectGoodStillLinted(results: LintResult[]): void {
  const good = messagesOf(results, 'good.yaml');
  expect(good.map((m) => `${m.ruleId}:${m.line}`)).toContain('participant-data/literal-key:9');
}

describe('hostile files through the engine', () => {
  for (const h of hostileTexts()) {
    it(`${h.name}: one fatal message at line ${h.line}, the other file still linted`, () => {
      const started = performance.now();
      const results = lintFiles([{ path: h.path, text: h.text }, { path: 'good.yaml', text: GOOD }]);
      expect(performance.now() - started).toBeLessThan(5000);
      const [first, ...rest] = messagesOf(results, h.path);
      expect(first.message).toMatch(h.message);
      expect(first).toMatchObject({ ruleId: null, severity: 2, fatal: true, line: h.line });
      expect(rest.every((m) => m.fatal)).toBe(true);
      expect(first.message).not.toMatch(/\n\s+at /); // no stack trace in the message
      expectGoodStillLinted(results);
    });
  }

  it(`${N}-deep Terraform: refused before the HCL parser's output is walked, at its line`, async () => {
    const text = `resource "genesyscloud_flow" "f" {\n  filepath = "f.yaml"\n  x = ${'['.repeat(N)}${']'.repeat(N)}\n  y = ${'{a = '.repeat(N)}1${'}'.repeat(N)}\n}\n`;
    const results = await lintFilesAsync([{ path: 'deep.tf', text }, { path: 'good.yaml', text: GOOD }]);
    expect(messagesOf(results, 'deep.tf')).toEqual([expect.objectContaining({ fatal: true, line: 3, message: expect.stringMatching(/nested more than 256 levels/) })]);
    expectGoodStillLinted(results);
  });

  it('control characters and NUL handed over as text never throw', () => {
    const text = 'inboundCall:\n  name: a\u0000b\u0007\n  division: "\u001b[31m"\n';
    const results = lintFiles([{ path: 'nul.yaml', text }, { path: 'good.yaml', text: GOOD }]);
    expect(messagesOf(results, 'nul.yaml').every((m) => m.line >= 1 && m.line <= 4)).toBe(true);
    expectGoodStillLinted(results);
  });

  it('an alias bomb never reaches the tree, so toJS and schema validation cannot expand it', () => {
    const h = hostileTexts()[0];
    expect(parseFile('bomb.yaml', h.text).root).toBeNull();
  });

  it('aliases under the cap stay shared in the tree, and toJS expands them within the cap', () => {
    const items = Array.from({ length: 40 }, (_, i) => `k${i}: v`).join(', ');
    const text = `inboundCall:\n  base: &b {${items}}\n  uses: [${Array(500).fill('*b').join(', ')}]\n`;
    const file = parseFile('shared.yaml', text);
    expect(file.errors).toEqual([]);
    const js = toJS(file.root) as { inboundCall: { uses: unknown[] } };
    expect(js.inboundCall.uses).toHaveLength(500);
    expect(500 * 81).toBeLessThan(MAX_ALIAS_EXPANSION); // 40 pairs = 81 nodes each
  });

  it('the alias-expansion limit is reported at the alias that crosses it', () => {
    const items = Array.from({ length: 100 }, (_, i) => `k${i}: v`).join(', ');
    const uses = Array.from({ length: 600 }, () => '    - *b').join('\n');
    const file = parseFile('shared.yaml', `inboundCall:\n  base: &b {${items}}\n  uses:\n${uses}\n`);
    // 201 nodes per use: the 498th use is the first past 100,000, on line 3 + 498.
    expect(file.errors).toHaveLength(1);
    expect(file.source.positionAt(file.errors[0].range[0]).line).toBe(3 + 498);
  });

  it('a file over settings.maxFileSize is reported as too large, not parsed', () => {
    const big = 'inboundCall:\n' + '# padding\n'.repeat(200);
    const results = lintFiles([{ path: 'big.yaml', text: big }, { path: 'good.yaml', text: GOOD }], { settings: { maxFileSize: 1000 } });
    expect(messagesOf(results, 'big.yaml')).toEqual([
      expect.objectContaining({ fatal: true, line: 1, message: 'File is 2.0 KB, over the 1000 B limit (settings.maxFileSize); not linted.' }),
    ]);
    expectGoodStillLinted(results);
  });

  it('the default cap is 5 MB, counted in UTF-8 bytes', () => {
    const text = 'inboundCall:\n  description: "' + 'é'.repeat(2.7 * 1024 * 1024) + '"\n'; // 2.7 M characters, 5.4 MB
    const [r] = lintFiles([{ path: 'wide.yaml', text }]);
    expect(r.messages[0].message).toMatch(/^File is 5\.4 MB, over the 5\.0 MB limit/);
    // A large file that is not one of ours has nothing reported: it is marked as not ours.
    expect(lintFiles([{ path: 'package-lock.json', text: '{"x": "' + 'a'.repeat(6 * 1024 * 1024) + '"}' }])).toEqual([
      expect.objectContaining({ filePath: 'package-lock.json', skipped: 'not-ours', messages: [] }),
    ]);
  });

  it('unreadable inputs (binary, invalid UTF-8) become fatal messages at their line', () => {
    const inputs: LintInput[] = [
      { path: 'bin.yaml', readError: 'Binary file (contains NUL bytes); not linted.' },
      { path: 'bad.yaml', readError: 'File is not valid UTF-8 (first invalid byte at offset 30).', readErrorLine: 3 },
      { path: 'good.yaml', text: GOOD },
    ];
    const results = lintFiles(inputs);
    expect(messagesOf(results, 'bin.yaml')[0]).toMatchObject({ fatal: true, line: 1, severity: 2 });
    expect(messagesOf(results, 'bad.yaml')[0]).toMatchObject({ fatal: true, line: 3, severity: 2 });
    expectGoodStillLinted(results);
  });

  it('empty and blank flow or data-action files get a warning, not silence and not a crash', () => {
    for (const text of ['', '\n\n', '\uFEFF', '  \r\n']) {
      const results = lintFiles([{ path: 'empty.yaml', text }, { path: 'empty.json', text }, { path: 'good.yaml', text: GOOD }]);
      for (const path of ['empty.yaml', 'empty.json']) {
        expect(messagesOf(results, path)).toEqual([expect.objectContaining({ severity: 1, line: 1, column: 1, message: expect.stringMatching(/^File is empty/) })]);
      }
      expectGoodStillLinted(results);
    }
    // Other empty files (not flow, data-action or Terraform extensions) are not ours.
    expect(lintFiles([{ path: 'notes.txt', text: '' }])).toEqual([expect.objectContaining({ filePath: 'notes.txt', skipped: 'not-ours', messages: [] })]);
  });
});

describe('reading bytes', () => {
  it('NUL bytes mean a binary file', () => {
    expect(decodeSource(Buffer.from([0x69, 0x6e, 0x00, 0x01]))).toMatchObject({ error: expect.stringMatching(/^Binary file/) });
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['Latin-1 text', [0xe9, 0x74, 0xe9]],
  ])('invalid UTF-8 (%s) is reported at its line and offset', (_, bad) => {
    const before = Buffer.from('inboundCall:\n  name: x\n  description: "');
    const read = decodeSource(Buffer.concat([before, Buffer.from(bad), Buffer.from('"\n')]));
    expect(read.text).toBeUndefined();
    expect(read.error).toBe(`File is not valid UTF-8 (first invalid byte at offset ${before.length}).`);
    expect(read.errorLine).toBe(3);
  });

  it('a huge file is not read whole: only a 64 KB head, to tell whether it is ours', () => {
    const dir = tempDir(join(tmpdir(), 'cxlint-big-'));
    const path = join(dir, 'huge.yaml');
    writeFileSync(path, 'inboundCall:\n');
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, 2 * 1024 * 1024 * 1024); // a sparse 2 GB file: reading it whole would exhaust memory
    closeSync(fd);
    const started = performance.now();
    const read = readSourceFile(path);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(read.error).toBe('File is 2048.0 MB, over the 5.0 MB limit (settings.maxFileSize); not linted.');
    expect(read.head?.length).toBe(64 * 1024);
  });
});

describe('CRLF and BOM keep exact positions and fixes', () => {
  const variants: [string, (s: string) => string][] = [
    ['LF', (s) => s],
    ['CRLF', (s) => s.replace(/\n/g, '\r\n')],
    ['BOM', (s) => '\uFEFF' + s],
    ['BOM + CRLF', (s) => '\uFEFF' + s.replace(/\n/g, '\r\n')],
  ];
  for (const [name, encode] of variants) {
    it(`${name}: same lines and columns, a fix that keeps the file's line breaks, and a clean re-lint`, () => {
      const raw = encode(GOOD);
      const [r] = lintFiles([{ path: 'good.yaml', text: raw }], { includeSource: true });
      const m = r.messages.find((x) => x.ruleId === 'participant-data/literal-key')!;
      expect(m).toMatchObject({ line: 9, column: 22, endLine: 9, endColumn: 45 });
      // Ranges index the text without its BOM (what `source` holds), whatever the line breaks.
      const text = r.source!;
      expect(text).toBe(raw.replace(/^\uFEFF/, ''));
      expect(text.slice(m.range[0], m.range[1])).toBe('Append("session", "Id")');
      const fixed = applyEdit(text, m.fix!);
      if (raw.includes('\r\n')) expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const after = lintFiles([{ path: 'good.yaml', text: (raw.startsWith('\uFEFF') ? '\uFEFF' : '') + fixed }]);
      expect(after[0].messages.filter((x) => x.ruleId === 'participant-data/literal-key')).toEqual([]);
      expect(after[0].messages.filter((x) => x.fatal)).toEqual([]);
    });
  }
});

describe('hostile files through the cxlint process', () => {
  const dir = tempDir(join(tmpdir(), 'cxlint-hostile-'));
  const hostile = hostileTexts();
  for (const h of hostile) writeFileSync(join(dir, h.path), h.text);
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  writeFileSync(join(dir, 'empty.yaml'), '');
  // Binary and invalid UTF-8 files that look like flows are reported even when found by walking the folder.
  writeFileSync(join(dir, 'binary.yaml'), Buffer.concat([Buffer.from('inboundCall:\n  name: x\n'), Buffer.alloc(64)]));
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('inboundCall:\n  name: x\n  description: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  // A file over the default 5 MB cap (sparse, so the test writes almost nothing).
  writeFileSync(join(dir, 'huge.yaml'), 'inboundCall:\n');
  const fd = openSync(join(dir, 'huge.yaml'), 'r+');
  ftruncateSync(fd, 6 * 1024 * 1024);
  closeSync(fd);
  // And one over a smaller cap set in the config, in its own folder.
  mkdirSync(join(dir, 'capped'));
  writeFileSync(join(dir, 'capped', '.cxlint.yml'), 'settings:\n  maxFileSize: 100\n');
  writeFileSync(join(dir, 'capped', 'flow.yaml'), 'inboundCall:\n' + '  # padding\n'.repeat(20));

  it('exits 1 (findings), not 2 (fatal), prints no stack trace, and reports every file with its line', { timeout: 60_000 }, () => {
    const run = spawnSync(process.execPath, [BIN, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).not.toMatch(/\n\s+at .+[:(]/); // a stack frame
    expect(run.stderr).not.toMatch(/Error:|FATAL|out of memory/);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as LintResult[];
    for (const h of hostile) {
      const first = messagesOf(results, h.path)[0];
      expect(first.message, h.path).toMatch(h.message);
      expect(first.line, h.path).toBe(h.line);
    }
    expect(messagesOf(results, 'binary.yaml')[0].message).toMatch(/^Binary file/);
    expect(messagesOf(results, 'latin1.yaml')[0]).toMatchObject({ line: 3, message: expect.stringMatching(/not valid UTF-8/) });
    expect(messagesOf(results, 'huge.yaml')[0].message).toBe('File is 6.0 MB, over the 5.0 MB limit (settings.maxFileSize); not linted.');
    expect(messagesOf(results, 'capped/flow.yaml')[0].message).toMatch(/^File is 253 B, over the 100 B limit/);
    expect(messagesOf(results, 'empty.yaml')[0]).toMatchObject({ severity: 1, line: 1 });
    expectGoodStillLinted(results);
  });

  it('stylish output names each hostile file with its line', { timeout: 60_000 }, () => {
    const run = spawnSync(process.execPath, [BIN, '--no-color', 'deep.json', 'bomb.yaml', 'good.yaml'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/deep\.json[\s\S]*\b2:\d+\s+error\s+Parse error: The document is nested more than 256 levels deep/);
    expect(run.stdout).toMatch(/bomb\.yaml[\s\S]*\b6:\d+\s+error\s+Parse error: YAML aliases expand/);
    expect(run.stdout).toMatch(/good\.yaml[\s\S]*\b9:22\s+error/);
  });
});
