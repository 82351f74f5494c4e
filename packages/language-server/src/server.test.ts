import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver';
import { tempDirs } from '../../core/src/testing/temp-dirs.js';
import { LspProcess } from './testing/lsp-client.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));
const CLI = fileURLToPath(new URL('../../core/bin/cxlint.js', import.meta.url));
const tempDir = tempDirs();
const servers: LspProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) expect(await s.stop()).toBe(0);
});

function exampleWorkspace(): string {
  const root = tempDir(join(tmpdir(), 'cxlint-ls-'));
  cpSync(EXAMPLES, root, { recursive: true });
  mkdirSync(join(root, '.git')); // the config search stops here, as in a real repository
  return root;
}

async function started(root: string, capabilities: Record<string, unknown> = {}): Promise<LspProcess> {
  const server = new LspProcess();
  servers.push(server);
  await server.initialize(root, capabilities);
  return server;
}

/** What `cxlint --format json` (the CLI, spawned) reports in the same folder, per file. */
function cliFindings(root: string): Map<string, string[]> {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, '.', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  const results = JSON.parse(out) as { filePath: string; messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
  return new Map(results.map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`).sort()]));
}

const asCli = (d: { code?: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;

describe('cxlint-language-server over stdio', () => {
  it('answers the initialize handshake with its capabilities', async () => {
    const server = await started(exampleWorkspace());
    const again = new LspProcess();
    servers.push(again);
    const result = await again.initialize(tmpdir());
    expect(result.serverInfo?.name).toBe('cxlint-language-server');
    expect(result.capabilities).toMatchObject({ codeActionProvider: { codeActionKinds: ['quickfix'] } });
    expect(server.stderr.join('')).toBe('');
  });

  it('pushes the same findings as the CLI for open flows, data actions and Terraform, with rule links', async () => {
    const root = exampleWorkspace();
    const cli = cliFindings(root);
    const server = await started(root);
    const files = ['flows/callback-inqueue.yaml', 'flows/order-status-bot.yaml', 'flows/support-inbound.yaml',
      'data-actions/Get-Order-Status.custom.json', 'data-actions/Create-Support-Ticket.custom.json', 'terraform/main.tf'];
    for (const f of files) server.open(join(root, f), readFileSync(join(root, f), 'utf8'), f.endsWith('.tf') ? 'terraform' : f.endsWith('.json') ? 'json' : 'yaml');
    for (const f of files) {
      const expected = cli.get(f) ?? [];
      expect(expected.length, f).toBeGreaterThan(0);
      const got = await server.diagnosticsFor(join(root, f), (d) => d.length === expected.length);
      expect(got.map(asCli).sort(), f).toEqual(expected);
      for (const d of got) {
        expect(d.source).toBe('cxlint');
        expect(d.codeDescription?.href).toBe(`https://github.com/cxlint/cxlint/blob/main/docs/rules/${String(d.code)}.md`);
      }
    }
  });

  it('gives a file that does not parse one diagnostic and keeps serving', async () => {
    const root = exampleWorkspace();
    const server = await started(root);
    const broken = join(root, 'flows/broken.yaml');
    // The CLI reports two parse errors here (one per duplicate key); the editor shows the first and counts the rest.
    server.open(broken, 'inboundCall:\n  name: a\n  name: b\n  division: x\n  division: y\n');
    const got = await server.diagnosticsFor(broken);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ message: 'Parse error: Map keys must be unique (1 more problem after it)', range: { start: { line: 2 } } });
    // Junk with a flow's name is one finding too, not a crash.
    server.change(broken, 2, 'inboundCall:\n  - \u0000\u0001 {{{ ]]] :\n\t\tx: "');
    const junk = await server.diagnosticsFor(broken, (d) => d.length === 1 && d[0].message !== got[0].message);
    expect(junk[0].severity).toBe(1 /* error */);
    // Hostile nesting in a data action and in Terraform: one finding each, no crash (the parsers recurse).
    const deepJson = join(root, 'data-actions/deep.custom.json');
    server.open(deepJson, '{"name": "x", "contract": {}, "config": ' + '['.repeat(200_000) + ']'.repeat(200_000) + '}', 'json');
    expect((await server.diagnosticsFor(deepJson)).map((d) => d.message)).toEqual([expect.stringMatching(/nested more than 256 levels/)]);
    const deepTf = join(root, 'terraform/deep.tf');
    server.open(deepTf, 'resource "genesyscloud_flow" "f" {\n  x = ' + '['.repeat(200_000) + ']'.repeat(200_000) + '\n}\n', 'terraform');
    expect((await server.diagnosticsFor(deepTf)).map((d) => d.message)).toEqual([expect.stringMatching(/nested more than 256 levels/)]);
    // ...and the server still lints the next file.
    const good = join(root, 'flows/support-inbound.yaml');
    server.open(good, readFileSync(good, 'utf8'));
    expect((await server.diagnosticsFor(good, (d) => d.length > 0)).map((d) => d.code)).toEqual(['participant-data/literal-key', 'participant-data/literal-key']);
  });

  it('cross-file rules see the folder on disk, and files changed on disk once the client says so', async () => {
    const root = exampleWorkspace();
    const server = await started(root, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const reader = join(root, 'flows/callback-inqueue.yaml');
    server.open(reader, readFileSync(reader, 'utf8'));
    const neverSet = (d: { code?: unknown }[]) => d.filter((x) => x.code === 'participant-data/read-never-set').length;
    expect(neverSet(await server.diagnosticsFor(reader, (d) => d.length > 0))).toBe(2);
    // Another flow, never opened, starts setting `orderNumbr`: one "never set" is gone.
    const writer = join(root, 'flows/writer.yaml');
    writeFileSync(writer, readFileSync(join(root, 'flows/support-inbound.yaml'), 'utf8').replace('lit: phoneNumber', 'lit: orderNumbr'));
    void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(writer).href, type: 1 }] });
    await server.diagnosticsFor(reader, (d) => neverSet(d) === 1);
  });

  it('an unsaved edit in one open file updates the cross-file findings of the others', async () => {
    const root = exampleWorkspace();
    const server = await started(root);
    const reader = join(root, 'flows/callback-inqueue.yaml');
    const setter = join(root, 'flows/support-inbound.yaml');
    const neverSet = (d: { code?: unknown }[]) => d.filter((x) => x.code === 'participant-data/read-never-set').length;
    server.open(reader, readFileSync(reader, 'utf8'));
    expect(neverSet(await server.diagnosticsFor(reader, (d) => d.length > 0))).toBe(2);
    server.open(setter, readFileSync(setter, 'utf8'));
    await server.diagnosticsFor(setter, (d) => d.length > 0);
    server.change(setter, 2, readFileSync(setter, 'utf8').replace('lit: phoneNumber', 'lit: orderNumbr'));
    await server.diagnosticsFor(reader, (d) => neverSet(d) === 1);
  });

  it("without a workspace folder, a file's repository is its project", async () => {
    const root = exampleWorkspace();
    writeFileSync(join(root, 'flows/setter.yaml'), readFileSync(join(root, 'flows/support-inbound.yaml'), 'utf8').replace('lit: phoneNumber', 'lit: orderNumbr'));
    const server = new LspProcess();
    servers.push(server);
    await server.initialize(null);
    const reader = join(root, 'flows/callback-inqueue.yaml');
    server.open(reader, readFileSync(reader, 'utf8'));
    const got = await server.diagnosticsFor(reader, (d) => d.length > 0);
    expect(got.filter((x) => x.code === 'participant-data/read-never-set')).toHaveLength(1);
  });

  it('honours the nearest .cxlint.yml and reloads it when it changes', async () => {
    const root = exampleWorkspace();
    const server = await started(root);
    const file = join(root, 'flows/support-inbound.yaml');
    server.open(file, readFileSync(file, 'utf8'));
    await server.diagnosticsFor(file, (d) => d.some((x) => x.code === 'participant-data/literal-key'));
    const nearest = join(root, 'flows/.cxlint.yml');
    writeFileSync(nearest, 'rules:\n  participant-data/literal-key: off\n');
    void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(nearest).href, type: 1 }] });
    await server.diagnosticsFor(file, (d) => !d.some((x) => x.code === 'participant-data/literal-key'));
    // A broken config is reported on the open file, not swallowed.
    writeFileSync(nearest, 'rules:\n  participant-data/literal-kee: off\n');
    void server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(nearest).href, type: 2 }] });
    const bad = await server.diagnosticsFor(file, (d) => d.length === 1 && /Invalid cxlint config/.test(String(d[0].message)));
    expect(String(bad[0].message)).toMatch(/flows\/\.cxlint\.yml:2:3: Unknown rule `participant-data\/literal-kee` \(did you mean `participant-data\/literal-key`\?\)/);
  });

  it('offers suggestions as quick fixes that are not preferred, a certain fix as the preferred one, and "disable for this line", whose comment silences the finding', async () => {
    const root = exampleWorkspace();
    const server = await started(root);
    const file = join(root, 'flows/support-inbound.yaml');
    let doc = TextDocument.create(pathToFileURL(file).href, 'yaml', 1, readFileSync(file, 'utf8'));
    server.open(file, doc.getText());
    const actionsFor = async (d: { range: unknown }) => (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] },
    })) as CodeAction[];
    const summary = (actions: CodeAction[]) => actions.map((a) => `${a.kind} ${a.isPreferred ? 'preferred' : '-'} ${a.title}`);

    const found = await server.diagnosticsFor(file, (x) => x.length === 2);
    const templated = found.find((d) => d.range.start.line === 30)!;
    const constant = found.find((d) => d.range.start.line === 44)!;
    // The templated key's rename is a guess: a suggestion, offered but never preferred.
    const guessed = await actionsFor(templated);
    expect(summary(guessed)).toEqual([
      'quickfix - Use the literal key `userSessionId` (then set its value).',
      'quickfix - Disable participant-data/literal-key for this line',
    ]);
    expect(guessed[0].diagnostics).toEqual([templated]);
    // `Append("Account", "Type")` is certain: the preferred fix, not repeated by its identical suggestion.
    const certain = await actionsFor(constant);
    expect(summary(certain)).toEqual([
      'quickfix preferred Fix this participant-data/literal-key problem',
      'quickfix - Disable participant-data/literal-key for this line',
    ]);
    expect(TextDocument.applyEdits(doc, certain[0].edit!.changes![doc.uri]).split('\n')[44]).toBe('                lit: AccountType');

    const disable = guessed[1].edit!.changes![doc.uri];
    const text = TextDocument.applyEdits(doc, disable);
    expect(text.split('\n')[30]).toBe('                # cxlint-disable-next-line participant-data/literal-key -- reason');
    doc = TextDocument.update(doc, [{ text }], 2);
    server.change(file, 2, text);
    // Only the constant key's finding is left, one line lower.
    const left = await server.diagnosticsFor(file, (x) => x.length === 1);
    expect(left.map((d) => `${String(d.code)} ${d.range.start.line}`)).toEqual(['participant-data/literal-key 45']);
  });
});
