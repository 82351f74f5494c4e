import { archyOptionsContributor } from './archy-options.js';
import { dataActionParticipantKeys } from './data-actions.js';
import type { ProjectContributor } from './project.js';
import { setAttributeCallKeys } from './set-attribute-calls.js';
import { terraformFlowSubstitutions } from './terraform.js';

/**
 * The project facts the built-in rules need besides flows, listed explicitly (the default linters use this list).
 * Order is the order occurrences are listed in: flows, then data actions, then flows calling Set-Attribute actions.
 */
export const builtInContributors: readonly ProjectContributor[] = [
  terraformFlowSubstitutions,
  dataActionParticipantKeys,
  setAttributeCallKeys,
  archyOptionsContributor,
];
