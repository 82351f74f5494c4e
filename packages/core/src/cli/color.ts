/**
 * Whether human output gets ANSI colours. Flags win; then FORCE_COLOR (which, as in Node itself, takes
 * precedence over NO_COLOR); then NO_COLOR (https://no-color.org: any non-empty value); then "is it a terminal".
 */
export function shouldColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}
