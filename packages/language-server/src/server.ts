import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAMES, ConfigError, detectKind, VERSION, type Diagnostic as CxDiagnostic, type Rule } from '@cxlint/core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind, DiagnosticSeverity, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { codeActions, PositionMap, SOURCE, toLspDiagnostics } from './convert.js';
import { Workspace } from './workspace.js';

export interface ServerOptions {
  rules?: readonly Rule[];
}

/** What was last published for an open document: code actions are computed from it, not from the client's copy. */
interface Published {
  version: number;
  messages: CxDiagnostic[];
  map: PositionMap;
}

/** How long typing must pause before the other open files of the workspace are linted again. */
const OTHERS_DELAY_MS = 250;

/** The nearest folder above a file that holds `.git`, if any. */
function repositoryOf(absPath: string): string | undefined {
  for (let dir = dirname(absPath); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

const isConfigFile = (path: string) => CONFIG_FILE_NAMES.includes(basename(path));

/**
 * The cxlint language server on a connection: pushes diagnostics for open flows, data actions and Terraform files
 * (each linted with its workspace folder as the project), offers fixes, suggestions and disable comments as quick
 * fixes, and re-lints when a file or a `.cxlint.yml` changes in the editor or on disk. Nothing a file contains
 * stops the server: a failure becomes a diagnostic or a log line.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const workspaces: Workspace[] = [];
  const loose = new Map<string, Workspace>();
  const published = new Map<string, Published>();
  let watchDynamically = false;
  let folderEvents = false;

  const log = (message: string) => connection.console.log(`cxlint: ${message}`);
  const logError = (where: string, e: unknown) =>
    connection.console.error(`cxlint: ${where}: ${(e as Error)?.stack ?? String(e)}`);

  /**
   * The workspace folder holding a file (the innermost). A file outside them all (an editor started without a
   * folder) gets its repository (the nearest folder with `.git`) as the project, as `cxlint` run there would;
   * outside any repository it is linted on its own.
   */
  const workspaceFor = (absPath: string): Workspace => {
    let best: Workspace | undefined;
    for (const w of workspaces) if (w.contains(absPath) && (!best || w.root.length > best.root.length)) best = w;
    if (best) return best;
    const repository = repositoryOf(absPath);
    if (repository) {
      const w = new Workspace(repository, { rules: options.rules });
      workspaces.push(w);
      log(`${absPath} is in no workspace folder: its repository ${repository} is the project`);
      return w;
    }
    let w = loose.get(absPath);
    if (!w) loose.set(absPath, (w = new Workspace(dirname(absPath), { rules: options.rules, scan: false })));
    return w;
  };

  const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  async function lintDocument(doc: TextDocument): Promise<void> {
    const abs = pathOf(doc.uri);
    if (!abs || isConfigFile(abs)) return;
    const workspace = workspaceFor(abs);
    try {
      await workspace.ready();
      await workspace.setText(abs, doc.getText());
      // A newer edit arrived while Terraform was being prepared: its own lint publishes.
      if (documents.get(doc.uri)?.version !== doc.version) return;
      const map = new PositionMap(doc.getText());
      let messages: CxDiagnostic[];
      try {
        messages = workspace.lint(abs)?.messages ?? [];
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        // A broken .cxlint.yml: say so on the file being edited, at its first line, instead of linting with guesses.
        messages = [{ ruleId: null, severity: 2, fatal: true, message: `Invalid cxlint config: ${e.message}`, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] }];
      }
      published.set(doc.uri, { version: doc.version, messages, map });
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toLspDiagnostics(messages, map) });
    } catch (e) {
      logError(`linting ${abs}`, e);
      await connection.sendDiagnostics({
        uri: doc.uri,
        diagnostics: [{
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          message: `cxlint could not lint this file: ${(e as Error)?.message ?? String(e)}. Please report it.`,
        }],
      });
    }
  }

  const relintOpen = async (filter: (abs: string) => boolean = () => true) => {
    for (const doc of documents.all()) {
      const abs = pathOf(doc.uri);
      if (abs && filter(abs)) await lintDocument(doc);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    for (const uri of folders) {
      const root = pathOf(uri);
      if (root) workspaces.push(new Workspace(resolve(root), { rules: options.rules }));
    }
    watchDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    folderEvents = !!params.capabilities.workspace?.workspaceFolders;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cxlint-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml,json,tf}' }, { globPattern: '**/.cxlint.{yml,yaml,json}' }],
        })
        .catch((e) => logError('registering file watchers', e));
    }
    // Asking for folder events from a client that has none throws (vscode-languageserver checks the capability).
    if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) {
        const root = pathOf(removed.uri);
        const i = workspaces.findIndex((w) => w.root === (root && resolve(root)));
        if (i >= 0) workspaces.splice(i, 1);
      }
      for (const added of event.added) {
        const root = pathOf(added.uri);
        if (root) workspaces.push(new Workspace(resolve(root), { rules: options.rules }));
      }
      void relintOpen();
    });
    log(`cxlint-language-server ${VERSION} ready (${workspaces.length} workspace folder${workspaces.length === 1 ? '' : 's'})`);
  });

  /**
   * An edit can change what cross-file rules say about the other open files (a key set here is read there): once
   * typing pauses, they are linted again against the new text.
   */
  const others = new Map<Workspace, ReturnType<typeof setTimeout>>();
  const relintOthersSoon = (changedUri: string) => {
    const abs = pathOf(changedUri);
    if (!abs) return;
    const workspace = workspaces.find((w) => w.contains(abs));
    if (!workspace) return;
    clearTimeout(others.get(workspace));
    others.set(workspace, setTimeout(() => {
      others.delete(workspace);
      void relintOpen((p) => p !== abs && workspace.contains(p) && workspaceFor(p) === workspace);
    }, OTHERS_DELAY_MS));
  };

  documents.onDidChangeContent((event) => {
    void lintDocument(event.document).then(() => relintOthersSoon(event.document.uri));
  });
  documents.onDidSave((event) => {
    const abs = pathOf(event.document.uri);
    if (abs && isConfigFile(abs)) configChanged(abs);
  });
  documents.onDidClose((event) => {
    published.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    const abs = pathOf(event.document.uri);
    if (!abs) return;
    loose.delete(abs);
    const w = workspaces.find((x) => x.contains(abs));
    // Cross-file rules go back to what is on disk; other open files may see a different project now.
    if (w) void w.closed(abs).then(() => relintOpen((p) => w.contains(p))).catch((e) => logError('closing', e));
  });

  /** A config file changed: every workspace reads its configs again and open files are linted again. */
  function configChanged(abs: string): void {
    log(`config changed: ${abs}`);
    for (const w of [...workspaces, ...loose.values()]) w.reloadConfig();
    void relintOpen();
  }

  connection.onDidChangeWatchedFiles(async (params) => {
    try {
      let config = false;
      const touched = new Set<Workspace>();
      for (const change of params.changes) {
        const abs = pathOf(change.uri);
        if (!abs) continue;
        if (isConfigFile(abs)) { config = true; continue; }
        for (const w of workspaces) {
          if (!w.contains(abs)) continue;
          await w.changedOnDisk(abs);
          touched.add(w);
        }
      }
      if (config) configChanged('(watched files)');
      else if (touched.size) await relintOpen((p) => [...touched].some((w) => w.contains(p)));
    } catch (e) {
      logError('watched files', e);
    }
  });

  connection.onCodeAction((params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      const last = published.get(params.textDocument.uri);
      // Offsets from an older text would edit the wrong place: no actions until the lint of this text is out.
      if (!doc || !last || last.version !== doc.version) return [];
      const abs = pathOf(doc.uri) ?? '';
      return codeActions(doc.uri, last.messages, last.map, params.range, { directives: detectKind(abs, doc.getText()) === 'flow' });
    } catch (e) {
      logError('code actions', e);
      return [];
    }
  });

  documents.listen(connection);
  connection.listen();
}
