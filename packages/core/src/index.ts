/**
 * @cxlint/core — lint text in, diagnostics out. No GitHub and no network code here, so editors,
 * bots and other CLIs can reuse the rules.
 */
export * from './diagnostics.js';
export { lintFiles, lintFilesAsync, lintText, prepareInput, type LintInput, type LintOptions } from './lint.js';
export { lintPaths, type LintPathsOptions, type LintPathsResult } from './node/lint-paths.js';
export { findFiles, missingPathsMessage, nothingFoundMessage } from './node/find-files.js';
export { createConfigResolver, type ConfigResolver, type ConfigEntry } from './node/config-resolver.js';
export { builtInRules, findRule } from './rules/index.js';
export { defineRule, ruleDocsUrl, type Rule, type RuleContext, type RuleMeta, type ReportDescriptor } from './rules/rule.js';
export { parseFile, registerKindParser, kindParser, type ParsedFile, type KindParser } from './parse/parse-file.js';
export { detectKind, isCandidatePath, FLOW_TYPES } from './parse/detect-kind.js';
export * from './parse/nodes.js';
export { valueIndexToOffset, valueRangeToSource } from './parse/string-offsets.js';
export { nodeAtPointer } from './parse/pointer.js';
export { SourceText, type Position } from './source/source-text.js';
export { readSourceFile, decodeSource, DEFAULT_MAX_FILE_SIZE } from './source/read-file.js';
export { Project, registerProjectContributor, type ProjectContributor, type ProjectSettings, type KeyOccurrence } from './model/project.js';
export { participantAttributes, literalKey, type ParticipantAttribute } from './model/participant-data.js';
export { readFlowValue, type FlowValue } from './model/values.js';
export { flowModel, parseRef, type FlowModel, type RefUse, type RefTarget, type ItemKey } from './model/flow.js';
export { prepareTerraform, terraformDocument, type TerraformDocument } from './parse/terraform.js';
export {
  terraformResources, terraformFlows, terraformIntegrationActions, findAttribute, hclLiteral, variableValues,
  type TerraformResource, type TerraformFlowResource, type TerraformIntegrationAction,
} from './model/terraform.js';
export { cascadeSettings, compileConfig, compileConfigCascade, presetRules, type ConfigLayer, type ConfigMatcher } from './config/resolve.js';
export { loadConfigFile, findConfigFile, configCascade, parseConfigText, ConfigError, CONFIG_FILE_NAMES } from './config/load.js';
export type { CxlintConfig, LoadedConfig } from './config/types.js';
export { applyEdit, applyEdits, mergeEdits } from './fix/text-edits.js';
export { fixPaths, applyFixesSafely, MAX_FIX_PASSES, type FixPathsOptions, type FixPathsResult, type FixedFile, type RejectedFix } from './fix/fix-files.js';
export { unifiedDiff } from './fix/unified-diff.js';
export { renderRulesIndex } from './docs/rules-index.js';
export { format, formatJson, formatSarif, formatStylish, formatGithub, FORMAT_NAMES, type FormatName } from './formatters/index.js';
export { fingerprint, fingerprints } from './fingerprint.js';
export { RuleTester, type ValidCase, type InvalidCase } from './testing/rule-tester.js';
export { runCli, type CliIo } from './cli/main.js';
export { VERSION } from './version.js';
