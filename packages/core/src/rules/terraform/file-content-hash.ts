import { posix } from '../../util/posix-path.js';
import type { TextEdit } from '../../diagnostics.js';
import type { ParsedFile } from '../../parse/parse-file.js';
import { findAttribute, genesysProviderConstraints, terraformFlowsIn } from '../../model/terraform.js';
import type { Project } from '../../model/project.js';
import { defineRule, ruleDocsUrl } from '../rule.js';

const id = 'terraform/file-content-hash';

/** The first provider release where `file_content_hash` is computed only (see the rule's doc for the sources). */
export const READ_ONLY_SINCE: Version = [1, 68, 5];
/** The first release where it is optional: up to v1.67.x the flow schema has it `Required` (see the doc). */
export const OPTIONAL_SINCE: Version = [1, 68, 0];

/**
 * `genesyscloud_flow.file_content_hash` used to be required; the provider now computes it itself and offers
 * `update_trigger_hash` for a hash the configuration controls (maintainers on issue #1851, fixed by PR #1870).
 * A configured value of a computed-only attribute is rejected by `terraform plan`, so every public blueprint that
 * still writes `file_content_hash = filesha256(…)` breaks on a provider that new. Reported when the repository's
 * `required_providers` constraint admits such a version, or states none (then `terraform init` picks the newest).
 */
export default defineRule({
  meta: {
    id,
    description: '`genesyscloud_flow.file_content_hash` is computed by the provider since v1.68.5; configuring it fails `terraform plan`.',
    severity: 'error',
    kinds: ['terraform'],
    fixable: true,
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      readOnly:
        '`file_content_hash` is computed by the provider since v1.68.5 and cannot be configured: `terraform plan` rejects it, and {{constraint}}. Remove it (the provider hashes the file itself), or use `update_trigger_hash` to control updates.',
      renameToTrigger: 'Rename it to `update_trigger_hash` (updates still follow this hash).',
      removeIt: 'Remove it (right on provider v1.68.0 and later; up to v1.67 the attribute is required, so check the version your lock file installs).',
    },
  },
  check(context) {
    const flows = terraformFlowsIn(context.project, context.file);
    if (!flows.length) return;
    let constraint: ReturnType<typeof providerConstraint> | undefined;
    for (const { resource } of flows) {
      if (!Object.hasOwn(resource.body, 'file_content_hash')) continue;
      const at = findAttribute(resource, ['file_content_hash']);
      if (!at) continue;
      constraint ??= providerConstraint(context.project, context.file);
      if (constraint.admits === false) continue;
      const described = constraint.text === undefined
        ? 'no `required_providers` constraint for mypurecloud/genesyscloud in this module or the folders above it limits the version, so `terraform init` installs the newest provider'
        : `the constraint \`${constraint.text}\` (${constraint.path}) admits v1.68.5 and later`;
      const removal = removeLine(context.text, at.keyRange[0], at.valueRange[1]);
      const rename = { messageId: 'renameToTrigger', fix: { range: at.keyRange, text: 'update_trigger_hash' } };
      // Removing the line is certain only when no admitted release still requires the attribute (≤ v1.67):
      // with `>= 1.17.0`, or no constraint, a committed lock file may pin such a release, and there the removal
      // breaks `terraform plan` ("argument required"). Then removing it is the author's choice: a suggestion.
      const certain = constraint.text !== undefined && admitsBelow(constraint.text, OPTIONAL_SINCE) === false;
      context.report({
        range: [at.keyRange[0], at.valueRange[1]],
        messageId: 'readOnly',
        data: { constraint: described },
        fix: certain ? removal : undefined,
        suggest: certain || !removal ? [rename] : [{ messageId: 'removeIt', fix: removal }, rename],
      });
    }
  },
});

/** Edit removing the line `key = value` when it holds nothing else (else no fix: the line is not ours alone). */
function removeLine(text: string, start: number, end: number): TextEdit | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return undefined;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const rest = text.slice(end, lineEnd).trim();
  if (rest !== '' && !rest.startsWith('#') && !rest.startsWith('//')) return undefined;
  return { range: [lineStart, Math.min(text.length, lineEnd + 1)], text: '' };
}

