import type { ParsedFile } from '../parse/parse-file.js';
import type { ParticipantAttribute } from './participant-data.js';
import { BUILT_IN_SCOPES, constantString, keyFromExpression, keyFromTemplate, templateParts, type TemplatePart } from './participant-key-parts.js';
import type { Project } from './project.js';

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
export function undeclaredTemplates(project: Project, file: ParsedFile, text: string): TemplatePart[] {
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
  if (name.kind === 'exp') return constantString(name.text) ?? keyFromExpression(name.text);
  if (name.kind === 'var') return keyFromExpression(name.text);
  if (name.kind !== 'lit' && name.kind !== 'bare') return undefined;
  const parts = undeclaredTemplates(project, attr.file, name.text);
  return parts.length ? keyFromTemplate(name.text, parts) : undefined;
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
