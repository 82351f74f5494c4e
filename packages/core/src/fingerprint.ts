import type { createHash as CreateHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Diagnostic } from './diagnostics.js';

// node:crypto (~5 ms to load) on the first hash, not with the module: the CLI's formatters import this module,
// and only SARIF hashes, so a run that prints JSON or stylish never pays for it (start-up, README Performance).
let createHash: typeof CreateHash | undefined;

type Fingerprinted = Pick<Diagnostic, 'ruleId' | 'message' | 'range'> & Pick<Partial<Diagnostic>, 'messageId' | 'identity'>;

/**
 * What a finding is, independent of where: rule, message kind, path and the flagged text with whitespace
 * collapsed, plus the rule's `identity` where it gives one. Neither the line number nor the message text is in it: a message may quote facts from other files
 * (counts, lists of outputs), and an edit there must not make the finding look new. The message stands in
 * only when there is no flagged text (parse errors, whole-file findings).
 */
function identity(filePath: string, m: Fingerprinted, source?: string): string {
  const snippet = source ? source.slice(m.range[0], Math.min(m.range[1], m.range[0] + 500)).replace(/\s+/g, ' ').trim() : '';
  const id = `${m.ruleId ?? 'parse'}\u0000${fingerprintMessageId(m.ruleId, m.messageId) ?? ''}\u0000${filePath}\u0000${snippet === '' ? `\u0001${m.message}` : snippet}`;
  // The rule's own discriminator (a Call Data Action's name), when the flagged text is the same for all.
  return m.identity ? `${id}\u0000${m.identity}` : id;
}

/**
 * Messages split into whole-sentence variants keep the messageId their findings were first fingerprinted with, so
 * upgrading cxlint does not make every open pull-request comment look new (the action would post each again).
 * A variant says the same defect in other words (with or without an example, a closest name, …); it is the same
 * finding. Keyed `rule id` → variant → the original id.
 */
export const ORIGINAL_MESSAGE_IDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'participant-data/literal-key': {
    dynamicKeyNoExample: 'dynamicKey',
    variableKey: 'dynamicKey',
    variableKeyNoExample: 'dynamicKey',
    templateKeyNoExample: 'templateKey',
    unfilledTemplateKey: 'templateKey',
    unfilledTemplateKeyNoExample: 'templateKey',
  },
  'call-data/handles-failure': {
    unhandledAnyOutput: 'unhandled',
    unhandledFailure: 'unhandled',
    unhandledFailureAnyOutput: 'unhandled',
    unhandledTimeout: 'unhandled',
    unhandledTimeoutAnyOutput: 'unhandled',
  },
  'call-data/contract': { unknownInputNone: 'unknownInput', unknownOutputNone: 'unknownOutput', wrongTypeNumber: 'wrongType', wrongTypeBoolean: 'wrongType', wrongTypeNull: 'wrongType' },
  'terraform/file-content-hash': { readOnlyUnconstrained: 'readOnly' },
  'flow/variable-scope': { undeclaredClosest: 'undeclared' },
  'flow/ref-resolves': { unresolvedClosest: 'unresolved', unresolvedNoTargets: 'unresolved' },
  'flow/substitution-undefined': {
    undefinedClosest: 'undefined',
    undefinedNotTerraform: 'undefined',
    undefinedNotTerraformClosest: 'undefined',
    undefinedOptionsFiles: 'undefined',
    undefinedOptionsFilesClosest: 'undefined',
    undefinedNotTerraformOptionsFiles: 'undefined',
    undefinedNotTerraformOptionsFilesClosest: 'undefined',
  },
  'flow/substitution-unquoted': { breaksEmpty: 'breaks', breaksIndicator: 'breaks', breaksMapping: 'breaks', breaksComment: 'breaks' },
  'flow/schema': {
    unknownAction: 'unknownItem',
    unknownMenuChoice: 'unknownItem',
    unknownVariableType: 'unknownItem',
    unknownKeyClosest: 'unknownKey',
    unknownKeyExpected: 'unknownKey',
    mustBeMap: 'wrongType',
    mustBeList: 'wrongType',
    mustBeString: 'wrongType',
    mustBeBoolean: 'wrongType',
    mustBeMapOrEmpty: 'wrongType',
    mustBeListOrEmpty: 'wrongType',
    tooFewItems: 'tooFew',
    empty: 'tooFew',
    notOneKey: 'tooFew',
  },
  'data-action/input-undeclared': { undeclaredClosest: 'undeclared', undeclaredQuiet: 'undeclared', undeclaredQuietClosest: 'undeclared' },
  'data-action/success-template': {
    arrayToScalarWildcard: 'arrayToScalar',
    arrayToScalarDeepScan: 'arrayToScalar',
    arrayToScalarUnionOrSlice: 'arrayToScalar',
    undeclaredKeyCase: 'undeclaredKey',
  },
  'data-action/participant-attributes': { nonStringLiteral: 'nonString' },
  'data-action/contract-schema': { inputNotObject: 'notObject', successNotObject: 'notObject' },
  'data-action/request-json': Object.fromEntries(
    ['invalidUnicodeEscape', 'invalidEscape', 'rawLineBreak', 'rawControlChar', 'unterminatedString', 'expectedValue', 'expectedValueAtEnd', 'expectedColon', 'expectedColonAtEnd', 'trailingCommaObject', 'expectedPropertyName', 'expectedPropertyNameAtEnd', 'missingCommaProperties', 'expectedCommaOrBrace', 'expectedCommaOrBraceAtEnd', 'trailingCommaArray', 'missingCommaElements', 'expectedCommaOrBracket', 'expectedCommaOrBracketAtEnd', 'unexpectedAfterBody'].map((v) => [v, 'invalid']),
  ),
  'data-action/translation-map': {
    unmappedEmptyMap: 'unmapped',
    ...Object.fromEntries(['badPathEmpty', 'badPathWhitespace', 'badPathStart', 'badPathUnterminatedQuote', 'badPathUnbalanced', 'badPathNeverClosed', 'badPathEnd', 'badPathFunction', 'badPathEmptyFilter', 'badPathFilter'].map((v) => [v, 'badPath'])),
  },
};

/** The messageId a finding is fingerprinted with: its original id when it is a later whole-sentence variant. */
export function fingerprintMessageId(ruleId: string | null, messageId: string | undefined): string | undefined {
  if (ruleId === null || messageId === undefined) return messageId;
  return ORIGINAL_MESSAGE_IDS[ruleId]?.[messageId] ?? messageId;
}

function hash(identity: string, occurrence: number): string {
  createHash ??= (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash;
  return createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex').slice(0, 32);
}

/**
 * A finding's identity across runs when it is alone of its kind in the file. Prefer `fingerprints`, which
 * tells identical findings of one file apart.
 */
export function fingerprint(filePath: string, m: Fingerprinted, source?: string, occurrence = 0): string {
  return hash(identity(filePath, m, source), occurrence);
}

/**
 * The fingerprints of all findings of one file, in order: unique per occurrence and stable under unrelated
 * edits. Two identical defects (same rule, same text) get their index among the identical ones, counted in
 * file order, so both are reported and an edit elsewhere in the file changes neither.
 */
export function fingerprints(filePath: string, messages: readonly Fingerprinted[], source?: string): string[] {
  const order = messages.map((m, i) => i).sort((a, b) => messages[a].range[0] - messages[b].range[0] || messages[a].range[1] - messages[b].range[1] || a - b);
  const seen = new Map<string, number>();
  const out: string[] = new Array(messages.length);
  for (const i of order) {
    const id = identity(filePath, messages[i], source);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    out[i] = hash(id, n);
  }
  return out;
}
