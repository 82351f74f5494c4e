import { escapedText, inputNeedsNoEscaping, templateRange, wrapReference, type DataActionDef, type TemplateField } from '../../model/data-actions.js';
import type { VelocityRef } from '../../model/velocity.js';
import type { RuleContext } from '../rule.js';

/**
 * The escape rules' one finding: `${input.x}` printed raw where `open` (`$esc.jsonString(`, `$esc.url(`) is
 * needed, fixed by wrapping the reference. Inputs whose values can never need escaping (ids, numbers, plain
 * enums; see `inputNeedsNoEscaping`) are left alone. Reported with the rule's `unescaped` message.
 */
export function reportUnescapedInput(
  context: RuleContext,
  def: DataActionDef,
  tpl: TemplateField,
  ref: VelocityRef,
  open: string,
  idPattern: RegExp | undefined,
  messageId = 'unescaped',
  needsNoEscaping: (def: DataActionDef, name: string, idPattern: RegExp | undefined) => boolean = inputNeedsNoEscaping,
): void {
  if (needsNoEscaping(def, ref.path[0], idPattern)) return;
  context.report({
    range: templateRange(context.file, tpl, ref.start, ref.end),
    messageId,
    data: { ref: tpl.text.slice(ref.start, ref.end), input: ref.path.join('.'), escaped: escapedText(open, ref, tpl.text.slice(ref.start, ref.end)) },
    fix: wrapReference(context.file, tpl, ref, open),
  });
}
