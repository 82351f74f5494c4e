import { VERSION } from '@cxlint/core';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const HELP = `cxlint-language-server --stdio

The cxlint language server (Language Server Protocol over standard input and output): diagnostics, quick fixes
and disable comments for Genesys Cloud Architect flows, data actions and CX-as-Code in any editor.
Set-up for VS Code, Neovim and JetBrains: https://github.com/cxlint/cxlint/blob/main/docs/editor-support.md

Options:
  --stdio          talk LSP over stdin/stdout (what editors start it with)
  -v, --version    print the version
  -h, --help       print this help`;

/** The `cxlint-language-server` command. Returns an exit code when it does not start a server. */
export function main(argv: string[]): number | undefined {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(HELP + '\n'); return 0; }
  if (argv.includes('--version') || argv.includes('-v')) { process.stdout.write(VERSION + '\n'); return 0; }
  if (!argv.includes('--stdio')) {
    process.stderr.write(`cxlint-language-server: start it with --stdio (the editor talks LSP over stdin/stdout)\n\n${HELP}\n`);
    return 2;
  }
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // stdout is the protocol channel: anything printed there by accident would corrupt it.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.warn = console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  // The last line of defence: log and keep serving rather than leave the editor without diagnostics.
  process.on('uncaughtException', (e) => connection.console.error(`cxlint: unexpected error: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`cxlint: unexpected error: ${(e as Error)?.stack ?? e}`));
  startServer(connection);
  return undefined;
}
