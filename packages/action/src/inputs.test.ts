import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError, readInputs, splitPaths } from './inputs.js';

const set = (name: string, v: string) => vi.stubEnv(`INPUT_${name.toUpperCase()}`, v);
afterEach(() => vi.unstubAllEnvs());

describe('readInputs', () => {
  it('reads defaults and kebab-case inputs', () => {
    set('github-token', '');
    set('paths', 'flows\n  data  \n\nflows/Proactive callback offer.yaml\n');
    set('filter-mode', 'diff_context');
    const i = readInputs();
    expect(i).toMatchObject({ paths: ['flows', 'data', 'flows/Proactive callback offer.yaml'], reporter: 'both', filterMode: 'diff_context', failOn: 'error', maxComments: 25, sarifFile: '' });
  });
  it('rejects unknown values, naming the input and the choices', () => {
    set('fail-on', 'sometimes');
    expect(() => readInputs()).toThrow(InputError);
    expect(() => readInputs()).toThrow(/`fail-on` is "sometimes"; expected one of error, warning, never/);
    vi.unstubAllEnvs();
    set('max-comments', '-1');
    expect(() => readInputs()).toThrow(/max-comments/);
  });
  it('masks the token', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    set('github-token', 'sekret123');
    readInputs();
    const out = write.mock.calls.map((c) => String(c[0])).join('');
    write.mockRestore();
    expect(out).toBe('::add-mask::sekret123\n');
  });
  it('empty paths mean the workspace', () => {
    expect(splitPaths('  ')).toEqual(['.']);
    expect(splitPaths('\n \r\n')).toEqual(['.']);
  });
  it('one entry per line: spaces inside a name are kept (a real file name), CRLF too', () => {
    expect(splitPaths('Proactive callback offer.yaml\r\nflows/**/*.yaml\r\n')).toEqual(['Proactive callback offer.yaml', 'flows/**/*.yaml']);
  });
});
