import type { Rule } from './rule.js';
import literalKey from './participant-data/literal-key.js';
import keyLooksLikeVariable from './participant-data/key-looks-like-variable.js';
import readNeverSet from './participant-data/read-never-set.js';
import keyCaseDrift from './participant-data/key-case-drift.js';
import valueType from './participant-data/value-type.js';
import flowSchema from './flow/schema.js';
import flowTypeKey from './flow/flow-type-key.js';
import flowRefResolves from './flow/ref-resolves.js';
import flowVariableScope from './flow/variable-scope.js';
import flowSubstitutionUndefined from './flow/substitution-undefined.js';
import flowSubstitutionUnquoted from './flow/substitution-unquoted.js';
import terraformDollarEscape from './terraform/dollar-escape.js';
import terraformFlowFilepath from './terraform/flow-filepath.js';
import terraformFileContentHash from './terraform/file-content-hash.js';
import callDataActionExists from './call-data/action-exists.js';
import callDataContract from './call-data/contract.js';
import callDataHandlesFailure from './call-data/handles-failure.js';
import dataActionJsonEscape from './data-action/json-escape.js';
import dataActionUrlEscape from './data-action/url-escape.js';
import dataActionRequestJson from './data-action/request-json.js';
import dataActionGetWithBody from './data-action/get-with-body.js';
import dataActionTranslationMap from './data-action/translation-map.js';
import dataActionContractSchema from './data-action/contract-schema.js';
import dataActionParticipantAttributes from './data-action/participant-attributes.js';
import dataActionInputUndeclared from './data-action/input-undeclared.js';
import dataActionSuccessTemplate from './data-action/success-template.js';
import dataActionEscapeMisuse from './data-action/escape-misuse.js';

/** Every built-in rule. A rule's id is its path under `src/rules/`. */
export const builtInRules: readonly Rule[] = [literalKey, keyLooksLikeVariable, readNeverSet, keyCaseDrift, valueType,
  flowSchema, flowTypeKey, flowRefResolves, flowVariableScope, flowSubstitutionUndefined, flowSubstitutionUnquoted,
  terraformDollarEscape, terraformFlowFilepath, terraformFileContentHash,
  callDataActionExists, callDataContract, callDataHandlesFailure,
  dataActionJsonEscape, dataActionUrlEscape, dataActionRequestJson, dataActionGetWithBody, dataActionTranslationMap,
  dataActionContractSchema, dataActionParticipantAttributes, dataActionInputUndeclared, dataActionSuccessTemplate,
  dataActionEscapeMisuse];

export function findRule(id: string): Rule | undefined {
  return builtInRules.find((r) => r.meta.id === id);
}
