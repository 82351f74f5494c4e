import { ruleDocsUrl, SourceText, type Diagnostic as CxDiagnostic, type TextEdit as CxTextEdit } from '@cxlint/core';
import {
  CodeAction, CodeActionKind, DiagnosticSeverity, type Diagnostic, type Range, type TextEdit,
} from 'vscode-languageserver';

export const SOURCE = 'cxlint';

/**
 * Offsets into the text the engine saw (a UTF-8 BOM stripped) to LSP positions in the editor's text. Both count
 * UTF-16 code units, the LSP default encoding; a BOM the editor kept shifts the first line by one.
 */
export class PositionMap {
  private readonly source: SourceText;

  constructor(editorText: string) {
    this.source = new SourceText(editorText);
  }

  position(offset: number): { line: number; character: number } {
    const p = this.source.positionAt(offset);
    return { line: p.line - 1, character: p.column - 1 + (this.source.hasBom && p.line === 1 ? 1 : 0) };
  }

  range(range: readonly [number, number]): Range {
    return { start: this.position(range[0]), end: this.position(range[1]) };
  }

  edit(edit: CxTextEdit): TextEdit {
    return { range: this.range(edit.range), newText: edit.text };
  }

  /** The indentation of a 0-based line, to put a comment above it at the same depth. */
  indentOf(line: number): string {
    const start = this.source.offsetAt({ line: line + 1, column: 1 });
    return /^[ \t]*/.exec(this.source.text.slice(start))![0];
  }

  /** The file's line break, so an inserted comment line does not mix CRLF and LF. */
  get eol(): string {
    return this.source.eol;
  }

  lineStart(line: number): { line: number; character: number } {
    return this.position(this.source.offsetAt({ line: line + 1, column: 1 }));
  }
}

/**
 * The engine's messages as LSP diagnostics. A file that does not parse gets one diagnostic (its first parse
 * error, saying how many more there are): a screen of follow-on errors helps no one while typing.
 */
export function toLspDiagnostics(messages: readonly CxDiagnostic[], map: PositionMap): Diagnostic[] {
  const fatal = messages.filter((m) => m.fatal);
  const shown = fatal.length ? [fatal[0]] : messages;
  return shown.map((m) => {
    const more = m.fatal && fatal.length > 1 ? ` (${fatal.length - 1} more problem${fatal.length === 2 ? '' : 's'} after it)` : '';
    const d: Diagnostic = {
      range: map.range(m.range),
      severity: m.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: SOURCE,
      message: m.message + more,
    };
    if (m.ruleId) {
      d.code = m.ruleId;
      d.codeDescription = { href: ruleDocsUrl(m.ruleId) };
    }
    return d;
  });
}

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

const sameEdit = (a: CxTextEdit, b: CxTextEdit) => a.range[0] === b.range[0] && a.range[1] === b.range[1] && a.text === b.text;

/**
 * Quick fixes for the messages under `range`: each fix (preferred, as ESLint's: a fix is certain, so an editor may
 * apply it unasked), each suggestion (never preferred: it guesses, a person picks it), and for flows (YAML, where
 * cxlint reads directive comments) "disable for this line" with a `cxlint-disable-next-line` comment. A suggestion
 * that makes the very edit of the fix (a certain fix is also offered as a suggestion for the PR review) is not
 * listed twice.
 */
export function codeActions(
  uri: string,
  messages: readonly CxDiagnostic[],
  map: PositionMap,
  range: Range,
  options: { directives: boolean },
): CodeAction[] {
  const actions: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const m of messages) {
    if (!m.ruleId || m.fatal) continue;
    const diagnostic = toLspDiagnostics([m], map)[0];
    if (!overlaps(diagnostic.range, range)) continue;
    if (m.fix) {
      const action = CodeAction.create(`Fix this ${m.ruleId} problem`, { changes: { [uri]: [map.edit(m.fix)] } }, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    for (const s of m.suggestions ?? []) {
      if (m.fix && sameEdit(s.fix, m.fix)) continue;
      const action = CodeAction.create(s.desc, { changes: { [uri]: [map.edit(s.fix)] } }, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    const line = diagnostic.range.start.line;
    if (options.directives && !disabled.has(`${m.ruleId}\0${line}`)) {
      disabled.add(`${m.ruleId}\0${line}`);
      const comment = `${map.indentOf(line)}# cxlint-disable-next-line ${m.ruleId} -- reason${map.eol}`;
      const start = map.lineStart(line);
      const action = CodeAction.create(
        `Disable ${m.ruleId} for this line`,
        { changes: { [uri]: [{ range: { start, end: start }, newText: comment }] } },
        CodeActionKind.QuickFix,
      );
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
  }
  return actions;
}
