/**
 * @cxlint/core/universal: text in, diagnostics out, with no `node:` module anywhere in its module graph, for editors
 * (web workers included), bundlers and other tools. Files, config discovery, `--fix` on disk, SARIF and the CLI are
 * in the node entry (`@cxlint/core`).
 *
 * Terraform: the HCL parser is WebAssembly loaded from node, so it is not here. A Terraform file is linted when its
 * input carries a `prepared` document, or when the linter is given a `terraform` parser whose `prepare` returns one;
 * otherwise its result is a parse error that says so (never skipped silently).
 */
import { createLinter } from './linter.js';
import { builtInContributors } from './model/contributors.js';
import { builtInRules } from './rules/index.js';

export * from './diagnostics.js';
export { createLinter, type CachedFile, type FileRecord, type Linter, type LinterOptions, type LintCache, type LintInput, type LintOptions } from './linter.js';
export { builtInRules, findRule } from './rules/index.js';
export { checkRules, RuleMetaError } from './rules/check-meta.js';
export { defineRule, ruleDocsUrl, type Rule, type RuleContext, type RuleMeta, type ReportDescriptor, type SuggestionDescriptor } from './rules/rule.js';
export { parseFile, type ParsedFile, type KindParser, type KindParsers } from './parse/parse-file.js';
export { terraformDocument, terraformDocumentParser, type TerraformDocument } from './parse/terraform-document.js';
export { detectKind, isCandidatePath, FLOW_TYPES } from './parse/detect-kind.js';
export * from './parse/nodes.js';
export { valueIndexToOffset, valueRangeToSource } from './parse/string-offsets.js';
export { nodeAtPointer } from './parse/pointer.js';
export { SourceText, type Position } from './source/source-text.js';
export { Project, type ProjectContributor, type ProjectSettings, type KeyOccurrence } from './model/project.js';
export { builtInContributors } from './model/contributors.js';
export { extractFacts, FACTS_VERSION, type FileFacts } from './model/facts.js';
export type { FlowFacts, DynamicKeySet, CallFact } from './model/flow-facts.js';
export type { DataActionFact, DataActionFileFacts } from './model/data-actions.js';
export { participantAttributes, literalKey, type ParticipantAttribute } from './model/participant-data.js';
export { readFlowValue, type FlowValue } from './model/values.js';
export { flowModel, parseRef, type FlowModel, type RefUse, type RefTarget, type ItemKey } from './model/flow.js';
export {
  terraformResources, terraformFlows, terraformFlowsIn, terraformIntegrationActions, findAttribute, hclLiteral, variableValues,
  type TerraformResource, type TerraformFlow, type TerraformFlowResource, type TerraformIntegrationAction,
  type TerraformFacts, type TerraformFlowFact, type TerraformActionFact, type HclValueFact,
} from './model/terraform.js';
// The model's indexes a custom cross-file rule reads (docs/api.md, "Facts, not trees"), besides those above.
export { substitutionValues, generatedFilePaths, genesysProviderConstraints, deployedByTerraform } from './model/terraform.js';
export { dataActionIndex, findDataActions, type DataActionIndex } from './model/data-actions.js';
export { cascadeSettings, compileConfig, compileConfigCascade, presetRules, type ConfigLayer, type ConfigMatcher } from './config/resolve.js';
export type { CxlintConfig } from './config/types.js';
export { applyEdit, applyEdits, mergeEdits } from './fix/text-edits.js';
export { formatJson } from './formatters/json.js';
export { renderRulesIndex } from './docs/rules-index.js';
export { VERSION } from './version.js';

/** Every built-in rule and contributor, no Terraform parser (see above). The node entry's `defaultLinter` adds it. */
export const defaultLinter = createLinter({ rules: builtInRules, contributors: builtInContributors });

/** Its methods as plain functions (closures, no `this`), as the node entry exports them. */
export const { lintText, lintFiles, lintFilesAsync, prepareInput } = defaultLinter;
