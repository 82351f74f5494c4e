import type { FileKind } from '../diagnostics.js';
import { closestByEdits } from '../rules/closest-name.js';

/** Top-level keys Archy uses for each flow type (the key *is* the type). `inqueueCall` has a lower-case q. */
export const FLOW_TYPES = [
  'inboundCall', 'inboundEmail', 'inboundShortMessage', 'inboundChat', 'inqueueCall', 'inqueueEmail',
  'inqueueShortMessage', 'outboundCall', 'secureCall', 'workflow', 'workitem', 'commonModule', 'bot', 'botFlow',
  'digitalBot', 'digitalBotFlow', 'voicemail', 'surveyInvite', 'voiceSurvey', 'inqueueChat',
] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

// Quoted keys are the same key to YAML (`"inboundCall":` is `inboundCall:`).
const FLOW_TYPE_LINE = new RegExp(`^(["']?)(?:${FLOW_TYPES.join('|')})\\1[ \\t]*:`, 'm');

/** The first top-level key of a YAML text (column 0, after comments, directives and `---`). */
const FIRST_TOP_KEY = /^(?:(?:#[^\n]*|%[^\n]*|---[ \t]*|[ \t]*)\r?\n)*(["']?)([A-Za-z][A-Za-z0-9_-]*)\1[ \t]*:[ \t]*(?:#[^\n]*)?(?=\r?\n|$)/;
/** Keys only an Archy flow body has, indented under the top key. */
const FLOW_BODY_KEY = /^[ \t]+(?:startUpRef|defaultLanguage|supportedLanguages|settingsErrorHandling|initialGreeting|settingsActionDefaults|settingsPrompts|startUpTaskActions)[ \t]*:/m;

/**
 * The flow type a top-level key was meant to be: itself when it is one, the one it matches ignoring case
 * (`InboundCall`), or the one within two edits (`outboundCal`). Undefined for keys that are not near any.
 */
export function intendedFlowType(key: string): FlowType | undefined {
  if ((FLOW_TYPES as readonly string[]).includes(key)) return key as FlowType;
  const lower = key.toLowerCase();
  const sameIgnoringCase = FLOW_TYPES.find((t) => t.toLowerCase() === lower);
  if (sameIgnoringCase) return sameIgnoringCase;
  return closestByEdits(key, FLOW_TYPES, key.length >= 6 ? 2 : 1, true) as FlowType | undefined;
}

/** The first top-level key when it is a flow type mistyped (wrong case, a typo), else undefined. */
export function mistypedFlowTypeKey(text: string): string | undefined {
  const m = FIRST_TOP_KEY.exec(text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text);
  return m && !(FLOW_TYPES as readonly string[]).includes(m[2]) && intendedFlowType(m[2]) ? m[2] : undefined;
}

/**
 * A flow whose type key is wrongly cased or misspelt (`InboundEmail:`, `outboundCal:`): the key is near a flow
 * type and the body has keys only flows have. Such a file is linted as a flow (flow/flow-type-key reports the
 * key), never passed over as "some other YAML".
 */
function isFlowWithMistypedKey(text: string): boolean {
  const m = FIRST_TOP_KEY.exec(text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text);
  return !!m && intendedFlowType(m[2]) !== undefined && FLOW_BODY_KEY.test(text);
}

export const FLOW_EXTENSIONS = ['.yaml', '.yml'];
export const DATA_ACTION_EXTENSIONS = ['.json'];
export const TERRAFORM_EXTENSIONS = ['.tf'];
const TF_MODULE_OR_VARIABLE = /^[ \t]*(?:module|variable)[ \t]+"/m;

export function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot).toLowerCase() : '';
}

/** Whether a path could hold one of our kinds; used to pick files before reading them. */
export function isCandidatePath(path: string): boolean {
  const ext = extensionOf(path);
  return FLOW_EXTENSIONS.includes(ext) || DATA_ACTION_EXTENSIONS.includes(ext) || TERRAFORM_EXTENSIONS.includes(ext);
}

/**
 * Decides the kind from the extension and a cheap look at the text, before any parse, so that a repo's
 * other YAML and JSON (workflows, package.json) costs one regex, not a parse.
 */
export function detectKind(path: string, text: string): FileKind {
  const ext = extensionOf(path);
  if (FLOW_EXTENSIONS.includes(ext)) return FLOW_TYPE_LINE.test(text) || isFlowWithMistypedKey(text) ? 'flow' : 'unknown';
  if (DATA_ACTION_EXTENSIONS.includes(ext)) {
    // An exported data action always has a contract and a request config.
    return text.includes('"contract"') && (text.includes('"config"') || text.includes('"requestUrlTemplate"')) ? 'data-action' : 'unknown';
  }
  // A provider requirement alone (versions.tf) says which provider release applies; module calls and variable
  // files carry the values (`action_name = "…"`) that Genesys resources reference.
  if (TERRAFORM_EXTENSIONS.includes(ext)) return text.includes('genesyscloud_') || /mypurecloud\/genesyscloud/i.test(text) || TF_MODULE_OR_VARIABLE.test(text) ? 'terraform' : 'unknown';
  return 'unknown';
}
