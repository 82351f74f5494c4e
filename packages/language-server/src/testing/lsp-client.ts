import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

export const SERVER_BIN = fileURLToPath(new URL('../../bin/cxlint-language-server.js', import.meta.url));

/**
 * The server as editors run it (a process on stdio), with a JSON-RPC connection from the protocol library:
 * for protocol details Neovim's test does not reach (config reload, watched files, broken files).
 */
export class LspProcess {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];

  constructor(bin = SERVER_BIN) {
    this.process = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (b) => this.stderr.push(String(b)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** The handshake; `root` null is an editor started without a folder. */
  async initialize(root: string | null, capabilities: Record<string, unknown> = {}): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root === null ? null : pathToFileURL(root).href,
      workspaceFolders: root === null ? null : [{ uri: pathToFileURL(root).href, name: 'root' }],
      capabilities,
    });
    await this.connection.sendNotification('initialized', {});
    return result as never;
  }

  open(path: string, text: string, languageId = 'yaml'): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(path).href, languageId, version: 1, text } });
  }

  change(path: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: pathToFileURL(path).href, version }, contentChanges: [{ text }] });
  }

  /** Waits until the diagnostics published for `path` satisfy `until` (the latest publication counts). */
  async diagnosticsFor(path: string, until: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 30_000): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.diagnostics.get(uri);
      if (got && until(got.diagnostics)) return got.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${path}; last: ${JSON.stringify(got?.diagnostics)}\n${this.stderr.join('')}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, left);
        this.waiters.push(() => { clearTimeout(t); res(); });
      });
    }
  }

  async stop(): Promise<number | null> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    const code = await new Promise<number | null>((res) => {
      if (this.process.exitCode !== null) return res(this.process.exitCode);
      const t = setTimeout(() => { this.process.kill(); res(null); }, 5000);
      this.process.on('exit', (c) => { clearTimeout(t); res(c); });
    });
    this.connection.dispose();
    return code;
  }
}