type Version = [number, number, number];

interface Constraint {
  /** The constraint as written; undefined when the repository states none. */
  text?: string;
  /** The file that states it. */
  path?: string;
  /** Whether some version ≥ READ_ONLY_SINCE satisfies it; undefined when it cannot be read. */
  admits?: boolean;
}

/**
 * The `mypurecloud/genesyscloud` version constraint that governs a `.tf` file: one stated in its own folder (its
 * module), else in the nearest folder above it (the root module a child module belongs to). A constraint in an
 * unrelated folder is not used: in a monorepo of several Terraform roots it says nothing about this one.
 */
function providerConstraint(project: Project, file: ParsedFile): Constraint {
  const all = genesysProviderConstraints(project);
  for (let dir = posix.dirname(file.path); ; dir = posix.dirname(dir)) {
    const here = all.filter((c) => posix.dirname(c.path) === dir);
    if (here.length) {
      // Several constraints in one module: report when any of them admits a computed-only provider.
      const chosen = here.find((c) => admitsAtLeast(c.text, READ_ONLY_SINCE) !== false) ?? here[0];
      return { text: chosen.text, path: chosen.path, admits: admitsAtLeast(chosen.text, READ_ONLY_SINCE) };
    }
    if (dir === '.' || dir === '/' || dir === '' || posix.dirname(dir) === dir) return {};
  }
}

function parseVersion(s: string): { v: Version; parts: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(s.trim());
  if (!m) return undefined;
  return { v: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], parts: m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1 };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Whether some version ≥ `floor` satisfies a Terraform version constraint (`>= 1.17.0`, `~> 1.60`, `1.2.3`,
 * `< 1.68.5`, comma-separated). Undefined when a part cannot be read.
 */
export function admitsAtLeast(constraint: string, floor: Version): boolean | undefined {
  return admits(constraint, { v: floor, inclusive: true });
}

/** Whether some version below `ceiling` satisfies the constraint. Undefined when a part cannot be read. */
export function admitsBelow(constraint: string, ceiling: Version): boolean | undefined {
  return admits(constraint, { v: [0, 0, 0], inclusive: true }, { v: ceiling, inclusive: false });
}

type Bound = { v: Version; inclusive: boolean };

/** Whether some version within [floor, ceiling) (and the constraint) satisfies it. */
function admits(constraint: string, floor: Bound, ceiling?: Bound): boolean | undefined {
  let lower: Bound = floor;
  let upper: Bound | undefined = ceiling;
  const raise = (v: Version, inclusive: boolean) => {
    const c = compare(v, lower.v);
    if (c > 0 || (c === 0 && !inclusive)) lower = { v, inclusive };
  };
  const cap = (v: Version, inclusive: boolean) => {
    const c = upper ? compare(v, upper.v) : -1;
    if (!upper || c < 0 || (c === 0 && !inclusive)) upper = { v, inclusive };
  };
  for (const part of constraint.split(',')) {
    const m = /^\s*(>=|<=|~>|!=|=|>|<)?\s*(\S+)\s*$/.exec(part);
    if (!m) return undefined;
    const parsed = parseVersion(m[2]);
    if (!parsed) return undefined;
    const { v, parts } = parsed;
    switch (m[1] ?? '=') {
      case '=': raise(v, true); cap(v, true); break;
      case '>=': raise(v, true); break;
      case '>': raise(v, false); break;
      case '<=': cap(v, true); break;
      case '<': cap(v, false); break;
      case '!=': break;
      case '~>': {
        raise(v, true);
        // Only the right-most stated part may grow: `~> 1.60` allows 1.x from 1.60, `~> 1.60.2` allows 1.60.x
        // from .2, `~> 1` allows anything from 1.0.0.
        if (parts >= 3) cap([v[0], v[1] + 1, 0], false);
        else if (parts === 2) cap([v[0] + 1, 0, 0], false);
        break;
      }
    }
  }
  if (!upper) return true;
  const c = compare(lower.v, upper.v);
  return c < 0 || (c === 0 && lower.inclusive && upper.inclusive);
}
