import schemaJson from './generated/archy-flow-schema.js';

/**
 * Names the Archy flow schema knows, read from the schema file itself (one source of truth), so rules can
 * recognise a misspelt action (`setParticipantdata`) and suggest the closest known name.
 */
interface ArchyFlowSchema {
  properties: Record<string, unknown>;
  definitions: {
    action: { properties: Record<string, unknown> };
    menuChoice: { properties: Record<string, unknown> };
  };
}

const schema = schemaJson as ArchyFlowSchema;

/** The JSON Schema of an Archy flow file (`schemas/archy-flow.schema.json`). */
export const archyFlowSchema: unknown = schema;
/** Flow-type top-level keys (`inboundCall`, `inqueueCall`, `workflow`, …). */
export const archyFlowTypes: readonly string[] = Object.keys(schema.properties);
/** Action names the schema lists (modelled field by field or only by name). */
export const archyActionNames: readonly string[] = Object.keys(schema.definitions.action.properties);
/** Menu choice names (`menuTask`, `menuDisconnect`, …). */
export const archyMenuChoiceNames: readonly string[] = Object.keys(schema.definitions.menuChoice.properties);
