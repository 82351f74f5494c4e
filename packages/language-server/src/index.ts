/**
 * @cxlint/language-server — cxlint over the Language Server Protocol. Run `cxlint-language-server --stdio`, or
 * start it on your own connection with `startServer`.
 */
export { startServer, type ServerOptions } from './server.js';
export { Workspace, type WorkspaceOptions } from './workspace.js';
export { codeActions, toLspDiagnostics, PositionMap } from './convert.js';
