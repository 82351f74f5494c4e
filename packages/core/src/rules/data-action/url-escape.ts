import { ID_PATTERN_OPTION, idPatternOption, templateEdit, templateRange, dataActionsOf, type DataActionDef } from '../../model/data-actions.js';
import { isInputRef } from '../../model/velocity.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';
import { reportUnescapedInput } from './unescaped-input.js';

const id = 'data-action/url-escape';

/** `https://host.example` — the scheme and authority are not URL-encoded content. */
const AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;
/** `}.replace(' ', '%20')` right after a braced reference: Velocity prints it as text. */
const TRAILING_CALL = /^\.[A-Za-z][A-Za-z0-9_]*\(/;

/**
 * `${input.x}` in `requestUrlTemplate` is printed raw: a space, `/`, `?`, `#`, `&` or `+` in the value
 * (a phone number `+1…`, a search term, a data-table key) changes the path or query and the action calls the
 * wrong URL or fails (404/400).
 *
 * Which escape, by position (Genesys help, "Velocity macros for data actions"): `$esc.url()` is an alias of
 * `$esc.urlFormEncode()`, which writes a space as `+` and is "most likely not used for the urlTemplate"; the page
 * points to `$esc.uriEncode()`. In a path segment a `+` stays a plus sign, so the path needs `$esc.uriEncode`; in
 * a query value either works (servers read `+` as a space there). All three count as escaped.
 */
export default defineRule({
  meta: {
    id,
    description: 'Inputs in `requestUrlTemplate` must be escaped: `$esc.uriEncode(...)` in the path, `$esc.url(...)` or `$esc.uriEncode(...)` in the query.',
    severity: 'warn',
    kinds: ['data-action', 'terraform'],
    fixable: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unescapedPath:
        '`{{ref}}` is printed into the URL path without escaping; a space, `/`, `?`, `#` or `%` in `{{input}}` changes the request URL. Write `{{escaped}}` (`$esc.url` is form encoding: a space becomes `+`, which a path keeps as a plus sign).',
      unescapedQuery:
        '`{{ref}}` is printed into the URL query without escaping; a space, `&`, `#` or `+` in `{{input}}` changes the request URL. Write `{{escaped}}` (or `$esc.uriEncode`).',
      literalCall:
        '`{{call}}` after `{{ref}}` is printed as text, not called: the braces end the reference. Move it inside: `{{fixed}}`.',
    },
    schema: ID_PATTERN_OPTION,
    defaultOptions: {},
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  const url = def?.url;
  // AWS Lambda actions name a function ARN there, not a URL.
  if (!def || !url || def.integrationType === 'aws-lambda-data-actions' || /^\s*arn:/.test(url.text)) return;
  const idPattern = idPatternOption(context.options);
  const authorityEnd = baseEnd(url.text);
  const queryStart = url.text.indexOf('?', authorityEnd);
  for (const ref of url.scan.refs) {
    if (!isInputRef(ref)) continue;
    const text = url.text.slice(ref.start, ref.end);
    const after = url.text.slice(ref.end);
    if (ref.braced && !ref.call && TRAILING_CALL.test(after)) {
      const close = callEnd(after);
      if (close > 0) {
        const call = after.slice(0, close);
        const fixed = `${text.slice(0, -1)}${call}}`;
        context.report({
          range: templateRange(context.file, url, ref.end, ref.end + close),
          messageId: 'literalCall',
          data: { call, ref: text, fixed },
          fix: templateEdit(context.file, url, ref.start, ref.end + close, fixed),
        });
        continue;
      }
    }
    if (ref.call || ref.start < authorityEnd) continue;
    const inQuery = queryStart !== -1 && ref.start > queryStart;
    reportUnescapedInput(context, def, url, ref, inQuery ? '$esc.url(' : '$esc.uriEncode(', idPattern, inQuery ? 'unescapedQuery' : 'unescapedPath');
  }
}

/**
 * End of the part that is not URL-encoded content: the scheme and host (`https://${input.stage}.example.com`),
 * or a leading reference that is the base URL itself (`${input.baseUrl}/items`) — escaping those breaks them.
 */
function baseEnd(text: string): number {
  const scheme = AUTHORITY.exec(text);
  if (scheme) return scheme[0].length;
  if (text.startsWith('$')) {
    const slash = text.search(/[/?#]/);
    return slash === -1 ? text.length : slash;
  }
  return 0;
}

/** Length of `.name(…)` at the start of `s` (balanced parentheses, quotes skipped); 0 when unbalanced. */
function callEnd(s: string): number {
  let depth = 0;
  for (let i = s.indexOf('('); i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      if (close === -1) return 0;
      i = close;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return 0;
}
