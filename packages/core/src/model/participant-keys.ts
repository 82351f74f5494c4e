import type { DynamicKeySet } from './flow-facts.js';
import type { ParticipantAttribute } from './participant-data.js';
import { BUILT_IN_SCOPES, constantString, keyFromExpression, keyFromTemplate, templateParts, type TemplatePart } from './participant-key-parts.js';
import type { Project } from './project.js';
import type { ValueKind } from './values.js';

/**
 * What the participant-data rules know about keys across the project: the keys set anywhere, the key a dynamic
 * name was meant to be, and names that look like variables. Here rather than in one rule, so rules never import
 * rules.
 */

/** Every key the project sets, plus the ones the config says are set elsewhere. */
export function knownKeys(project: Project): Set<string> {
  return project.index('participant-data/known-keys', (p) => {
    const keys = new Set(p.participantKeysSet().keys());
    for (const k of p.settings.knownParticipantKeys ?? []) keys.add(k);
    return keys;
  });
}

/** The `{{…}}`/`${…}` parts of a literal key that deployment does not fill in (declared substitutions are fine). */
export function undeclaredTemplates(project: Project, file: { path: string }, text: string): TemplatePart[] {
  const declared = project.substitutionsFor(file).names;
  return templateParts(text).filter((p) => !(p.syntax === 'braces' && declared.has(p.inner)));
}

/**
 * The literal key a dynamic Set/Get key was most likely meant to be (`{{flow.input.userSessionId}}` →
 * `userSessionId`), or undefined when the key is already literal: what `participant-data/literal-key` guesses,
 * and what `participant-data/read-never-set` uses to explain a read whose only writer has that bug.
 */
export function intendedKey(project: Project, attr: ParticipantAttribute): string | undefined {
  const name = attr.name;
  if (!name || name.text === undefined) return undefined;
  return intendedKeyOf(project, attr.file.path, name.kind, name.text);
}

/** `intendedKey` of a key written as `kind: text` in the flow at `path` (what a flow's facts carry). */
function intendedKeyOf(project: Project, path: string, kind: ValueKind, text: string): string | undefined {
  if (kind === 'exp') return constantString(text) ?? keyFromExpression(text);
  if (kind === 'var') return keyFromExpression(text);
  if (kind !== 'lit' && kind !== 'bare') return undefined;
  const parts = undeclaredTemplates(project, { path }, text);
  return parts.length ? keyFromTemplate(text, parts) : undefined;
}

/**
 * Set actions whose key is dynamic (literal-key's finding), by the key they were meant to write: the first such
 * writer in the project, as the plain fact its flow carries (path, range, line/column, the key as written).
 */
export function dynamicKeyWriters(project: Project): Map<string, DynamicKeySet> {
  return project.index('participant-data/dynamic-writers', (p) => {
    const out = new Map<string, DynamicKeySet>();
    for (const file of p.filesOfKind('flow')) {
      for (const set of file.flow?.dynamicKeySets ?? []) {
        const key = intendedKeyOf(p, set.path, set.kind, set.text);
        if (key !== undefined && !out.has(key)) out.set(key, set);
      }
    }
    return out;
  });
}

/**
 * Architect stores a `lit:` attribute name exactly as written: `name: {lit: Flow.userId}` creates an attribute
 * called "Flow.userId", never the variable's value. Nothing fails, so the bug is silent until a reader looks
 * for the value under the key they meant.
 *
 * Flow/State/Task (any case, with the `flow.input.x` spelling of other tools) are always variables. The other
 * scopes are Architect's built-in objects, matched with their exact capitalisation only, because lower-case
 * dotted keys (`call.reason`, `context.firstName` written by web chat) are common, legitimate key names.
 */
const USER_SCOPE = /^(?:flow|state|task)(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/i;
const BUILT_IN_SCOPE = new RegExp(`^(?:${BUILT_IN_SCOPES.join('|')})(?:\\.[A-Za-z_][A-Za-z0-9_]*)+$`);

export function looksLikeVariable(key: string): boolean {
  return USER_SCOPE.test(key) || BUILT_IN_SCOPE.test(key);
}
