/**
 * @cxlint/schema/validators: the compiled validators and the Archy flow schema's names, with no `node:` module in
 * the graph (core's universal entry uses these). The main entry adds `schemaPath`, which needs the file system.
 */
export * from './generated/index.js';
export type { CompiledValidator, SchemaError } from './validator-types.js';
export { archyFlowSchema, archyFlowTypes, archyActionNames, archyMenuChoiceNames } from './archy-flow.js';
