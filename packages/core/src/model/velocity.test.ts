import { describe, expect, it } from 'vitest';
import { allReferences, isInputRef, localVariables, readReference, renderTemplate, scanVelocity, WILDCARD } from './velocity.js';

describe('readReference', () => {
  it('reads braced, quiet and short forms with their spans', () => {
    const t = 'a ${input.x} $!{input.y} $input.z.w.';
    const s = scanVelocity(t);
    expect(s.refs.map((r) => [t.slice(r.start, r.end), r.root, r.path, r.silent, r.braced])).toEqual([
      ['${input.x}', 'input', ['x'], false, true],
      ['$!{input.y}', 'input', ['y'], true, true],
      ['$input.z.w', 'input', ['z', 'w'], false, false], // the trailing `.` is text
    ]);
  });
  it('reads method calls and the references inside their arguments, including interpolated strings', () => {
    const t = '${successTemplateUtils.firstFromArray("${ids}", "$esc.quote")}';
    const r = readReference(t, 0)!;
    expect(r.end).toBe(t.length);
    expect(r.call).toBe('successTemplateUtils.firstFromArray');
    expect(r.args.map((a) => a.root)).toEqual(['ids', 'esc']);
  });
  it('does not interpolate single-quoted arguments', () => {
    const r = readReference("$esc.url('${input.x}')", 0)!;
    expect(r.args).toEqual([]);
  });
  it('treats `$` that starts no identifier, unclosed braces and `\\$` as text', () => {
    expect(scanVelocity('cost $5 and ${ not} and \\$input.x').refs).toEqual([]);
  });
  it('recognises input references in any case (Genesys examples use $Input and $INPUT)', () => {
    expect(scanVelocity('$Input.a ${INPUT.b} $inputs.c $input').refs.map(isInputRef)).toEqual([true, true, false, false]);
  });
});

describe('scanVelocity directives', () => {
  it('finds directives, their condition references and the variables they introduce', () => {
    const t = '#set($n = $input.count)#foreach($x in $list)$x#end#if($n > 1)big#{else}small#end ## note\n#* block *#done';
    const s = scanVelocity(t);
    expect(s.directives.map((d) => d.name)).toEqual(['set', 'foreach', 'end', 'if', 'else', 'end', 'comment', 'comment']);
    expect([...localVariables(s)]).toEqual(['n', 'x']);
    expect(s.refs.map((r) => r.root)).toEqual(['x']); // only printed references
    expect([...new Set(allReferences(s).map((r) => r.root))].sort()).toEqual(['input', 'list', 'n', 'x']);
  });
  it('does not take a JSON brace after #end, or #endpoint, as part of a directive', () => {
    expect(scanVelocity('{#if($a)1#end}').directives.map((d) => [d.name, d.end])).toEqual([['if', 8], ['end', 13]]);
    expect(scanVelocity('#endpoint').directives).toEqual([]);
  });
});

describe('renderTemplate', () => {
  const t = '{"a": "${input.x}", "b": ${input.y}#if($c), "c": 1#else, "d": 2#end}';
  const s = scanVelocity(t);
  it('stubs references inside strings as text and outside as the wildcard, mapping back to the template', () => {
    const r = renderTemplate(t, s, 'first');
    expect(r.text).toBe(`{"a": "x", "b": ${WILDCARD}, "c": 1}`);
    expect(r.placed.map((p) => p.inString)).toEqual([true, false]);
    expect(r.map[r.text.indexOf('x')]).toBe(t.indexOf('${input.x}'));
    expect(r.stubs.get(r.text.indexOf(WILDCARD))?.path).toEqual(['y']);
  });
  it('renders the #else branch for `last` and every branch for `all`', () => {
    expect(renderTemplate(t, s, 'last').text).toBe(`{"a": "x", "b": ${WILDCARD}, "d": 2}`);
    expect(renderTemplate(t, s, 'all').text).toBe(`{"a": "x", "b": ${WILDCARD}, "c": 1, "d": 2}`);
  });
  it('runs loops once (first) or never (last)', () => {
    const loop = '[#foreach($x in $xs)"$x"#end]';
    const ls = scanVelocity(loop);
    expect(renderTemplate(loop, ls, 'first').text).toBe('["x"]');
    expect(renderTemplate(loop, ls, 'last').text).toBe('[]');
  });
  it('tracks JSON string state across escaped quotes', () => {
    const q = '{"a": "say \\"${input.x}\\"", "b": ${input.y}}';
    expect(renderTemplate(q, scanVelocity(q), 'all').placed.map((p) => p.inString)).toEqual([true, false]);
  });
});
