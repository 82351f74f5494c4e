import * as core from '@actions/core';

export const REPORTERS = ['review', 'annotations', 'both'] as const;
export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const;
export const FAIL_ON = ['error', 'warning', 'never'] as const;

export type Reporter = (typeof REPORTERS)[number];
export type FilterMode = (typeof FILTER_MODES)[number];
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  token: string;
  /** Files, folders or globs, relative to the workspace. */
  paths: string[];
  /** Config file relative to the workspace; empty means the nearest `.cxlint.yml`. */
  config: string;
  reporter: Reporter;
  filterMode: FilterMode;
  failOn: FailOn;
  /** Inline comments per review; the rest are listed in the review body. */
  maxComments: number;
  sarifFile: string;
}

/** An input with a value we do not accept: names the input and the allowed values, never guesses. */
export class InputError extends Error {
  override name = 'InputError';
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const raw = core.getInput(name).trim().toLowerCase().replace(/-/g, '_');
  if (raw === '') return fallback;
  const hit = allowed.find((a) => a === raw || a.replace(/-/g, '_') === raw);
  if (!hit) throw new InputError(`Input \`${name}\` is "${core.getInput(name).trim()}"; expected one of ${allowed.join(', ')}.`);
  return hit;
}

/** Reads and validates the action's inputs (`INPUT_*`); the token is masked before anything else runs. */
export function readInputs(): ActionInputs {
  const token = core.getInput('github-token').trim();
  if (token) core.setSecret(token);
  const maxRaw = core.getInput('max-comments').trim();
  const maxComments = maxRaw === '' ? 25 : Number(maxRaw);
  if (!Number.isInteger(maxComments) || maxComments < 0) {
    throw new InputError(`Input \`max-comments\` is "${maxRaw}"; expected a whole number of 0 or more.`);
  }
  return {
    token,
    paths: splitPaths(core.getInput('paths')),
    config: core.getInput('config').trim(),
    reporter: oneOf('reporter', REPORTERS, 'both'),
    filterMode: oneOf('filter-mode', FILTER_MODES, 'added'),
    failOn: oneOf('fail-on', FAIL_ON, 'error'),
    maxComments,
    sarifFile: core.getInput('sarif-file').trim(),
  };
}

/**
 * One entry per line, so a file name may hold spaces (`flows/Proactive callback offer.yaml`); blank lines and the
 * spaces around an entry are dropped. Empty means the whole workspace.
 */
export function splitPaths(raw: string): string[] {
  const list = raw.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return list.length ? list : ['.'];
}
