import type { FileKind } from '../diagnostics.js';

/** Top-level keys Archy uses for each flow type (the key *is* the type). `inqueueCall` has a lower-case q. */
export const FLOW_TYPES = [
  'inboundCall', 'inboundEmail', 'inboundShortMessage', 'inboundChat', 'inqueueCall', 'inqueueEmail',
  'inqueueShortMessage', 'outboundCall', 'secureCall', 'workflow', 'workitem', 'commonModule', 'bot', 'botFlow',
  'digitalBot', 'digitalBotFlow', 'voicemail', 'surveyInvite', 'voiceSurvey', 'inqueueChat',
] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

const FLOW_TYPE_LINE = new RegExp(`^(?:${FLOW_TYPES.join('|')})\\s*:`, 'm');

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
  if (FLOW_EXTENSIONS.includes(ext)) return FLOW_TYPE_LINE.test(text) ? 'flow' : 'unknown';
  if (DATA_ACTION_EXTENSIONS.includes(ext)) {
    // An exported data action always has a contract and a request config.
    return text.includes('"contract"') && (text.includes('"config"') || text.includes('"requestUrlTemplate"')) ? 'data-action' : 'unknown';
  }
  // A provider requirement alone (versions.tf) says which provider release applies; module calls and variable
  // files carry the values (`action_name = "…"`) that Genesys resources reference.
  if (TERRAFORM_EXTENSIONS.includes(ext)) return text.includes('genesyscloud_') || /mypurecloud\/genesyscloud/i.test(text) || TF_MODULE_OR_VARIABLE.test(text) ? 'terraform' : 'unknown';
  return 'unknown';
}
